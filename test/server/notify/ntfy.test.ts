import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ntfyNotifier } from '../../../server/notify/ntfy';
import { byTimeout } from '../../helpers/timing';
import { FakeApi } from '../oncall/fake-api';
import { closedPort, deliveryContext, failure, samplePage, sampleResolve } from './sample';

const TOKEN = 'tk_7eevizlsiwf9yi4uxsrs83r4352o0';

let ntfy: FakeApi;
let base: string;
beforeEach(async () => {
  // ntfy answers a publication with the message it stored.
  ntfy = new FakeApi((request) => ({ body: { id: 'hwQ2YpKdmg', time: 1795000000, event: 'message', ...JSON.parse(request.body) } }));
  base = await ntfy.listen();
});
afterEach(() => ntfy.close());

const config = (fields: Record<string, unknown> = {}) => ntfyNotifier.configSchema.parse({ type: 'ntfy', url: `${base}/ntfy`, token: TOKEN, ...fields });
const target = () => ntfyNotifier.targetSchema.parse({ topic: 'alice-pages' });

describe('the ntfy notifier', () => {
  it('publishes as JSON to the server’s root, any text as it is: topic, title, message, top priority, tags, click and the buttons, with the token', async () => {
    await ntfyNotifier.send(config(), target(), samplePage({ title: 'Caisse – paiements est en panne' }), deliveryContext());

    const [request] = ntfy.received;
    expect([request!.method, request!.url.pathname, request!.headers['content-type']]).toEqual(['POST', '/ntfy/', 'application/json']);
    expect(request!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(JSON.parse(request!.body)).toEqual({
      topic: 'alice-pages',
      title: 'Caisse – paiements est en panne',
      message:
        'health: expected status 200, got 503\nport: connection refused\nAlso down because of it: Storefront, Mobile API\nPaged: Alice Liddell, primary on call for Payments',
      priority: 5,
      tags: ['rotating_light'],
      click: 'https://status.example.com/services/checkout',
      actions: [
        { action: 'view', label: 'Acknowledge', url: 'https://status.example.com/ack/inc-20261120-0007?sig=3b1f0c9e2d', clear: true },
        { action: 'view', label: 'Open on the board', url: 'https://status.example.com/services/checkout' },
        { action: 'view', label: 'Runbook', url: 'https://wiki.example.com/runbooks/checkout' },
      ],
    });
  });

  it('publishes a resolve at the default priority, and sends no Authorization without a token', async () => {
    await ntfyNotifier.send(config({ token: undefined }), target(), sampleResolve(), deliveryContext());

    const [request] = ntfy.received;
    expect(request!.headers.authorization).toBeUndefined();
    expect(JSON.parse(request!.body)).toMatchObject({
      title: 'Checkout API is back up',
      message: 'Checkout API is back up after 12m. It went down on: health: expected status 200, got 503 (+1 more)',
      priority: 3,
      tags: ['white_check_mark'],
    });
  });

  it('takes 401 and 400 as refused for good in ntfy’s words, 429 and 500 as worth retrying, never showing the token', async () => {
    const send = () => failure(ntfyNotifier.send(config(), target(), samplePage(), deliveryContext()));
    ntfy.answer = (request) => ({ status: 401, body: { code: 40101, http: 401, error: `unauthorized (${request.headers.authorization})` } });
    const unauthorized = await send();
    ntfy.answer = () => ({ status: 400, body: { code: 40010, http: 400, error: 'invalid request: topic invalid' } });
    const invalid = await send();
    ntfy.answer = () => ({ status: 429, headers: { 'retry-after': '60' }, body: { code: 42901, http: 429, error: 'limit reached: too many requests' } });
    const limited = await send();
    ntfy.answer = () => ({ status: 500, body: 'internal error' });
    const broken = await send();

    expect([unauthorized.message, unauthorized.retryable]).toEqual(['ntfy answered 401 unauthorized (Bearer ***)', false]);
    expect([invalid.message, invalid.retryable]).toEqual(['ntfy answered 400 invalid request: topic invalid', false]);
    expect([limited.retryable, limited.retryAfterMs]).toEqual([true, 60_000]);
    expect([broken.message, broken.retryable]).toEqual(['ntfy answered 500 internal error', true]);
  });

  it('gives up on a server that never answers at the timeout, and says when it is unreachable', async () => {
    ntfy.answer = () => 'hang';
    const started = performance.now();
    const silent = await failure(ntfyNotifier.send(config(), target(), samplePage(), deliveryContext({ timeoutMs: 300 })));
    expect(performance.now() - started).toBeLessThan(byTimeout(300));

    const port = await closedPort();
    const refused = await failure(ntfyNotifier.send(config({ url: `http://127.0.0.1:${port}` }), target(), samplePage(), deliveryContext()));

    expect([silent.message, silent.retryable]).toEqual(['no answer from ntfy within 300ms', true]);
    expect([refused.message, refused.retryable]).toEqual(['ntfy unreachable: connection refused', true]);
  });

  it('shows the topic, never the token, and refuses a topic ntfy would not take', () => {
    expect(ntfyNotifier.address(config(), target(), {})).toBe('ntfy topic alice-pages');
    expect(ntfyNotifier.secrets(config(), target())).toEqual([TOKEN]);
    expect(ntfyNotifier.targetSchema.safeParse({ topic: 'alice pages/../x' }).error?.issues[0]?.message).toBe('a topic is 1 to 64 letters, digits, "-" or "_"');
    expect(ntfyNotifier.configSchema.parse({ type: 'ntfy' }).url).toBe('https://ntfy.sh');
  });
});
