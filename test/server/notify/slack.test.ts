import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { slackNotifier } from '../../../server/notify/slack';
import { byTimeout } from '../../helpers/timing';
import { FakeApi } from '../oncall/fake-api';
import { closedPort, deliveryContext, failure, samplePage, sampleResolve } from './sample';

const HOOK_TOKEN = 'xK9fPq2LmZ7vRt4WbN8cYd3H';
const OK = { headers: { 'content-type': 'text/plain' }, body: 'ok' };

let slack: FakeApi;
let hookUrl: string;
beforeEach(async () => {
  slack = new FakeApi(() => OK);
  hookUrl = `${await slack.listen()}/services/T0ABCDEF1/B0GHIJKL2/${HOOK_TOKEN}`;
});
afterEach(() => slack.close());

const config = (fields: Record<string, unknown> = {}) => slackNotifier.configSchema.parse({ type: 'slack', ...fields });
const target = (fields: Record<string, unknown> = {}) => slackNotifier.targetSchema.parse({ url: hookUrl, ...fields });

/** The message Slack received, parsed. */
function received(index = 0) {
  const request = slack.received[index]!;
  expect([request.method, request.url.pathname, request.headers['content-type']]).toEqual([
    'POST',
    `/services/T0ABCDEF1/B0GHIJKL2/${HOOK_TOKEN}`,
    'application/json; charset=utf-8',
  ]);
  return JSON.parse(request.body) as SlackMessage;
}

/** A Block Kit block, as far as these tests read it. */
interface Block {
  type: string;
  text: { type: string; text: string };
  fields: Array<{ text: string }>;
  elements: Array<{ text: { text: string } }>;
}
interface SlackMessage {
  text: string;
  username?: string;
  blocks?: Block[];
  attachments?: Array<{ color: string; blocks: Block[] }>;
}

const blocksOf = (message: SlackMessage, type: string) => (message.blocks ?? []).filter((block) => block.type === type);

describe('the slack notifier', () => {
  it('posts a Block Kit page: the title as header, the reason, what else is down, the team, when it opened, and the buttons', async () => {
    await slackNotifier.send(config({ username: 'Greenboard' }), target({ mention: 'U024BE7LH' }), samplePage(), deliveryContext());

    const message = received();
    expect(message.username).toBe('Greenboard');
    expect(message.text).toBe('<@U024BE7LH> :red_circle: Checkout API is down: health: expected status 200, got 503 (+1 more)');
    expect(blocksOf(message, 'header')).toEqual([{ type: 'header', text: { type: 'plain_text', text: ':red_circle: Checkout API is down', emoji: true } }]);
    const sections = blocksOf(message, 'section');
    expect(sections[0]!.text.text).toBe('<@U024BE7LH> *Why*\nhealth: expected status 200, got 503\nport: connection refused');
    expect(sections[1]!.text.text).toBe('*Also down because of it:* Storefront, Mobile API');
    expect(sections[2]!.fields.map((field) => field.text)).toEqual([
      '*Team*\nPayments',
      `*Opened*\n<!date^${Date.UTC(2026, 10, 20, 14, 2) / 1_000}^{date_short_pretty} at {time}|2026-11-20 14:02 UTC>`,
      '*Paged*\nAlice Liddell, primary on call for Payments',
    ]);
    expect(blocksOf(message, 'actions')[0]!.elements).toEqual([
      {
        type: 'button',
        text: { type: 'plain_text', text: 'Acknowledge', emoji: true },
        url: 'https://status.example.com/ack/inc-20261120-0007?sig=3b1f0c9e2d',
        action_id: 'ack',
        style: 'primary',
      },
      {
        type: 'button',
        text: { type: 'plain_text', text: 'Open on the board', emoji: true },
        url: 'https://status.example.com/services/checkout',
        action_id: 'board',
      },
      { type: 'button', text: { type: 'plain_text', text: 'Runbook', emoji: true }, url: 'https://wiki.example.com/runbooks/checkout', action_id: 'runbook' },
    ]);
  });

  it('leaves out the buttons it has no link for, and a runbook link that is not http(s)', async () => {
    await slackNotifier.send(config(), target(), samplePage({ ackUrl: null, serviceUrl: null, runbookUrl: 'javascript:alert(1)' }), deliveryContext());

    expect(blocksOf(received(), 'actions')).toEqual([]);
  });

  it("mentions the person's own Slack handle when the route names nobody, and Slack's special mentions in its own form", async () => {
    await slackNotifier.send(config(), target(), samplePage(), deliveryContext({ contact: { slack: '@alice' } }));
    await slackNotifier.send(config(), target({ mention: 'here' }), samplePage(), deliveryContext({ contact: {} }));
    await slackNotifier.send(config(), target(), samplePage(), deliveryContext({ contact: {} }));

    expect([received(0).text, received(1).text, received(2).text].map((text) => text.split(' :red_circle:')[0])).toEqual([
      '@alice',
      '<!here>',
      expect.stringMatching(/^:red_circle:/),
    ]);
    expect(slackNotifier.address(config(), target({ mention: 'here' }), {})).toBe('Slack (here)');
    expect(slackNotifier.address(config(), target(), {})).toBe('Slack');
  });

  it("escapes Slack's markup in names and reasons, so a service cannot mention the channel or forge a link", async () => {
    await slackNotifier.send(
      config(),
      target(),
      samplePage({ service: { id: 'x', name: 'A & B <!channel>' }, title: 'A & B <!channel> is down', reason: 'body: <https://evil.example|click>' }),
      deliveryContext({ contact: {} }),
    );

    const message = received();
    expect(message.text).toBe(':red_circle: A &amp; B &lt;!channel&gt; is down: body: &lt;https://evil.example|click&gt;');
    expect(blocksOf(message, 'section')[0]!.text.text).toBe('*Why*\nbody: &lt;https://evil.example|click&gt;');
  });

  it('posts a resolve as one short line on a green bar, with the board link', async () => {
    await slackNotifier.send(config(), target(), sampleResolve(), deliveryContext({ contact: {} }));

    const message = received();
    expect(message.text).toBe(':large_green_circle: Checkout API is back up after 12m');
    expect(message.blocks).toBeUndefined();
    const [attachment] = message.attachments!;
    expect(attachment!.color).toBe('#2eb67d');
    expect(attachment!.blocks[0]!.text.text).toMatch(/^:large_green_circle: \*Checkout API is back up\* after 12m\.\nDown since <!date\^\d+\^/);
    expect(attachment!.blocks[1]!.elements.map((button) => button.text.text)).toEqual(['Open on the board', 'Runbook']);
  });

  it('takes 400 invalid_payload and 404 no_service as refused for good, in Slack’s own words', async () => {
    slack.answer = () => ({ status: 400, headers: { 'content-type': 'text/plain' }, body: 'invalid_payload' });
    const invalid = await failure(slackNotifier.send(config(), target(), samplePage(), deliveryContext()));
    slack.answer = () => ({ status: 404, headers: { 'content-type': 'text/plain' }, body: 'no_service' });
    const gone = await failure(slackNotifier.send(config(), target(), samplePage(), deliveryContext()));

    expect([invalid.message, invalid.retryable]).toEqual(['Slack answered 400 invalid_payload', false]);
    expect([gone.message, gone.retryable]).toEqual(['Slack answered 404 no_service', false]);
  });

  it('takes a 429 as worth retrying after its Retry-After, and a 500 as worth retrying', async () => {
    slack.answer = () => ({ status: 429, headers: { 'content-type': 'text/plain', 'retry-after': '30' }, body: 'rate_limited' });
    const limited = await failure(slackNotifier.send(config(), target(), samplePage(), deliveryContext()));
    slack.answer = () => ({ status: 500, headers: { 'content-type': 'text/plain' }, body: 'rollup_error' });
    const broken = await failure(slackNotifier.send(config(), target(), samplePage(), deliveryContext()));

    expect([limited.message, limited.retryable, limited.retryAfterMs]).toEqual(['Slack answered 429 rate_limited; retry after 30s', true, 30_000]);
    expect([broken.message, broken.retryable]).toEqual(['Slack answered 500 rollup_error', true]);
  });

  it('never shows the webhook URL, even when an answer quotes it', async () => {
    slack.answer = (request) => ({ status: 403, headers: { 'content-type': 'text/plain' }, body: `${request.url.pathname}: action_prohibited` });

    const error = await failure(slackNotifier.send(config(), target(), samplePage(), deliveryContext()));

    expect(error.message).toBe('Slack answered 403 /services/T0ABCDEF1/B0GHIJKL2/***:');
    expect(slackNotifier.secrets(config(), target())).toContain(hookUrl);
    expect(slackNotifier.secrets(config(), target())).toContain(HOOK_TOKEN);
  });

  it('gives up on a Slack that never answers at the timeout, and says when it is unreachable', async () => {
    slack.answer = () => 'hang';
    const started = performance.now();
    const silent = await failure(slackNotifier.send(config(), target(), samplePage(), deliveryContext({ timeoutMs: 300 })));
    expect(performance.now() - started).toBeLessThan(byTimeout(300));

    const port = await closedPort();
    const refused = await failure(
      slackNotifier.send(config(), target({ url: `http://127.0.0.1:${port}/services/T/B/${HOOK_TOKEN}` }), samplePage(), deliveryContext()),
    );

    expect([silent.message, silent.retryable]).toEqual(['no answer from Slack within 300ms', true]);
    expect([refused.message, refused.retryable]).toEqual(['Slack unreachable: connection refused', true]);
  });
});
