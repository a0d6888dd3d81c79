import { describe, expect, it } from 'vitest';
import { uptimeFigures } from '../../../server/uptime/figures';
import type { UptimeInput } from '../../../server/uptime/model';
import { sloView } from '../../../server/uptime/slo';

const MINUTE = 60_000;
const DAY = 24 * 60 * MINUTE;
const START = Date.parse('2026-03-01T00:00Z');
const THIRTY_DAYS = { from: START, to: START + 30 * DAY };
const objective = { target: 0.999, window: '30d' };

/** A service seen long before March 2026, watched all 30 days, up since before they began. */
function month(overrides: Partial<UptimeInput> = {}): UptimeInput {
  return {
    window: THIRTY_DAYS,
    statusBefore: 'up',
    transitions: [],
    monitored: [THIRTY_DAYS],
    firstSeenAt: Date.parse('2026-01-01T00:00Z'),
    incidents: [],
    ...overrides,
  };
}

/** Down for `minutes` from the tenth day on, then up again. */
const outage = (minutes: number): UptimeInput['transitions'] => [
  { at: START + 10 * DAY, to: 'down' },
  { at: START + 10 * DAY + minutes * MINUTE, to: 'up' },
];

const sloOf = (input: UptimeInput, target = objective) => sloView(uptimeFigures(input), target);

describe('the error budget of an objective', () => {
  it('99.9 % over 30 days fully watched allows 43.2 minutes of downtime', () => {
    expect(sloOf(month())).toEqual({
      target: 0.999,
      window: '30d',
      uptime: 1,
      budgetMs: 43.2 * MINUTE,
      budgetLeftMs: 43.2 * MINUTE,
      burnRate: 0,
      breached: false,
    });
  });

  it('21 minutes down leaves 22.2 minutes, spent at about half the rate that would use it all', () => {
    const slo = sloOf(month({ transitions: outage(21) }));
    expect(slo.budgetMs).toBe(43.2 * MINUTE);
    expect(slo.budgetLeftMs).toBe(22.2 * MINUTE);
    // (21 min ÷ 43 200 min) ÷ 0.001 = 0.4861…
    expect(slo.burnRate).toBeCloseTo(0.486, 3);
    expect(slo.breached).toBe(false);
  });

  it('time the board did not watch neither spends the budget nor adds to it', () => {
    // The server was stopped for the last 2 days: 28 days watched, budget 0.1 % of them.
    const watched = { from: START, to: START + 28 * DAY };
    const slo = sloOf(month({ monitored: [watched], transitions: outage(21) }));
    expect(slo.budgetMs).toBe(40.32 * MINUTE);
    expect(slo.budgetLeftMs).toBe(19.32 * MINUTE);
  });

  it('maintenance does not spend the budget', () => {
    const slo = sloOf(month({ transitions: [{ at: START + DAY, to: 'maintenance' }] }));
    expect(slo.budgetLeftMs).toBe(slo.budgetMs);
    expect(slo.burnRate).toBe(0);
  });

  it.each([
    ['is kept while downtime is within the budget', 43, false],
    ['is kept when the downtime spends it exactly (nothing left is not less than nothing)', 43.2, false],
    ['is breached once the downtime is over the budget', 44, true],
  ])('the objective %s', (_, minutesDown, breached) => {
    const slo = sloOf(month({ transitions: outage(minutesDown) }));
    expect(slo.breached).toBe(breached);
    expect(slo.budgetLeftMs).toBe(Math.round((43.2 - minutesDown) * MINUTE));
  });

  it('a spent budget shows how far over it is, and a burn rate above 1', () => {
    const slo = sloOf(month({ transitions: outage(86.4) }));
    expect(slo.budgetLeftMs).toBe(-43.2 * MINUTE);
    expect(slo.burnRate).toBeCloseTo(2, 10);
    expect(slo.breached).toBe(true);
  });

  it('with nothing watched there is no budget, no burn rate and no breach', () => {
    const slo = sloOf(month({ monitored: [] }));
    expect(slo).toMatchObject({ uptime: null, budgetMs: 0, budgetLeftMs: 0, burnRate: null, breached: false });
  });

  it('a looser target allows proportionally more: 99 % over 7 days is 100.8 minutes', () => {
    const week = { from: START, to: START + 7 * DAY };
    const slo = sloOf(month({ window: week, monitored: [week] }), { target: 0.99, window: '7d' });
    expect(slo.budgetMs).toBe(100.8 * MINUTE);
    expect(slo.window).toBe('7d');
  });
});
