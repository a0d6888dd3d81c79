/**
 * Time limits for tests, relative to the timeout of the check they time. On a busy
 * machine (two cores, other test runs at once) timers fire late and processes start
 * slowly: a bare timeout as a limit fails there though nothing is wrong.
 */

/** What a busy machine may add to anything a test times. */
export const BUSY_MARGIN_MS = 2_000;

/**
 * The most a run with `timeoutMs` may take as a test sees it: its timeout, then the
 * margin. Whether the check itself answered before its timeout shows in its message
 * (the runner's own answer is "timed out after …"), not in a stopwatch.
 */
export function byTimeout(timeoutMs: number): number {
  return timeoutMs + BUSY_MARGIN_MS;
}

/**
 * For a run that must end long before its timeout would end it (an abort, an answer
 * judged from the first bytes): under half the timeout. Give such a check a timeout of
 * several seconds, so that half of it is still a lot on a busy machine.
 */
export function wellBefore(timeoutMs: number): number {
  return timeoutMs / 2;
}
