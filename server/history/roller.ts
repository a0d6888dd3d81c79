import { setImmediate as nextTurn } from 'node:timers/promises';
import type { RetentionConfig } from '../config/retention';
import type { Logger } from '../log';
import type { HistoryLevel, Store } from '../store/store';
import { HOUR_MS, hourRollupOf } from './hour-rollup';

/** An hour is rolled up this long after it ends: results of its last seconds may still be on their way. */
export const SETTLE_MS = 2 * 60_000;
/** How often the roller looks for a finished hour and history past its retention. */
const EVERY_MS = 60_000;
/** Series rolled up per transaction, and rows deleted per transaction: each a few milliseconds, so checks never wait long. */
const SERIES_PER_WRITE = 100;
const ROWS_PER_DELETE = 5_000;

export interface RollerDeps {
  store: Store;
  log: Logger;
  /** Read at every pass, so a reload that changes `retention:` applies from the next. */
  retention: () => RetentionConfig;
  now?: () => number;
  everyMs?: number;
  /** Several instances: whether this one rolls up now (one does, the holder of the first shard). Default: always. */
  leads?: () => boolean;
}

/**
 * Rolls each finished hour of history up into per-minute and per-hour rollups, then
 * prunes each level past its retention, in the background and in small transactions.
 * Where it got to is stored after each whole hour, so a restart midway does that hour
 * again (harmlessly: its rows are replaced) and goes on. Raw results are never pruned
 * before they are rolled up.
 */
export class HistoryRoller {
  private timer: ReturnType<typeof setInterval> | undefined;
  private running: Promise<void> | null = null;
  private stopped = false;

  constructor(private readonly deps: RollerDeps) {}

  start(): void {
    this.stopped = false;
    this.timer = setInterval(() => void this.pass(), this.deps.everyMs ?? EVERY_MS);
    this.timer.unref();
    void this.pass();
  }

  /** Stops after the transaction in progress, if any. */
  async stop(): Promise<void> {
    this.stopped = true;
    clearInterval(this.timer);
    await this.running;
  }

  /** One pass: every finished hour not yet rolled up, then pruning. Resolves when done; passes never overlap. */
  pass(): Promise<void> {
    this.running ??= this.passNow()
      .catch((error: unknown) => this.deps.log.error({ err: error }, 'rolling up or pruning history failed; trying again at the next pass'))
      .finally(() => (this.running = null));
    return this.running;
  }

  private async passNow(): Promise<void> {
    // Another instance does it: the work is the same, done once.
    if (this.deps.leads && !this.deps.leads()) return;
    const through = await this.rollUp();
    await this.prune(through);
  }

  /** Rolls up every finished hour after the stored mark; returns the new mark. */
  private async rollUp(): Promise<number> {
    const { store } = this.deps;
    const lastWhole = Math.floor((this.now() - SETTLE_MS) / HOUR_MS) * HOUR_MS;
    let mark = await store.rolledUpThrough();
    if (mark === null) {
      const oldest = await store.oldestResult();
      mark = oldest === null ? lastWhole : Math.floor(oldest / HOUR_MS) * HOUR_MS;
      await store.setRolledUpThrough(mark);
    }
    // After a long stop, hours past the hour level's retention would be pruned at once.
    mark = Math.max(mark, Math.floor((this.now() - this.deps.retention().hours) / HOUR_MS) * HOUR_MS);
    if (mark >= lastWhole) return mark;
    const keys = await store.rollupKeys();
    for (let hour = mark; hour < lastWhole; hour += HOUR_MS) {
      if (this.stopped) return hour;
      const monitored = await store.runs(hour, hour + HOUR_MS);
      for (let i = 0; i < keys.length; i += SERIES_PER_WRITE) {
        if (this.stopped) return hour;
        const facts = await store.rollupFacts(keys.slice(i, i + SERIES_PER_WRITE), hour, hour + HOUR_MS);
        const rows = facts.flatMap((f) => hourRollupOf(f, monitored, hour) ?? []);
        if (rows.length > 0) await store.writeRollups(rows);
        await nextTurn();
      }
      await store.setRolledUpThrough(hour + HOUR_MS);
    }
    return lastWhole;
  }

  private async prune(rolledUpThrough: number): Promise<void> {
    const retention = this.deps.retention();
    const now = this.now();
    // Raw results not yet rolled up stay, whatever their age: they are all there is of their hour.
    await this.pruneLevel('raw', Math.min(now - retention.raw, rolledUpThrough));
    await this.pruneLevel('minute', now - retention.minutes);
    await this.pruneLevel('hour', now - retention.hours);
  }

  private async pruneLevel(level: HistoryLevel, before: number): Promise<void> {
    for (;;) {
      if (this.stopped) return;
      const deleted = await this.deps.store.prune(level, before, ROWS_PER_DELETE);
      if (deleted < ROWS_PER_DELETE) return;
      await nextTurn();
    }
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }
}
