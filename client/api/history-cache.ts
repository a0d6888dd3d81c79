import { HISTORY_RESULT_LIMIT, type HistoryBucket, type HistoryResponse, type HistoryResult, type HistorySeries } from '../../shared/api';

/**
 * A cached history with one live result added: it becomes its check's latest, joins
 * the results (without its details when ok, as the server stores them) and its check's
 * slices, and the window slides forward to it, letting the oldest results and slices go. Pure.
 */
export function addLiveResult(history: HistoryResponse, result: HistoryResult): HistoryResponse {
  const at = Date.parse(result.at);
  const from = Date.parse(history.from);
  const to = Date.parse(history.to);
  if (!Number.isFinite(at) || at < from) return history;
  const newTo = Math.max(to, at);
  const newFrom = from + (newTo - to);
  const kept = history.results.filter((r) => Date.parse(r.at) >= newFrom);
  const entry = result.outcome === 'ok' ? { ...result, details: null } : result;
  // Results come in order of arrival; one that overtook another still goes in its place.
  let index = kept.length;
  while (index > 0 && Date.parse(kept[index - 1]!.at) > at) index--;
  const results = [...kept.slice(0, index), entry, ...kept.slice(index)];
  const overflow = Math.max(0, results.length - HISTORY_RESULT_LIMIT);
  const previous = history.latest.find((r) => r.checkId === result.checkId);
  const latest = previous && Date.parse(previous.at) > at ? history.latest : [...history.latest.filter((r) => r.checkId !== result.checkId), result];
  return {
    ...history,
    from: new Date(newFrom).toISOString(),
    to: new Date(newTo).toISOString(),
    results: overflow > 0 ? results.slice(overflow) : results,
    latest,
    truncated: history.truncated || overflow > 0,
    series: history.series.map((s) => (s.checkId === result.checkId ? addToSeries(s, result, at, newFrom) : withinWindow(s, newFrom))),
  };
}

/** The series without the slices that ended before the window's start. */
function withinWindow(series: HistorySeries, from: number): HistorySeries {
  const inside = (b: HistoryBucket) => Date.parse(b.at) + series.stepMs > from;
  // Oldest first: when the first is still inside, all are, and a result a second costs one look.
  const first = series.buckets[0];
  return first === undefined || inside(first) ? series : { ...series, buckets: series.buckets.filter(inside) };
}

/**
 * A check's slices with one more run (at `at`) counted in the slice that holds it: slices
 * start at multiples of `stepMs` since the epoch, as the server cuts them. Its runs and
 * slowest time are exact; its percentiles are left as they were (estimates, worked out
 * again at the next refetch), unless it is new or had none, when the run's time is all there is.
 */
function addToSeries(series: HistorySeries, result: HistoryResult, at: number, from: number): HistorySeries {
  const { buckets } = withinWindow(series, from);
  const start = Math.floor(at / series.stepMs) * series.stepMs;
  let index = buckets.length;
  while (index > 0 && Date.parse(buckets[index - 1]!.at) > start) index--;
  const held = buckets[index - 1];
  const latency = result.latencyMs;
  if (held && Date.parse(held.at) === start) {
    const runs = { ...held.runs, [result.outcome]: (held.runs[result.outcome] ?? 0) + 1 };
    const maxMs = latency === null ? held.maxMs : Math.max(held.maxMs ?? latency, latency);
    const p50Ms = held.p50Ms ?? latency;
    const p95Ms = held.p95Ms ?? latency;
    return { ...series, buckets: buckets.map((b) => (b === held ? { ...held, runs, p50Ms, p95Ms, maxMs } : b)) };
  }
  const bucket: HistoryBucket = { at: new Date(start).toISOString(), runs: { [result.outcome]: 1 }, p50Ms: latency, p95Ms: latency, maxMs: latency };
  return { ...series, buckets: [...buckets.slice(0, index), bucket, ...buckets.slice(index)] };
}
