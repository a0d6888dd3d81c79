import { HISTORY_RESULT_LIMIT, type HistoryResponse, type HistoryResult } from '../../shared/api';

/**
 * A cached history with one live result added: it becomes its check's latest, joins
 * the results (without its details when ok, as the server stores them) and the window
 * slides forward to it, letting the oldest results go. Pure.
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
  };
}
