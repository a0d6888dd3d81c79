import type { ResultOutcome } from '../../shared/api';
import { isProblem, severity, type Status } from '../../shared/status';

// A single result is not yet a status (thresholds decide that), but it is drawn like one.
const OUTCOME_STATUS: Record<ResultOutcome, Status> = { ok: 'up', degraded: 'degraded', failed: 'down', unknown: 'unknown', maintenance: 'maintenance' };

/** The status whose colour and shape a result with this outcome is drawn in. */
export function outcomeStatus(outcome: ResultOutcome): Status {
  return OUTCOME_STATUS[outcome];
}

/** The worse of two outcomes: failed, then degraded, then unknown, then maintenance, then ok. */
export function worseOutcome(a: ResultOutcome, b: ResultOutcome): ResultOutcome {
  return severity(OUTCOME_STATUS[b]) > severity(OUTCOME_STATUS[a]) ? b : a;
}

/** The word for an outcome on the page. */
export const OUTCOME_WORD: Record<ResultOutcome, string> = { ok: 'OK', degraded: 'Degraded', failed: 'Failed', unknown: 'Unknown', maintenance: 'Maintenance' };

/** Whether a result is a problem worth showing under the latest failures: planned maintenance is not one. */
export function isProblemOutcome(outcome: ResultOutcome): boolean {
  return isProblem(OUTCOME_STATUS[outcome]);
}
