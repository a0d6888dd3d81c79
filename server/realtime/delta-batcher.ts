/**
 * Gathers changes keyed by id and hands them on together: at once when nothing was handed
 * on in the last `gapMs`, else when that much time has passed. Each id appears once per
 * batch, in its latest state. A lone change goes out within the same turn of the event
 * loop; a storm goes out as a few batches, each written once to every board.
 */
export class DeltaBatcher<T> {
  private readonly pending = new Map<string, T>();
  private lastFlushAt = -Infinity;
  private scheduled: { cancel(): void } | null = null;

  constructor(
    private readonly options: {
      gapMs: number;
      keyOf(item: T): string;
      flush(items: T[]): void;
      now?: () => number;
    },
  ) {}

  add(item: T): void {
    const key = this.options.keyOf(item);
    // Re-inserted, so a batch lists changes in the order they last happened.
    this.pending.delete(key);
    this.pending.set(key, item);
    if (this.scheduled) return;
    const wait = this.lastFlushAt + this.options.gapMs - this.now();
    if (wait <= 0) {
      // After the current turn, so changes of one turn travel together.
      const handle = setImmediate(() => this.flush());
      this.scheduled = { cancel: () => clearImmediate(handle) };
    } else {
      const handle = setTimeout(() => this.flush(), wait);
      this.scheduled = { cancel: () => clearTimeout(handle) };
    }
  }

  /** Hands on whatever is pending now. */
  flush(): void {
    this.scheduled?.cancel();
    this.scheduled = null;
    if (this.pending.size === 0) return;
    const items = [...this.pending.values()];
    this.pending.clear();
    this.lastFlushAt = this.now();
    this.options.flush(items);
  }

  /** Drops what is pending and any timer. */
  stop(): void {
    this.scheduled?.cancel();
    this.scheduled = null;
    this.pending.clear();
  }

  private now(): number {
    return (this.options.now ?? Date.now)();
  }
}
