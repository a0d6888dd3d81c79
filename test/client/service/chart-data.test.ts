import { describe, expect, it } from 'vitest';
import { chartPoints, latencySummary, resultsByCheck, timeTicks } from '../../../client/service/chart-data';
import type { HistoryResult } from '../../../shared/api';

const FROM = Date.UTC(2026, 0, 5, 9, 0);
const r = (offsetMs: number, latencyMs: number | null, outcome: HistoryResult['outcome'] = 'ok', checkId = 'health'): HistoryResult => ({
  checkId,
  at: new Date(FROM + offsetMs).toISOString(),
  outcome,
  message: '',
  latencyMs,
  details: null,
});

describe('chartPoints', () => {
  it('draws few results one by one, as they are', () => {
    const points = chartPoints([r(0, 10), r(1_000, null, 'failed'), r(2_000, 30, 'degraded')], FROM, FROM + 3_000);
    expect(points.map((p) => [p.at - FROM, p.latencyMs, p.outcome, p.runs])).toEqual([
      [0, 10, 'ok', 1],
      [1_000, null, 'failed', 1],
      [2_000, 30, 'degraded', 1],
    ]);
  });

  it('merges many results into slices that keep the slowest time and the worst outcome', () => {
    // 4 slices of 1 s over [FROM, FROM + 4 s); 3 results in each of the first two.
    const results = [r(0, 10), r(300, 90), r(600, 20), r(1_000, null, 'failed'), r(1_300, 15, 'degraded'), r(1_600, 5)];
    const points = chartPoints(results, FROM, FROM + 4_000, 4);
    expect(points.map((p) => [p.at - FROM, p.latencyMs, p.outcome, p.runs, p.problems])).toEqual([
      [500, 90, 'ok', 3, 0],
      [1_500, 15, 'failed', 3, 2],
    ]);
  });

  it('a slice where no run got a response time has none', () => {
    const results = [r(0, null, 'failed'), r(100, null, 'failed'), r(200, null, 'failed')];
    expect(chartPoints(results, FROM, FROM + 1_000, 2).map((p) => p.latencyMs)).toEqual([null]);
  });
});

describe('resultsByCheck and latencySummary', () => {
  it('groups by check in order and sums each up', () => {
    const groups = resultsByCheck([r(0, 10), r(0, 7, 'ok', 'port'), r(1, 30, 'failed'), r(2, null, 'failed'), r(3, 20)]);
    expect([...groups.keys()]).toEqual(['health', 'port']);
    expect(latencySummary(groups.get('health')!)).toEqual({ runs: 4, problems: 2, medianMs: 20, maxMs: 30 });
    expect(latencySummary([r(0, null, 'failed')])).toEqual({ runs: 1, problems: 1, medianMs: null, maxMs: null });
  });
});

describe('timeTicks', () => {
  const at = (h: number, m = 0, s = 0) => Date.UTC(2026, 0, 5, h, m, s);
  it.each([
    { span: '40 s', from: at(9, 0, 3), to: at(9, 0, 43), step: 5_000, first: at(9, 0, 5) },
    { span: '1 hour', from: at(9, 7), to: at(10, 7), step: 15 * 60_000, first: at(9, 15) },
    { span: '24 hours', from: at(9, 7), to: at(9, 7) + 86_400_000, step: 3 * 3_600_000, first: at(12) },
    { span: '7 days', from: at(9, 7), to: at(9, 7) + 7 * 86_400_000, step: 86_400_000, first: Date.UTC(2026, 0, 6) },
    { span: '30 days', from: at(9, 7), to: at(9, 7) + 30 * 86_400_000, step: 4 * 86_400_000, first: undefined },
  ])('over $span: a round step, ticks on round times, at most 8', ({ from, to, step, first }) => {
    const { ticks, stepMs } = timeTicks(from, to, 8, 0);
    expect(stepMs).toBe(step);
    if (first !== undefined) expect(ticks[0]).toBe(first);
    expect(ticks[0]).toBeGreaterThanOrEqual(from);
    expect(ticks.length).toBeLessThanOrEqual(8);
    expect(ticks.every((t, i) => i === 0 || t - ticks[i - 1]! === step)).toBe(true);
    expect(ticks.at(-1)).toBeLessThanOrEqual(to);
  });

  it('puts ticks on round local times', () => {
    const { ticks } = timeTicks(at(9, 7), at(10, 7), 6, 30 * 60_000); // a zone 30 minutes ahead of UTC
    expect(ticks[0]).toBe(at(9, 15));
    expect(new Date(ticks[0]! + 30 * 60_000).getUTCMinutes() % 15).toBe(0);
  });
});
