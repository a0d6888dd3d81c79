import { readFileSync } from 'node:fs';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SHIFTS_QUERY } from '../../../server/oncall/goalert-api';
import { goalertProvider } from '../../../server/oncall/goalert';
import { byTimeout, wellBefore } from '../../helpers/timing';
import { FakeApi, rejection, testContext, type Answer, type Received } from './fake-api';

const TOKEN = 'eyJgoalert-secret-key.4711';
const SCHEDULE = '6a4f2c1e-0d6b-4a51-9d5e-2f1c3b7a8e90';
const HOUR = 3_600_000;
const T0 = Date.parse('2026-03-02T09:00:00Z');
const WINDOW = { from: T0, to: T0 + 7 * 24 * HOUR };

const at = (hour: number) => new Date(T0 + hour * HOUR).toISOString();

/** One `OnCallShift` as GoAlert's schema gives it (graphql2/schema.graphql). */
function shift(name: string | null, fromHour: number, toHour: number) {
  const user = name === null ? null : { name, email: `${name.toLowerCase()}@example.com` };
  return { userID: `user-${name ?? 'gone'}`, user, start: at(fromHour), end: at(toHour), truncated: false };
}

/** GoAlert answering the shifts query of SCHEDULE with `shifts`, and nothing for another schedule. */
function schedule(shifts: unknown[]) {
  return (request: Received): Answer => {
    const { variables } = JSON.parse(request.body) as { variables: { id: string } };
    return { body: { data: { schedule: variables.id === SCHEDULE ? { shifts } : null } } };
  };
}

let api: FakeApi;
let url: string;
beforeEach(async () => {
  api = new FakeApi(schedule([shift('Bob', 24, 48), shift('Alice', -12, 24), shift(null, 48, 60)]));
  url = `${await api.listen()}/goalert`;
});
afterEach(() => api.close());

const config = (fields: Record<string, unknown> = {}) => goalertProvider.configSchema.parse({ url, token: TOKEN, scheduleId: SCHEDULE, ...fields });

describe('the goalert on-call provider', () => {
  it('reads a schedule’s shifts, sorted, with names and emails, and a deleted user by id', async () => {
    const shifts = await goalertProvider.shifts(config(), WINDOW, testContext().context);

    expect(shifts).toEqual([
      { who: { name: 'Alice', email: 'alice@example.com' }, from: T0 - 12 * HOUR, to: T0 + 24 * HOUR },
      { who: { name: 'Bob', email: 'bob@example.com' }, from: T0 + 24 * HOUR, to: T0 + 48 * HOUR },
      { who: { name: 'GoAlert user user-gone' }, from: T0 + 48 * HOUR, to: T0 + 60 * HOUR },
    ]);
  });

  it('asks as GoAlert’s API says: POST under the path prefix, a bearer token, the fixed query, the schedule and the window', async () => {
    await goalertProvider.shifts(config(), WINDOW, testContext().context);

    const [request] = api.received;
    expect([request!.method, request!.url.pathname]).toEqual(['POST', '/goalert/api/graphql']);
    expect(request!.headers.authorization).toBe(`Bearer ${TOKEN}`);
    expect(JSON.parse(request!.body)).toEqual({ query: SHIFTS_QUERY, variables: { id: SCHEDULE, start: at(0), end: at(168) } });
  });

  it('when the schedule does not exist, says so', async () => {
    const error = await rejection(goalertProvider.shifts(config({ scheduleId: 'no-such-schedule' }), WINDOW, testContext().context));

    expect(error.message).toBe('GoAlert: no schedule with id "no-such-schedule"');
  });

  it('when GoAlert answers with a GraphQL error (a key made for another query), passes it on', async () => {
    api.answer = () => ({ body: { errors: [{ message: 'wrong query for API key', extensions: { code: 'invalid_query' } }], data: null } });

    const error = await rejection(goalertProvider.shifts(config(), WINDOW, testContext().context));

    expect(error.message).toBe('GoAlert: wrong query for API key');
  });

  it('when GoAlert refuses the token, says so, without the token', async () => {
    api.answer = () => ({ status: 401, body: 'unauthorized' });

    const error = await rejection(goalertProvider.shifts(config(), WINDOW, testContext().context));

    expect(error.message).toBe('GoAlert refused the token (401)');
  });

  it('when rate limited, says after how long to ask again', async () => {
    api.answer = () => ({ status: 429, headers: { 'retry-after': '7' }, body: 'slow down' });

    const error = await rejection(goalertProvider.shifts(config(), WINDOW, testContext().context));

    expect([error.message, error.retryAfterMs]).toEqual(['GoAlert rate limited; retry after 7s', 7_000]);
  });

  it('when GoAlert does not answer, gives up at the timeout and says so', async () => {
    api.answer = () => 'hang';
    const started = performance.now();

    const error = await rejection(goalertProvider.shifts({ ...config(), timeout: 300 }, WINDOW, testContext().context));

    expect(error.message).toBe('GoAlert did not answer within 300ms');
    expect(performance.now() - started).toBeLessThan(byTimeout(300));
  });

  it('stops at once when its team is no longer watched', async () => {
    api.answer = () => 'hang';
    const stop = new AbortController();
    const started = performance.now();

    const pending = rejection(goalertProvider.shifts({ ...config(), timeout: 10_000 }, WINDOW, testContext(stop.signal).context));
    await vi.waitUntil(() => api.received.length === 1);
    stop.abort();

    expect((await pending).message).toBe('GoAlert call cancelled');
    expect(performance.now() - started).toBeLessThan(wellBefore(10_000));
  });

  it('refuses an answer that is not JSON', async () => {
    api.answer = () => ({ body: 'GoAlert is starting' });

    expect((await rejection(goalertProvider.shifts(config(), WINDOW, testContext().context))).message).toBe('GoAlert answered something that is not JSON');
  });

  it('refuses JSON that is not a schedule’s shifts, rather than show a wrong person', async () => {
    api.answer = () => ({ body: { data: { schedule: { shifts: [{ userID: 'u', user: null, start: 'soon', end: at(1) }] } } } });

    const error = await rejection(goalertProvider.shifts(config(), WINDOW, testContext().context));

    expect(error.message).toBe('GoAlert answered in a shape that is not a schedule\'s shifts: "soon" is not a time');
  });

  it('never puts the token in a message or a log line, even when GoAlert echoes it', async () => {
    const { context, lines } = testContext();
    const answers: Answer[] = [{ body: { errors: [{ message: `invalid token ${TOKEN}` }] } }, { status: 403, body: TOKEN }, { body: TOKEN }];
    const messages: string[] = [];
    for (const answer of answers) {
      api.answer = () => answer;
      messages.push((await rejection(goalertProvider.shifts(config(), WINDOW, context))).message);
    }

    expect(messages[0]).toMatch(/^GoAlert: invalid token /);
    for (const text of [...messages, ...lines.map((line) => JSON.stringify(line))]) expect(text).not.toContain('goalert-secret-key');
  });
});

describe('the goalert config', () => {
  it('takes the documented defaults and lists the token as a secret', () => {
    const parsed = config();

    expect(parsed).toMatchObject({ refresh: 120_000, timeout: 10_000 });
    expect(goalertProvider.secrets(parsed)).toEqual([TOKEN]);
  });

  it('refuses a config without a schedule', () => {
    const result = goalertProvider.configSchema.safeParse({ url, token: TOKEN });

    expect(result.error?.issues.map((i) => i.path.join('.'))).toEqual(['scheduleId']);
  });
});

describe('the goalert query', () => {
  it('is the one the README tells admins to make the API key for, word for word', () => {
    expect(readFileSync(new URL('../../../README.md', import.meta.url), 'utf8')).toContain(`\n${SHIFTS_QUERY}\n`);
  });
});
