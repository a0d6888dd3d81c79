import type { Logger } from './log';

export interface ErrorThrottleOptions {
  /** How often, at most, a repeating error is told again, as a count. Default a minute. */
  periodMs?: number;
  now?: () => number;
}

interface Streak {
  /** When the first error of the streak came. */
  startedAt: number;
  /** When the repeats now being counted began. */
  windowAt: number;
  repeats: number;
}

const messageOf = (error: unknown) => (error instanceof Error ? error.message : String(error));

/**
 * Logs the first error of a kind in full (with its stack), then only how many more
 * came, at most once a period, until the kind recovers. A disk that fills up then fails
 * every write, hundreds a second; the log must say so once, not drown.
 * Keeps no timer: counts are told when the next error of the kind comes, or when it recovers.
 */
export class ErrorThrottle {
  private readonly streaks = new Map<string, Streak>();
  private readonly periodMs: number;
  private readonly now: () => number;

  constructor(
    private readonly log: Logger,
    options: ErrorThrottleOptions = {},
  ) {
    this.periodMs = options.periodMs ?? 60_000;
    this.now = options.now ?? Date.now;
  }

  /** An error of kind `key` (a check, "store.write"…): logged once, then counted. */
  error(key: string, error: unknown, message: string, fields: Record<string, unknown> = {}): void {
    const now = this.now();
    const streak = this.streaks.get(key);
    if (!streak) {
      this.streaks.set(key, { startedAt: now, windowAt: now, repeats: 0 });
      this.log.error({ ...fields, err: error }, message);
      return;
    }
    streak.repeats += 1;
    if (now - streak.windowAt < this.periodMs) return;
    this.log.error(
      { ...fields, repeats: streak.repeats, failingSince: new Date(streak.startedAt).toISOString(), lastError: messageOf(error) },
      `${message} (${streak.repeats} more times in the last ${Math.round((now - streak.windowAt) / 1000)} s)`,
    );
    streak.windowAt = now;
    streak.repeats = 0;
  }

  /** Kind `key` works again: tells the repeats not yet told; its next error is logged in full. */
  recovered(key: string, message: string, fields: Record<string, unknown> = {}): void {
    const streak = this.streaks.get(key);
    if (!streak) return;
    this.streaks.delete(key);
    this.log.info({ ...fields, repeats: streak.repeats, failedForMs: this.now() - streak.startedAt }, message);
  }

  /** Whether errors of kind `key` are being counted now. */
  failing(key: string): boolean {
    return this.streaks.has(key);
  }
}

/** `(key, error)` reporting through one ErrorThrottle: each key's errors once in full, then counted; `key` is logged as `check`. */
export function throttledReporter(log: Logger, message: string, options?: ErrorThrottleOptions): (key: string, error: unknown) => void {
  const throttle = new ErrorThrottle(log, options);
  return (key, error) => throttle.error(key, error, message, { check: key });
}
