import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SqliteStore } from '../../../server/store/sqlite';
import { uptimeInputs } from '../../../server/uptime/report';
import { sloViews } from '../../../server/uptime/slo-report';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const START = Date.parse('2026-01-01T00:00Z');
const NOW = START + 40 * DAY;

const slo = (percent: number, days: number) => ({ target: percent / 100, windowMs: days * DAY, window: `${days}d` });
const services = [
  { id: 'checkout', slo: slo(99.9, 30) },
  { id: 'search', slo: slo(99.9, 30) },
  { id: 'batch', slo: slo(99, 7) },
  { id: 'docs', slo: null },
];

let store: SqliteStore;
const sources = () => ({ store, watchingSince: () => null, now: () => NOW });

beforeEach(async () => {
  store = new SqliteStore(':memory:');
  await store.migrate();
  // Watched without a break for all 40 days; every service up from the first.
  await store.runAlive(await store.startRun(START), NOW);
  for (const { id } of services) await store.writeServiceTransition(id, { from: null, to: 'up', at: START });
  // Checkout and batch were both down for 30 minutes ten days ago.
  for (const id of ['checkout', 'batch']) {
    await store.writeServiceTransition(id, { from: 'up', to: 'down', at: NOW - 10 * DAY });
    await store.writeServiceTransition(id, { from: 'down', to: 'up', at: NOW - 10 * DAY + 30 * MINUTE });
  }
});
afterEach(() => store.close());

describe('objectives over their own windows, ending now', () => {
  it("judges each service over its objective's window; one without an objective has none", async () => {
    const views = await sloViews(sources(), services, NOW);
    // 30 days of 99.9 %: 43.2 minutes, 30 of them spent.
    expect(views.get('checkout')).toMatchObject({ window: '30d', budgetMs: 43.2 * MINUTE, budgetLeftMs: 13.2 * MINUTE, breached: false });
    expect(views.get('search')).toMatchObject({ budgetLeftMs: 43.2 * MINUTE, burnRate: 0 });
    // Ten days ago is outside the last 7: batch's week is untouched (99 % of 7 days is 100.8 minutes).
    expect(views.get('batch')).toMatchObject({ window: '7d', uptime: 1, budgetMs: 100.8 * MINUTE, budgetLeftMs: 100.8 * MINUTE });
    expect(views.get('docs')).toBeNull();
  });

  it('reads the store once per distinct window, not once per service', async () => {
    const reads = vi.spyOn(store, 'uptimeFacts');
    await sloViews(sources(), services, NOW);
    expect(reads.mock.calls.map(([ids, from, to]) => [ids, (to - from) / DAY])).toEqual(
      expect.arrayContaining([
        [['checkout', 'search'], 30],
        [['batch'], 7],
      ]),
    );
    expect(reads).toHaveBeenCalledTimes(2);
  });

  it('does not read again a window the question already read', async () => {
    const asked = await uptimeInputs(
      sources(),
      services.map((s) => s.id),
      { from: NOW - 30 * DAY, to: NOW },
    );
    const reads = vi.spyOn(store, 'uptimeFacts');
    const views = await sloViews(sources(), services, NOW, asked);
    expect(reads.mock.calls.map(([ids]) => ids)).toEqual([['batch']]);
    expect(views.get('checkout')!.budgetLeftMs).toBe(13.2 * MINUTE);
  });
});
