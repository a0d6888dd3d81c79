import type { CheckView, HistoryResult } from '../../shared/api';
import { isProblemOutcome } from './outcome';

/** A check with its most recent result that was not ok. */
export interface LatestProblem {
  /** The check as it is now. */
  check: CheckView;
  /** Its newest failed, degraded or unknown result in the window. */
  result: HistoryResult;
}

/**
 * For each check, in the order given, its newest result that was a problem (not ok, nor planned maintenance); checks with
 * none in the window are left out. `results` are oldest first, as the API sends them. Pure.
 */
export function latestProblems(checks: readonly CheckView[], results: readonly HistoryResult[]): LatestProblem[] {
  const newest = new Map<string, HistoryResult>();
  for (const result of results) {
    if (isProblemOutcome(result.outcome)) newest.set(result.checkId, result);
  }
  return checks.flatMap((check) => {
    const result = newest.get(check.id);
    return result ? [{ check, result }] : [];
  });
}
