import { describe, expect, it } from 'vitest';
import type { Status } from '../../../shared/status';
import { checkBoardKey, checkStatusAt, impactedBy, serviceStatusOf, viewCheck, type CheckFacts } from '../../../server/engine/aggregate';
import { freshnessWindowMs } from '../../../server/engine/freshness';

const check = (status: Status, lastAt: number | null, freshnessMs = 10_000): CheckFacts => ({
  id: 'c',
  type: 'http',
  machine: { status, since: 50, failures: 0, successes: 1 },
  last: lastAt === null ? null : { at: lastAt, outcome: 'ok', message: 'HTTP 200', latencyMs: 12.345 },
  freshnessMs,
});

describe('check freshness', () => {
  it('a check with a fresh result shows its state', () => {
    const view = viewCheck(check('up', 1_000), 5_000);
    expect(view).toMatchObject({ status: 'up', stale: false, message: 'HTTP 200', latencyMs: 12.3 });
    expect(view.since).toBe(new Date(50).toISOString());
  });

  it('a check whose last result is older than its window is unknown, never up', () => {
    const view = viewCheck(check('up', 1_000), 11_001);
    expect(view.status).toBe('unknown');
    expect(view.stale).toBe(true);
    expect(view.since).toBe(new Date(11_000).toISOString());
    expect(view.message).toMatch(/no fresh result since/);
  });

  it('a check that never ran is unknown with no since', () => {
    expect(viewCheck(check('unknown', null), 0)).toMatchObject({ status: 'unknown', since: null, message: 'no result yet' });
  });

  it('the window is the interval, the timeout and a margin', () => {
    expect(freshnessWindowMs(10_000, 2_000)).toBe(14_000);
    expect(freshnessWindowMs(60_000, 5_000)).toBe(77_000);
  });
});

describe("a check's board key, built without its view", () => {
  // Every kind of check a board can show, at moments fresh, at the edge and stale.
  const variants: CheckFacts[] = [
    check('up', 1_000),
    check('down', 1_000),
    check('degraded', 2_000),
    check('unknown', null),
    { ...check('up', 1_000), last: { at: 1_000, outcome: 'ok', message: 'HTTP 204', latencyMs: 80 } },
    { ...check('up', 1_000), last: { at: 1_000, outcome: 'ok', message: 'HTTP 200', latencyMs: 999 } },
    { ...check('up', 3_000), machine: { status: 'up', since: 900, failures: 0, successes: 2 } },
  ];
  const moments = [1_000, 5_000, 11_000, 11_001, 13_000, 20_000];
  const shown = (facts: CheckFacts, now: number) => {
    const { status, since, message, stale } = viewCheck(facts, now);
    return JSON.stringify([status, since, message, stale]);
  };

  it('gives the status the view shows', () => {
    for (const facts of variants) for (const now of moments) expect(checkStatusAt(facts, now)).toBe(viewCheck(facts, now).status);
  });

  it('is the same exactly when the tile would be: a latency or a time alone changes nothing', () => {
    const cases = variants.flatMap((facts) => moments.map((now) => ({ facts, now })));
    for (const a of cases) {
      for (const b of cases) {
        expect(checkBoardKey(a.facts, a.now) === checkBoardKey(b.facts, b.now), `${shown(a.facts, a.now)} / ${shown(b.facts, b.now)}`).toBe(
          shown(a.facts, a.now) === shown(b.facts, b.now),
        );
      }
    }
  });
});

describe('service status', () => {
  it.each<[Status[], Status]>([
    [['up', 'up'], 'up'],
    [['up', 'degraded'], 'degraded'],
    [['up', 'down', 'degraded'], 'down'],
    [['up', 'unknown'], 'unknown'],
    [[], 'unknown'],
  ])('checks %j make the service %s', (statuses, expected) => {
    const views = statuses.map((s) => viewCheck(check(s, 1_000), 1_000));
    expect(serviceStatusOf(views)).toBe(expected);
  });
});

describe('impact through dependencies', () => {
  const graph: Record<string, string[]> = {
    shop: ['checkout', 'search'],
    checkout: ['payments', 'orders-db'],
    payments: ['orders-db'],
    search: [],
    'orders-db': [],
    a: ['b'],
    b: ['a'],
  };
  const deps = (id: string) => graph[id] ?? [];

  it('a service whose dependency is down is impacted by it', () => {
    const status = (id: string): Status => (id === 'orders-db' ? 'down' : 'up');
    expect(impactedBy('checkout', deps, status)).toEqual(['orders-db']);
  });

  it('impact travels through intermediate services to the root cause', () => {
    const status = (id: string): Status => (id === 'orders-db' ? 'down' : 'up');
    expect(impactedBy('shop', deps, status)).toEqual(['orders-db']);
  });

  it('every down dependency on the way is named', () => {
    const status = (id: string): Status => (id === 'orders-db' || id === 'payments' ? 'down' : 'up');
    expect(impactedBy('shop', deps, status)).toEqual(['orders-db', 'payments']);
  });

  it('degraded dependencies do not make a service impacted', () => {
    expect(impactedBy('checkout', deps, () => 'degraded')).toEqual([]);
  });

  it('a dependency cycle does not loop for ever', () => {
    expect(impactedBy('a', deps, (id) => (id === 'b' ? 'down' : 'up'))).toEqual(['b']);
  });
});
