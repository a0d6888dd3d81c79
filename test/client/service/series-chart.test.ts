import { describe, expect, it } from 'vitest';
import type { HistoryBucket, HistorySeries } from '../../../shared/api';
import { joinLimit, seriesSummary, sliceRows, sliceRunsText, sliceTimesText, type SlicePoint } from '../../../client/service/series-chart';

const MINUTE = 60_000;
const T0 = Date.UTC(2026, 0, 5, 9, 0);
const NOW = T0 + 60 * MINUTE;

/** A slice `minute` minutes after T0 with these runs; 40/90/120 ms unless told. */
const bucket = (minute: number, runs: HistoryBucket['runs'] = { ok: 60 }, times: Partial<HistoryBucket> = {}): HistoryBucket => ({
  at: new Date(T0 + minute * MINUTE).toISOString(),
  runs,
  p50Ms: 40,
  p95Ms: 90,
  maxMs: 120,
  ...times,
});
const series = (buckets: HistoryBucket[], stepMs = MINUTE): HistorySeries => ({ checkId: 'health', stepMs, buckets });
const shape = (s: HistorySeries, now = NOW) =>
  sliceRows(s, now).map((row) => (row.kind === 'gap' ? `gap ${(row.from - T0) / MINUTE}-${(row.to - T0) / MINUTE}` : (row.from - T0) / MINUTE));

describe('sliceRows', () => {
  it('joins slices one step apart, and breaks the lines where a slice is missing', () => {
    const restarted = series([bucket(0), bucket(1), bucket(4), bucket(5)]);
    expect(shape(restarted)).toEqual([0, 1, 'gap 2-4', 4, 5]);
    const rows = sliceRows(restarted, NOW);
    const gap = rows[2]!;
    expect([gap.p50Ms, gap.p95Ms]).toEqual([null, null]);
    expect(rows[0]).toMatchObject({ at: T0 + 30_000, p50Ms: 40, p95Ms: 90, maxMs: 120, runs: 60, problems: 0, outcome: 'ok' });
  });

  it('joins the slices of a check that runs less often than a step, but not across a hole in its runs', () => {
    // Every 5 minutes, sometimes landing 4 or 6 slices on; then nothing for 20 minutes.
    const buckets = [0, 5, 10, 16, 20, 25, 30, 35, 55, 60].map((m) => bucket(m, { ok: 1 }));
    expect(shape(series(buckets), T0 + 61 * MINUTE)).toEqual([0, 5, 10, 16, 20, 25, 30, 35, 'gap 36-55', 55, 60]);
  });

  it('draws the slice still filling in the middle of what has passed of it, not in the future', () => {
    const [row] = sliceRows(series([bucket(0)], 60 * MINUTE), T0 + 10 * MINUTE);
    expect(row).toMatchObject({ from: T0, to: T0 + 10 * MINUTE, at: T0 + 5 * MINUTE });
  });

  it('marks a slice as its worst run, and counts planned maintenance as no problem', () => {
    const [mixed, planned] = sliceRows(series([bucket(0, { ok: 50, degraded: 2, failed: 1, maintenance: 3 }), bucket(1, { ok: 4, maintenance: 2 })]), NOW);
    expect(mixed).toMatchObject({ outcome: 'failed', runs: 56, problems: 3 });
    expect(planned).toMatchObject({ outcome: 'maintenance', runs: 6, problems: 0 });
  });

  it('says which slices have no neighbour to be joined to, so they can be drawn as dots', () => {
    const rows = sliceRows(series([bucket(0), bucket(1), bucket(5), bucket(9), bucket(10, { failed: 60 }, { p50Ms: null, p95Ms: null, maxMs: null })]), NOW);
    const lone = rows.flatMap((row) => (row.kind === 'slice' ? [[(row.from - T0) / MINUTE, row.lone]] : []));
    // 9 has a neighbour, but one with no response time: nothing to draw a line to.
    expect(lone).toEqual([
      [0, false],
      [1, false],
      [5, true],
      [9, true],
      [10, false],
    ]);
  });

  it('draws nothing for no slices', () => {
    expect(sliceRows(series([]), NOW)).toEqual([]);
  });
});

describe('joinLimit', () => {
  it.each([
    { what: 'no spacing to go by', starts: [0], runs: 1, limit: 1 },
    { what: 'several runs a slice, whatever the holes', starts: [0, 1, 5, 9, 10], runs: 60, limit: 1 },
    { what: 'a run a slice, every slice', starts: [0, 1, 2, 3, 4, 9], runs: 1, limit: 1 },
    { what: 'a run every 5 slices', starts: [0, 5, 10, 15, 20, 26, 30], runs: 1, limit: 6 },
    { what: 'a run every slice and a half', starts: [0, 1, 3, 4, 6, 7, 9], runs: 1, limit: 3 },
  ])('$what: joined up to $limit steps apart', ({ starts, runs, limit }) => {
    expect(
      joinLimit(
        starts.map((m) => ({ from: m * MINUTE, runs })),
        MINUTE,
      ),
    ).toBe(limit * MINUTE);
  });
});

describe('seriesSummary', () => {
  it('sums the runs and problems of every slice and keeps the slowest time, without pretending to know the median', () => {
    const buckets = [bucket(0, { ok: 58, failed: 2 }, { maxMs: 300 }), bucket(1, { ok: 1, unknown: 1, maintenance: 4 }, { maxMs: 2_500 })];
    expect(seriesSummary(buckets)).toEqual({ runs: 66, problems: 3, medianMs: null, maxMs: 2_500 });
  });

  it('has no slowest time when no run got one', () => {
    expect(seriesSummary([bucket(0, { failed: 3 }, { p50Ms: null, p95Ms: null, maxMs: null })])).toEqual({ runs: 3, problems: 3, medianMs: null, maxMs: null });
  });
});

describe('a slice in words', () => {
  const point = (runs: HistoryBucket['runs'], times: Partial<HistoryBucket> = {}) => sliceRows(series([bucket(0, runs, times)]), NOW)[0] as SlicePoint;

  it('counts its runs and tells those not ok by outcome, worst first', () => {
    expect(sliceRunsText(point({ ok: 57, degraded: 1, failed: 2 }))).toBe('60 runs · 3 not ok (2 failed, 1 degraded)');
    expect(sliceRunsText(point({ ok: 1 }))).toBe('1 run · 0 not ok');
    expect(sliceRunsText(point({ ok: 4, maintenance: 2 }))).toBe('6 runs · 0 not ok · 2 in maintenance');
  });

  it('gives its median, 95th percentile and slowest time, or says no run got one', () => {
    expect(sliceTimesText(point({ ok: 60 }, { p50Ms: 41, p95Ms: 120, maxMs: 1_240 }))).toBe('median 41 ms · 95th percentile 120 ms · slowest 1.24 s');
    expect(sliceTimesText(point({ failed: 2 }, { p50Ms: null, p95Ms: null, maxMs: null }))).toBe('No run got a response time');
  });
});
