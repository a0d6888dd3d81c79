/**
 * How long a result stays fresh: one interval, the timeout of the next run, and a
 * margin for scheduling delay. Past this the check is shown as unknown, never up.
 */
export function freshnessWindowMs(intervalMs: number, timeoutMs: number): number {
  return intervalMs + timeoutMs + Math.max(2_000, intervalMs * 0.2);
}

export function isFresh(lastResultAt: number | null, windowMs: number, now: number): boolean {
  return lastResultAt !== null && now - lastResultAt <= windowMs;
}
