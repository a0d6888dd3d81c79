import { describe, expect, it } from 'vitest';
import { HISTORY_RESULT_LIMIT, type HistoryBucket, type HistoryResponse, type HistoryResult } from '../../../shared/api';
import { addLiveResult } from '../../../client/api/history-cache';
import { history, result } from '../service/fake-api';

const T0 = Date.parse('2026-01-05T14:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();
const window = (overrides: Parameters<typeof history>[0] = {}) => history({ from: iso(T0 - 3_600_000), to: iso(T0), ...overrides });
const run = (at: number, overrides: Partial<HistoryResult> = {}) => result({ at: iso(at), ...overrides });

describe('adding a live result to a cached history', () => {
  it('appends it, slides the window forward to it, and lets results that fell out of it go', () => {
    const cached = window({ results: [run(T0 - 3_590_000, { message: 'old' }), run(T0 - 60_000, { message: 'recent' })] });
    const next = addLiveResult(cached, run(T0 + 20_000, { message: 'live' }));
    expect(next.results.map((r) => r.message)).toEqual(['recent', 'live']);
    expect([next.from, next.to]).toEqual([iso(T0 - 3_580_000), iso(T0 + 20_000)]);
    expect(cached.results).toHaveLength(2); // the cached value is not changed in place
  });

  it("becomes its check's latest with its details, but joins the results without them when ok", () => {
    const cached = window({ latest: [run(T0 - 60_000, { checkId: 'health' }), run(T0 - 60_000, { checkId: 'port' })] });
    const live = run(T0 + 1_000, { checkId: 'health', details: { statusCode: 200 } });
    const next = addLiveResult(cached, live);
    expect(next.results).toEqual([{ ...live, details: null }]);
    expect(next.latest.find((r) => r.checkId === 'health')).toEqual(live);
    expect(next.latest.find((r) => r.checkId === 'port')).toEqual(cached.latest[1]);
  });

  it('keeps the details of a failure in the results too', () => {
    const failed = run(T0 + 1_000, { outcome: 'failed', details: { statusCode: 503 } });
    expect(addLiveResult(window(), failed).results).toEqual([failed]);
  });

  it('puts a result that arrives late in its place, and never lets it replace a newer latest', () => {
    const cached = window({ results: [run(T0 - 10_000, { message: 'a' }), run(T0 - 2_000, { message: 'c' })], latest: [run(T0 - 2_000, { message: 'c' })] });
    const next = addLiveResult(cached, run(T0 - 5_000, { message: 'b' }));
    expect(next.results.map((r) => r.message)).toEqual(['a', 'b', 'c']);
    expect(next.latest.map((r) => r.message)).toEqual(['c']);
    expect(next.to).toBe(cached.to);
  });

  it('ignores a result from before the window', () => {
    const cached = window();
    expect(addLiveResult(cached, run(T0 - 7_200_000))).toBe(cached);
  });

  it('holds no more results than one answer would, and says older ones were left out', () => {
    const full = window({ results: Array.from({ length: HISTORY_RESULT_LIMIT }, (_, i) => run(T0 - 3_000_000 + i, { message: `r${i}` })) });
    const next = addLiveResult(full, run(T0 + 1, { message: 'live' }));
    expect(next.results).toHaveLength(HISTORY_RESULT_LIMIT);
    expect(next.results[0]!.message).toBe('r1');
    expect(next.results.at(-1)!.message).toBe('live');
    expect(next.truncated).toBe(true);
  });
});

describe("adding a live result to its check's slices", () => {
  const MINUTE = 60_000;
  // T0 is on the hour: slices of a minute start at T0 - n minutes.
  const slice = (start: number, overrides: Partial<HistoryBucket> = {}): HistoryBucket => ({
    at: iso(start),
    runs: { ok: 10 },
    p50Ms: 40,
    p95Ms: 90,
    maxMs: 120,
    ...overrides,
  });
  const withSeries = (buckets: HistoryBucket[], checkId = 'health'): HistoryResponse => window({ series: [{ checkId, stepMs: MINUTE, buckets }] });
  const bucketsOf = (h: HistoryResponse, checkId = 'health') => h.series.find((s) => s.checkId === checkId)!.buckets;

  it('counts it in the slice that holds it: its outcome, and a new slowest time, but leaves the percentiles', () => {
    const cached = withSeries([slice(T0 - 2 * MINUTE), slice(T0 - MINUTE)]);
    const next = addLiveResult(cached, run(T0 - MINUTE + 30_000, { outcome: 'failed', latencyMs: 900 }));
    expect(bucketsOf(next)[1]).toEqual({ at: iso(T0 - MINUTE), runs: { ok: 10, failed: 1 }, p50Ms: 40, p95Ms: 90, maxMs: 900 });
    expect(bucketsOf(next)[0]).toBe(bucketsOf(cached)[0]);
    expect(bucketsOf(cached)[1]!.runs).toEqual({ ok: 10 }); // the cached value is not changed in place
  });

  it('a run with no response time counts, and changes no time', () => {
    const next = addLiveResult(withSeries([slice(T0 - MINUTE)]), run(T0 - 1_000, { outcome: 'failed', latencyMs: null }));
    expect(bucketsOf(next)).toEqual([slice(T0 - MINUTE, { runs: { ok: 10, failed: 1 } })]);
  });

  it("starts a new slice on a whole step since the epoch, its times all the run's", () => {
    const next = addLiveResult(withSeries([slice(T0 - MINUTE)]), run(T0 + 20_000, { latencyMs: 55 }));
    expect(bucketsOf(next).map((b) => b.at)).toEqual([iso(T0 - MINUTE), iso(T0)]);
    expect(bucketsOf(next)[1]).toEqual({ at: iso(T0), runs: { ok: 1 }, p50Ms: 55, p95Ms: 55, maxMs: 55 });
  });

  it('a slice that had no response time takes the first one that comes', () => {
    const cached = withSeries([slice(T0 - MINUTE, { runs: { failed: 3 }, p50Ms: null, p95Ms: null, maxMs: null })]);
    const next = addLiveResult(cached, run(T0 - 1_000, { latencyMs: 70 }));
    expect(bucketsOf(next)[0]).toEqual(slice(T0 - MINUTE, { runs: { failed: 3, ok: 1 }, p50Ms: 70, p95Ms: 70, maxMs: 70 }));
  });

  it('puts a run that comes late into a hole in its place, leaving the hole around it', () => {
    const cached = withSeries([slice(T0 - 10 * MINUTE), slice(T0 - MINUTE)]);
    const next = addLiveResult(cached, run(T0 - 5 * MINUTE + 1_000));
    expect(bucketsOf(next).map((b) => b.at)).toEqual([iso(T0 - 10 * MINUTE), iso(T0 - 5 * MINUTE), iso(T0 - MINUTE)]);
  });

  it("lets every check's slices that ended before the window's new start go", () => {
    const cached = window({
      series: [
        { checkId: 'health', stepMs: MINUTE, buckets: [slice(T0 - 60 * MINUTE), slice(T0 - 59 * MINUTE), slice(T0 - MINUTE)] },
        { checkId: 'port', stepMs: MINUTE, buckets: [slice(T0 - 60 * MINUTE), slice(T0 - 30 * MINUTE)] },
      ],
    });
    // The window slides 90 s: the slice from T0 - 60 min ended before its new start, the next one did not.
    const next = addLiveResult(cached, run(T0 + 90_000));
    expect(bucketsOf(next).map((b) => b.at)).toEqual([iso(T0 - 59 * MINUTE), iso(T0 - MINUTE), iso(T0 + MINUTE)]);
    expect(bucketsOf(next, 'port').map((b) => b.at)).toEqual([iso(T0 - 30 * MINUTE)]);
  });

  it('makes up no slices for a check the server sent none for', () => {
    const next = addLiveResult(withSeries([slice(T0 - MINUTE)], 'port'), run(T0 + 1_000, { checkId: 'health' }));
    expect(next.series.map((s) => s.checkId)).toEqual(['port']);
    expect(next.results).toHaveLength(1);
  });
});
