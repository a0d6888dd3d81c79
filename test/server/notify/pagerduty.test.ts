import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { pagerdutyNotifier } from '../../../server/notify/pagerduty';
import { byTimeout } from '../../helpers/timing';
import { FakeApi, type Received } from '../oncall/fake-api';
import { closedPort, deliveryContext, failure, samplePage, sampleResolve } from './sample';

const ROUTING_KEY = 'R0c4f8e2a6b1d9c3e7f5a0b8d2c6e4f1';

/** PagerDuty's Events API v2 as documented: 202 with `{ status, message, dedup_key }`. */
const accepted = (request: Received) => ({
  status: 202,
  body: { status: 'success', message: 'Event processed', dedup_key: (JSON.parse(request.body) as { dedup_key: string }).dedup_key },
});

let pagerduty: FakeApi;
let url: string;
beforeEach(async () => {
  pagerduty = new FakeApi(accepted);
  url = `${await pagerduty.listen()}/v2/enqueue`;
});
afterEach(() => pagerduty.close());

const config = () => pagerdutyNotifier.configSchema.parse({ type: 'pagerduty', url });
const target = () => pagerdutyNotifier.targetSchema.parse({ routingKey: ROUTING_KEY });

describe('the pagerduty notifier', () => {
  it('triggers an alert as the Events API v2 documents: routing key, dedup key, payload and links', async () => {
    await pagerdutyNotifier.send(config(), target(), samplePage(), deliveryContext());

    const [request] = pagerduty.received;
    expect([request!.method, request!.url.pathname, request!.headers['content-type']]).toEqual(['POST', '/v2/enqueue', 'application/json']);
    expect(JSON.parse(request!.body)).toEqual({
      routing_key: ROUTING_KEY,
      event_action: 'trigger',
      dedup_key: 'greenboard-inc-20261120-0007',
      payload: {
        summary: 'Checkout API is down: health: expected status 200, got 503 (+1 more)',
        source: 'greenboard',
        severity: 'critical',
        timestamp: '2026-11-20T14:02:00.000Z',
        component: 'checkout',
        group: 'payments',
        custom_details: {
          service: 'Checkout API',
          team: 'Payments',
          reason: ['health: expected status 200, got 503', 'port: connection refused'],
          impacted: ['Storefront', 'Mobile API'],
          opened_at: '2026-11-20 14:02 UTC',
          paged: 'Alice Liddell, primary on call for Payments',
          incident: 'inc-20261120-0007',
        },
      },
      client: 'Greenboard',
      client_url: 'https://status.example.com/services/checkout',
      links: [
        { href: 'https://status.example.com/services/checkout', text: 'Open on the board' },
        { href: 'https://wiki.example.com/runbooks/checkout', text: 'Runbook' },
      ],
    });
  });

  it('resolves with the same dedup key, and nothing else', async () => {
    await pagerdutyNotifier.send(config(), target(), sampleResolve(), deliveryContext());

    expect(JSON.parse(pagerduty.received[0]!.body)).toEqual({ routing_key: ROUTING_KEY, event_action: 'resolve', dedup_key: 'greenboard-inc-20261120-0007' });
  });

  it('keeps the summary within the 1024 characters PagerDuty allows', async () => {
    await pagerdutyNotifier.send(config(), target(), samplePage({ reason: `health: ${'x'.repeat(3_000)}` }), deliveryContext());

    const summary = (JSON.parse(pagerduty.received[0]!.body) as { payload: { summary: string } }).payload.summary;
    expect(summary).toHaveLength(1_024);
    expect(summary.endsWith('…')).toBe(true);
  });

  it('takes a 400 as refused for good, in PagerDuty’s words, never with the routing key', async () => {
    pagerduty.answer = () => ({
      status: 400,
      body: { status: 'invalid event', message: 'Event object is invalid', errors: [`routing_key ${ROUTING_KEY} is not a known integration`] },
    });

    const error = await failure(pagerdutyNotifier.send(config(), target(), samplePage(), deliveryContext()));

    expect([error.message, error.retryable]).toEqual(['PagerDuty answered 400 Event object is invalid: routing_key *** is not a known integration', false]);
  });

  it('takes a 429 (PagerDuty gives no Retry-After) and a 500 as worth retrying', async () => {
    pagerduty.answer = () => ({ status: 429, body: { status: 'throttle event', message: 'Requests for this service are arriving too quickly.' } });
    const limited = await failure(pagerdutyNotifier.send(config(), target(), samplePage(), deliveryContext()));
    pagerduty.answer = () => ({ status: 500, body: '' });
    const broken = await failure(pagerdutyNotifier.send(config(), target(), samplePage(), deliveryContext()));

    expect([limited.message, limited.retryable, limited.retryAfterMs]).toEqual([
      'PagerDuty answered 429 Requests for this service are arriving too quickly.',
      true,
      undefined,
    ]);
    expect([broken.message, broken.retryable]).toEqual(['PagerDuty answered 500', true]);
  });

  it('gives up on a PagerDuty that never answers at the timeout, and says when it is unreachable', async () => {
    pagerduty.answer = () => 'hang';
    const started = performance.now();
    const silent = await failure(pagerdutyNotifier.send(config(), target(), samplePage(), deliveryContext({ timeoutMs: 300 })));
    expect(performance.now() - started).toBeLessThan(byTimeout(300));

    const port = await closedPort();
    const refused = await failure(
      pagerdutyNotifier.send(
        pagerdutyNotifier.configSchema.parse({ type: 'pagerduty', url: `http://127.0.0.1:${port}/v2/enqueue` }),
        target(),
        samplePage(),
        deliveryContext(),
      ),
    );

    expect([silent.message, silent.retryable]).toEqual(['no answer from PagerDuty within 300ms', true]);
    expect([refused.message, refused.retryable]).toEqual(['PagerDuty unreachable: connection refused', true]);
  });

  it('sends to PagerDuty’s own endpoint unless told otherwise, and refuses a routing key that is not one', () => {
    expect(pagerdutyNotifier.configSchema.parse({ type: 'pagerduty' }).url).toBe('https://events.pagerduty.com/v2/enqueue');
    expect(pagerdutyNotifier.targetSchema.safeParse({ routingKey: 'abc' }).error?.issues[0]?.message).toBe(
      'expected the 32-character integration key of an Events API v2 integration',
    );
    expect(pagerdutyNotifier.address(config(), target(), {})).toBe('PagerDuty');
  });
});
