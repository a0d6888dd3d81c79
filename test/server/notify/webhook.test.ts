import { createHmac, timingSafeEqual } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { webhookNotifier } from '../../../server/notify/webhook';
import { byTimeout, wellBefore } from '../../helpers/timing';
import { FakeApi } from '../oncall/fake-api';
import { closedPort, deliveryContext, failure, OPENED_AT, samplePage, sampleResolve } from './sample';

const SECRET = 'whsec-5b0e7c2a9d41f3e8';
const PATH_TOKEN = 'hk7Qm2Zp9Xw4Rt6Yb1Nc3Vd8';
const AUTH = 'Bearer rcv-token-a81f33c0d2';

let receiver: FakeApi;
let base: string;
beforeEach(async () => {
  receiver = new FakeApi(() => ({ status: 204, body: '' }));
  base = await receiver.listen();
});
afterEach(() => receiver.close());

const config = (fields: Record<string, unknown> = {}) =>
  webhookNotifier.configSchema.parse({ type: 'webhook', url: `${base}/hooks/${PATH_TOKEN}`, secret: SECRET, headers: { Authorization: AUTH }, ...fields });
const target = (fields: Record<string, unknown> = {}) => webhookNotifier.targetSchema.parse(fields);

/** What a receiver does to trust a page: the HMAC of the raw body under the shared secret, compared in constant time. */
function verifies(secret: string, rawBody: string, header: string | undefined): boolean {
  const expected = Buffer.from(`sha256=${createHmac('sha256', secret).update(rawBody).digest('hex')}`);
  const given = Buffer.from(header ?? '');
  return given.length === expected.length && timingSafeEqual(given, expected);
}

describe('the webhook notifier', () => {
  it('POSTs the page as JSON with its idempotency key, a timestamp, the configured headers and a signature the receiver can verify', async () => {
    await webhookNotifier.send(config(), target(), samplePage(), deliveryContext());

    const [request] = receiver.received;
    expect([request!.method, request!.url.pathname]).toEqual(['POST', `/hooks/${PATH_TOKEN}`]);
    expect(request!.headers['content-type']).toBe('application/json');
    expect(request!.headers['idempotency-key']).toBe('page-7f3a9c1e');
    expect(request!.headers['x-greenboard-timestamp']).toBe(String(Math.floor((OPENED_AT + 10_000) / 1_000)));
    expect(request!.headers.authorization).toBe(AUTH);
    expect(verifies(SECRET, request!.body, request!.headers['x-greenboard-signature'] as string)).toBe(true);
    expect(verifies('another-secret-of-16+', request!.body, request!.headers['x-greenboard-signature'] as string)).toBe(false);
    expect(JSON.parse(request!.body)).toEqual({
      kind: 'trigger',
      incidentId: 'inc-20261120-0007',
      dedupKey: 'greenboard-inc-20261120-0007',
      deliveryId: 'page-7f3a9c1e',
      service: { id: 'checkout', name: 'Checkout API' },
      team: { id: 'payments', name: 'Payments' },
      step: 'primary',
      recipient: { kind: 'person', id: 'alice', name: 'Alice Liddell' },
      title: 'Checkout API is down',
      reason: 'health: expected status 200, got 503\nport: connection refused',
      impacted: ['Storefront', 'Mobile API'],
      openedAt: OPENED_AT,
      resolvedAt: null,
      serviceUrl: 'https://status.example.com/services/checkout',
      ackUrl: 'https://status.example.com/ack/inc-20261120-0007?sig=3b1f0c9e2d',
      runbookUrl: 'https://wiki.example.com/runbooks/checkout',
    });
  });

  it('sends a resolve the same way, and no signature without a secret', async () => {
    await webhookNotifier.send(config({ secret: undefined }), target(), sampleResolve(), deliveryContext());

    const [request] = receiver.received;
    expect(request!.headers['x-greenboard-signature']).toBeUndefined();
    expect(JSON.parse(request!.body)).toMatchObject({ kind: 'resolve', resolvedAt: OPENED_AT + 12 * 60_000, ackUrl: null });
  });

  it("sends to the route's own url when it has one", async () => {
    await webhookNotifier.send(config(), target({ url: `${base}/teams/payments` }), samplePage(), deliveryContext());

    expect(receiver.received.map((r) => r.url.pathname)).toEqual(['/teams/payments']);
  });

  it('takes a 429 as worth retrying after the Retry-After it gives', async () => {
    receiver.answer = () => ({ status: 429, headers: { 'retry-after': '7' }, body: 'slow down' });

    const error = await failure(webhookNotifier.send(config(), target(), samplePage(), deliveryContext()));

    expect([error.retryable, error.retryAfterMs]).toEqual([true, 7_000]);
    expect(error.message).toMatch(/answered 429 slow down; retry after 7s$/);
  });

  it('takes a 5xx as worth retrying, and a 400 or 404 as refused for good', async () => {
    receiver.answer = () => ({ status: 502, body: 'bad gateway' });
    expect((await failure(webhookNotifier.send(config(), target(), samplePage(), deliveryContext()))).retryable).toBe(true);

    receiver.answer = () => ({ status: 400, body: { error: 'unknown field' } });
    const refused = await failure(webhookNotifier.send(config(), target(), samplePage(), deliveryContext()));
    expect([refused.message, refused.retryable]).toEqual([`webhook 127.0.0.1:${new URL(base).port} answered 400 {"error":"unknown field"}`, false]);

    receiver.answer = () => ({ status: 404, body: '' });
    expect((await failure(webhookNotifier.send(config(), target(), samplePage(), deliveryContext()))).retryable).toBe(false);
  });

  it('never shows the URL token, the secret or a header credential, even when the receiver echoes them', async () => {
    receiver.answer = (request) => ({
      status: 400,
      body: `bad request to ${base}${request.url.pathname} with ${request.headers.authorization} signed ${SECRET}`,
    });

    const error = await failure(webhookNotifier.send(config(), target(), samplePage(), deliveryContext()));

    expect(error.message).toContain('bad request to');
    for (const secret of [PATH_TOKEN, 'rcv-token-a81f33c0d2', SECRET]) expect(error.message).not.toContain(secret);
    expect(webhookNotifier.address(config(), target(), {})).toBe(`webhook 127.0.0.1:${new URL(base).port}`);
  });

  it('gives up on a receiver that never answers at the timeout, as worth retrying', async () => {
    receiver.answer = () => 'hang';
    const started = performance.now();

    const error = await failure(webhookNotifier.send(config(), target(), samplePage(), deliveryContext({ timeoutMs: 300 })));

    expect([error.message, error.retryable]).toEqual([`no answer from webhook 127.0.0.1:${new URL(base).port} within 300ms`, true]);
    expect(performance.now() - started).toBeLessThan(byTimeout(300));
  });

  it('stops at once when the delivery is cancelled', async () => {
    receiver.answer = () => 'hang';
    const stop = new AbortController();
    const started = performance.now();

    const pending = failure(webhookNotifier.send(config(), target(), samplePage(), deliveryContext({ timeoutMs: 10_000, signal: stop.signal })));
    await vi.waitUntil(() => receiver.received.length === 1);
    stop.abort();

    expect((await pending).message).toMatch(/^sending to webhook .* cancelled$/);
    expect(performance.now() - started).toBeLessThan(wellBefore(10_000));
  });

  it('says the receiver is unreachable when nothing listens, as worth retrying', async () => {
    const port = await closedPort();

    const error = await failure(
      webhookNotifier.send(config({ url: `http://127.0.0.1:${port}/hooks/${PATH_TOKEN}` }), target(), samplePage(), deliveryContext()),
    );

    expect([error.message, error.retryable]).toEqual([`webhook 127.0.0.1:${port} unreachable: connection refused`, true]);
  });

  it('refuses a config it could not send with, naming the field', () => {
    const issues = (fields: Record<string, unknown>) =>
      webhookNotifier.configSchema.safeParse({ type: 'webhook', ...fields }).error?.issues.map((i) => [i.path.join('.'), i.message]);

    expect(issues({ url: 'ftp://example.com/x' })).toEqual([['url', 'expected an http(s) URL, such as https://hooks.example.com/greenboard']]);
    expect(issues({ url: 'https://example.com', secret: 'short' })).toEqual([['secret', 'must be at least 16 characters']]);
    expect(issues({ url: 'https://example.com', headers: { 'X-Greenboard-Signature': 'forged' } })).toEqual([
      ['headers.X-Greenboard-Signature', 'X-Greenboard-Signature is set by Greenboard itself'],
    ]);
    expect(issues({ url: 'https://example.com', headers: { 'X-Team': 'a\r\nInjected: yes' } })).toEqual([
      ['headers.X-Team', 'a header value must be on one line'],
    ]);
    expect(webhookNotifier.problem(config({ url: undefined }), target(), {})).toBe('no url to send to: give the route a url, or the notifier one');
    expect(webhookNotifier.problem(config({ url: undefined }), target({ url: 'https://example.com/t' }), {})).toBeNull();
  });
});
