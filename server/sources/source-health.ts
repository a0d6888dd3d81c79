import type { SourceHealth } from '../../shared/api';
import type { StoredSourceHealth } from '../store/store';

/** How long a change to a source's health may wait before it is saved: a flood of pushes costs one write a second. */
export const HEALTH_SAVE_DELAY_MS = 1_000;

export interface HealthBookOptions {
  sourceId: string;
  /** What was saved before this start; null for a source never heard of. */
  stored: StoredSourceHealth | null;
  /** Saves the health; none for a book that is only shown. */
  save?: (health: StoredSourceHealth) => Promise<void>;
  /** Told when a save fails; the book goes on counting, and saves again at the next change. */
  onSaveError?: (error: unknown) => void;
  now: () => number;
}

/**
 * Counts what a source took and refused, carried on from what was saved before the start,
 * and saves it again shortly after each change (and on `flush`), so a restart neither
 * forgets when the source was last heard from nor why it last refused a message.
 */
export class HealthBook {
  private health: StoredSourceHealth;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private dirty = false;
  private closed = false;

  constructor(private readonly options: HealthBookOptions) {
    this.health = options.stored ?? { sourceId: options.sourceId, lastReceivedAt: null, received: 0, errors: 0, lastError: null, lastErrorAt: null };
  }

  /** When the last message was taken (epoch ms), in this run or an earlier one. */
  get lastReceivedAt(): number | null {
    return this.health.lastReceivedAt;
  }

  noteReceived(): void {
    this.change({ received: this.health.received + 1, lastReceivedAt: this.options.now() });
  }

  noteFailed(reason: string): void {
    this.change({ errors: this.health.errors + 1, lastError: reason, lastErrorAt: this.options.now() });
  }

  view(): SourceHealth {
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    const { lastReceivedAt, received, errors, lastError, lastErrorAt } = this.health;
    return { lastReceivedAt: iso(lastReceivedAt), received, errors, lastError, lastErrorAt: iso(lastErrorAt) };
  }

  /** Saves what is not saved yet and schedules no more saves: for the stop, so the next start reads it. */
  async close(): Promise<void> {
    this.closed = true;
    await this.flush();
  }

  private async flush(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (!this.dirty || !this.options.save) return;
    this.dirty = false;
    try {
      await this.options.save(this.health);
    } catch (error) {
      this.dirty = true;
      this.options.onSaveError?.(error);
    }
  }

  private change(fields: Partial<StoredSourceHealth>): void {
    this.health = { ...this.health, ...fields };
    this.dirty = true;
    if (this.timer || this.closed || !this.options.save) return;
    this.timer = setTimeout(() => void this.flush(), HEALTH_SAVE_DELAY_MS);
    this.timer.unref();
  }
}
