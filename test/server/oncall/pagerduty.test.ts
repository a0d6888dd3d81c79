import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { pagerdutyProvider } from '../../../server/oncall/pagerduty';
import { byTimeout, wellBefore } from '../../helpers/timing';
import { FakeApi, rejection, testContext, type Answer, type Received } from './fake-api';

const TOKEN = 'u+pd-secret-token-4711';
const HOUR = 3_600_000;
const T0 = Date.parse('2026-03-02T09:00:00Z');
const WINDOW = { from: T0, to: T0 + 7 * 24 * HOUR };

/** One entry of `oncalls[]` as PagerDuty gives it with `include[]=users` (openapiv3.json, `Oncall`). */
function oncall(name: string, email: string, fromHour: number, toHour: number | null, level = 1) {
  return {
    user: { id: `P${name.toUpperCase()}`, type: 'user', summary: name, name, email, self: 'https://api.pagerduty.com/users/P1' },
    schedule: { id: 'PSCHED1', type: 'schedule_reference', summary: 'Payments primary' },
    escalation_policy: { id: 'PPOLICY', type: 'escalation_policy_reference', summary: 'Payments' },
    escalation_level: level,
    start: new Date(T0 + fromHour * HOUR).toISOString().replace('.000Z', 'Z'),
    end: toHour === null ? null : new Date(T0 + toHour * HOUR).toISOString(),
  };
}

/** `GET /oncalls` over `entries`, two per page, in the classic pagination envelope. */
function pages(entries: unknown[]) {
  return (request: Received): Answer => {
    const offset = Number(request.url.searchParams.get('offset') ?? 0);
    const oncalls = entries.slice(offset, offset + 2);
    return { body: { oncalls, limit: 2, offset, more: offset + 2 < entries.length, total: null } };
  };
}

const ROTA = [
  oncall('Alice', 'alice@example.com', 0, 24),
  oncall('Bob', 'bob@example.com', 24, 48),
  oncall('Carol', 'carol@example.com', 48, 72),
  oncall('Dave', 'dave@example.com', 72, 96),
  oncall('Erin', 'erin@example.com', 96, 120),
];

let api: FakeApi;
let baseUrl: string;
beforeEach(async () => {
  api = new FakeApi(pages(ROTA));
  baseUrl = await api.listen();
});
afterEach(() => api.close());

const config = (fields: Record<string, unknown> = {}) => pagerdutyProvider.configSchema.parse({ token: TOKEN, scheduleId: 'PSCHED1', baseUrl, ...fields });

describe('the pagerduty on-call provider', () => {
  it('reads every page of a schedule’s on-calls, with names and emails, in order', async () => {
    const shifts = await pagerdutyProvider.shifts(config(), WINDOW, testContext().context);

    expect(shifts.map((s) => [s.who.name, s.who.email, (s.from - T0) / HOUR, (s.to - T0) / HOUR])).toEqual([
      ['Alice', 'alice@example.com', 0, 24],
      ['Bob', 'bob@example.com', 24, 48],
      ['Carol', 'carol@example.com', 48, 72],
      ['Dave', 'dave@example.com', 72, 96],
      ['Erin', 'erin@example.com', 96, 120],
    ]);
    expect(api.received.map((r) => r.url.searchParams.get('offset'))).toEqual(['0', '2', '4']);
  });

  it('asks as the API reference says: the token in its scheme, version 2, the schedule, the window and the users’ emails', async () => {
    await pagerdutyProvider.shifts(config(), WINDOW, testContext().context);

    const [first] = api.received;
    expect(first!.url.pathname).toBe('/oncalls');
    expect(first!.headers.authorization).toBe(`Token token=${TOKEN}`);
    expect(first!.headers.accept).toBe('application/vnd.pagerduty+json;version=2');
    expect(first!.url.searchParams.getAll('schedule_ids[]')).toEqual(['PSCHED1']);
    expect(first!.url.searchParams.getAll('include[]')).toEqual(['users']);
    expect(Date.parse(first!.url.searchParams.get('since')!)).toBe(WINDOW.from);
    expect(Date.parse(first!.url.searchParams.get('until')!)).toBe(WINDOW.to);
  });

  it('shows one level of an escalation policy: the first unless another is configured, and an on-call without end as never ending', async () => {
    api.answer = pages([oncall('Alice', 'alice@example.com', 0, 24), oncall('Bob', 'bob@example.com', -100, null, 2)]);

    const first = await pagerdutyProvider.shifts(config({ scheduleId: undefined, escalationPolicyId: 'PPOLICY' }), WINDOW, testContext().context);
    const second = await pagerdutyProvider.shifts(
      config({ scheduleId: undefined, escalationPolicyId: 'PPOLICY', escalationLevel: 2 }),
      WINDOW,
      testContext().context,
    );

    expect(api.received[0]!.url.searchParams.getAll('escalation_policy_ids[]')).toEqual(['PPOLICY']);
    expect(first.map((s) => s.who.name)).toEqual(['Alice']);
    expect(second).toEqual([{ who: { name: 'Bob', email: 'bob@example.com' }, from: T0 - 100 * HOUR, to: Number.POSITIVE_INFINITY }]);
  });

  it('lists a schedule used by two policies once', async () => {
    api.answer = pages([oncall('Alice', 'alice@example.com', 0, 24, 1), oncall('Alice', 'alice@example.com', 0, 24, 2)]);

    const shifts = await pagerdutyProvider.shifts(config(), WINDOW, testContext().context);

    expect(shifts).toHaveLength(1);
  });

  it('when PagerDuty refuses the token, says so, without the token', async () => {
    api.answer = () => ({ status: 401, body: { error: { message: `Invalid token ${TOKEN}`, code: 2006 } } });

    const error = await rejection(pagerdutyProvider.shifts(config(), WINDOW, testContext().context));

    expect(error.message).toBe('PagerDuty refused the token (401)');
  });

  it('when rate limited, says after how long to ask again, and asks nothing more meanwhile', async () => {
    api.answer = () => ({ status: 429, headers: { 'retry-after': '30' }, body: { error: { message: 'Rate Limit Exceeded', code: 2020 } } });

    const error = await rejection(pagerdutyProvider.shifts(config(), WINDOW, testContext().context));

    expect(error.message).toBe('PagerDuty rate limited; retry after 30s');
    expect(error.retryAfterMs).toBe(30_000);
    expect(api.received).toHaveLength(1);
  });

  it('when rate limited with only PagerDuty’s ratelimit-reset header, waits that long', async () => {
    api.answer = () => ({ status: 429, headers: { 'ratelimit-reset': '12' }, body: {} });

    const error = await rejection(pagerdutyProvider.shifts(config(), WINDOW, testContext().context));

    expect(error.retryAfterMs).toBe(12_000);
  });

  it('when PagerDuty does not answer, gives up at the timeout and says so', async () => {
    api.answer = () => 'hang';
    const started = performance.now();

    const error = await rejection(pagerdutyProvider.shifts({ ...config(), timeout: 300 }, WINDOW, testContext().context));

    expect(error.message).toBe('PagerDuty did not answer within 300ms');
    expect(performance.now() - started).toBeLessThan(byTimeout(300));
  });

  it('stops at once when its team is no longer watched', async () => {
    api.answer = () => 'hang';
    const stop = new AbortController();
    const started = performance.now();

    const pending = rejection(pagerdutyProvider.shifts({ ...config(), timeout: 10_000 }, WINDOW, testContext(stop.signal).context));
    await vi.waitUntil(() => api.received.length === 1);
    stop.abort();

    expect((await pending).message).toBe('PagerDuty call cancelled');
    expect(performance.now() - started).toBeLessThan(wellBefore(10_000));
  });

  it('refuses an answer that is not JSON', async () => {
    api.answer = () => ({ body: '<html>maintenance</html>' });

    const error = await rejection(pagerdutyProvider.shifts(config(), WINDOW, testContext().context));

    expect(error.message).toBe('PagerDuty answered something that is not JSON');
  });

  it('refuses JSON that is not an on-call list, rather than show a wrong person', async () => {
    api.answer = () => ({ body: { oncalls: [{ user: { summary: 'Alice' }, escalation_level: 1, start: 'yesterday', end: null }] } });

    const error = await rejection(pagerdutyProvider.shifts(config(), WINDOW, testContext().context));

    expect(error.message).toBe('PagerDuty answered in a shape that is not an on-call list: "yesterday" is not a time');
  });

  it('never puts the token in a message or a log line, whatever goes wrong', async () => {
    const { context, lines } = testContext();
    const answers: Answer[] = [
      { status: 500, body: `token ${TOKEN} not accepted` },
      { status: 403, body: TOKEN },
      { body: TOKEN },
      { body: { oncalls: TOKEN } },
    ];
    const messages: string[] = [];
    for (const answer of answers) {
      api.answer = () => answer;
      messages.push((await rejection(pagerdutyProvider.shifts(config(), WINDOW, context))).message);
    }
    await api.close();
    messages.push((await rejection(pagerdutyProvider.shifts(config(), WINDOW, context))).message);

    expect(messages).toHaveLength(5);
    expect(messages[4]).toMatch(/^PagerDuty unreachable: /);
    for (const text of [...messages, ...lines.map((line) => JSON.stringify(line))]) expect(text).not.toContain('pd-secret-token');
  });
});

describe('the pagerduty config', () => {
  const parse = (fields: Record<string, unknown>) => pagerdutyProvider.configSchema.safeParse({ token: TOKEN, ...fields });

  it('takes the documented defaults', () => {
    expect(parse({ scheduleId: 'PSCHED1' }).data).toMatchObject({ baseUrl: 'https://api.pagerduty.com', refresh: 120_000, timeout: 10_000 });
  });

  it('refuses a config naming neither a schedule nor a policy', () => {
    expect(parse({}).error?.issues.map((i) => i.message)).toEqual(['give exactly one of scheduleId, escalationPolicyId']);
  });

  it('refuses a config naming both a schedule and a policy', () => {
    expect(parse({ scheduleId: 'S', escalationPolicyId: 'P' }).error?.issues.map((i) => i.message)).toEqual([
      'give exactly one of scheduleId, escalationPolicyId',
    ]);
  });

  it('refuses an escalation level with a schedule', () => {
    expect(parse({ scheduleId: 'S', escalationLevel: 2 }).error?.issues.map((i) => i.message)).toEqual([
      'escalationLevel applies to an escalationPolicyId only',
    ]);
  });

  it('lists the token as a secret', () => {
    expect(pagerdutyProvider.secrets(parse({ scheduleId: 'S' }).data!)).toEqual([TOKEN]);
  });
});
