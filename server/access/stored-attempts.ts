import { createHash } from 'node:crypto';
import type { ClientRateLimitInfo, Options, Store as RateLimitStore } from 'express-rate-limit';
import type { Store } from '../store/store';

/** When each store was last pruned: the limiters on one store prune it once a window between them. */
const prunedAt = new WeakMap<Store, number>();

/**
 * A rate limiter's counts kept in the board's store: on PostgreSQL every instance counts
 * into the same row, so spreading sign-in attempts over the instances gains nothing; on
 * SQLite the counts outlive a restart. Counts whose window has ended are pruned as it goes.
 * Keys are stored hashed: a name typed at sign-in is sometimes a password typed in the wrong field.
 */
export class StoredAttempts implements RateLimitStore {
  readonly localKeys = false;
  private windowMs = 60_000;

  constructor(
    private readonly store: Store,
    /** Sets this limiter's keys apart from another's (`signin-user:`). */
    readonly prefix: string,
    private readonly now: () => number = Date.now,
  ) {
    if (!prunedAt.has(store)) prunedAt.set(store, now());
  }

  init(options: Options): void {
    this.windowMs = options.windowMs;
  }

  async increment(key: string): Promise<ClientRateLimitInfo> {
    const at = this.now();
    const { hits, resetAt } = await this.store.countAttempt(this.stored(key), 1, at, this.windowMs);
    // Keys nobody uses again (addresses, mistyped names) would stay for ever otherwise;
    // a prune that fails is tried again a window later.
    if (at - prunedAt.get(this.store)! >= this.windowMs) {
      prunedAt.set(this.store, at);
      void this.store.pruneAttempts(at).catch(() => undefined);
    }
    return { totalHits: hits, resetTime: new Date(resetAt) };
  }

  async decrement(key: string): Promise<void> {
    await this.store.countAttempt(this.stored(key), -1, this.now(), this.windowMs);
  }

  async resetKey(key: string): Promise<void> {
    await this.store.forgetAttempts(this.stored(key));
  }

  private stored(key: string): string {
    return this.prefix + createHash('sha256').update(key).digest('base64url');
  }
}
