import type { HistoryResult, HistoryTransition } from '../../shared/api';
import type { StoredResult, StoredTransition } from './store';

const iso = (ms: number) => new Date(ms).toISOString();

/** A stored result as the API and the socket send it: times as ISO 8601. */
export const historyResult = (r: StoredResult): HistoryResult => ({
  checkId: r.checkId,
  at: iso(r.at),
  outcome: r.outcome,
  message: r.message,
  latencyMs: r.latencyMs,
  details: r.details,
});

/** A stored status change as the API sends it. */
export const historyTransition = (t: StoredTransition): HistoryTransition => ({ checkId: t.checkId, from: t.from, to: t.to, at: iso(t.at) });
