import { describe, expect, it } from 'vitest';
import { HISTORY_RESULT_LIMIT, type HistoryResult } from '../../../shared/api';
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
