import type { ResultOutcome } from '../../shared/api';
import type { Status } from '../../shared/status';

// A single result is not yet a status (thresholds decide that), but it is drawn like one.
const OUTCOME_STATUS: Record<ResultOutcome, Status> = { ok: 'up', degraded: 'degraded', failed: 'down', unknown: 'unknown' };

const OUTCOME_RANK: Record<ResultOutcome, number> = { ok: 0, unknown: 1, degraded: 2, failed: 3 };

/** The status whose colour and shape a result with this outcome is drawn in. */
export function outcomeStatus(outcome: ResultOutcome): Status {
  return OUTCOME_STATUS[outcome];
}

/** The worse of two outcomes: failed, then degraded, then unknown, then ok. */
export function worseOutcome(a: ResultOutcome, b: ResultOutcome): ResultOutcome {
  return OUTCOME_RANK[b] > OUTCOME_RANK[a] ? b : a;
}

/** The word for an outcome on the page. */
export const OUTCOME_WORD: Record<ResultOutcome, string> = { ok: 'OK', degraded: 'Degraded', failed: 'Failed', unknown: 'Unknown' };
