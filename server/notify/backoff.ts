/** How a failed delivery is tried again. */
export interface RetryPolicy {
  /** Attempts in all, the first included; then the page is given up as failed. */
  maxAttempts: number;
  /** The wait after the first failure; each further failure doubles it, up to `maxDelayMs`. */
  baseDelayMs: number;
  maxDelayMs: number;
}

export const DEFAULT_RETRY: RetryPolicy = { maxAttempts: 8, baseDelayMs: 2_000, maxDelayMs: 5 * 60_000 };

/**
 * The wait before attempt `attempts + 1`: exponential, with "equal jitter" (half fixed,
 * half random) so a hundred pages failing together do not retry together; never less
 * than a receiver's Retry-After. Pure, given `random`.
 */
export function retryDelay(attempts: number, policy: RetryPolicy, random: number, retryAfterMs?: number): number {
  const exponential = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, attempts - 1));
  const jittered = exponential / 2 + (random * exponential) / 2;
  return Math.max(Math.round(jittered), retryAfterMs ?? 0);
}
