import { setImmediate, setTimeout } from 'node:timers';
import type { StoreProblem } from './store';

/** Held writes are written back this many per transaction, oldest first. */
const CHUNK = 1_000;

export interface BufferedWriterOptions<T> {
  /** Writes items in one transaction, in their order. */
  write(batch: readonly T[]): Promise<void>;
  /** Whether an error says the database could not be reached (hold and retry), not that it refused the write. */
  unreachable(error: unknown): boolean;
  /** Why the database refused a write, for `problem()`. */
  cause(error: unknown): string;
  /** What `problem()` says while writes are held: one unchanging text. */
  heldReason: string;
  /** At most this many writes are held; past it the oldest are dropped. */
  maxHeld: number;
  /** The first wait before writing held writes again, doubled on each failure up to `maxBackoffMs`. */
  firstBackoffMs?: number;
  maxBackoffMs?: number;
  now?: () => number;
}

interface Queued<T> {
  item: T;
  done: (error?: Error) => void;
}

const asError = (error: unknown) => (error instanceof Error ? error : new Error(String(error)));

/**
 * Writes of history, batched and kept in order. What is submitted in one turn of the
 * event loop is written in one transaction, after the one before it. When the database
 * cannot be reached, writes are held in memory (at most `maxHeld`, the oldest dropped
 * past it), accepted at once, and written in order when it is back, retried with backoff;
 * `problem()` says so meanwhile. A write the database refuses (bad data, a constraint)
 * is rejected, alone: the rest of its batch is written.
 */
export class BufferedWriter<T> {
  private queued: Array<Queued<T>> = [];
  /** Accepted while the database was unreachable, oldest first; `inFlight` is the chunk being written back. */
  private held: T[] = [];
  private inFlight: T[] = [];
  private holding = false;
  private lost = 0;
  private problemNow: StoreProblem | null = null;
  /** The write in progress, if any: one at a time, so a check's later state never lands before its earlier one. */
  private writing: Promise<void> | null = null;
  private retryTimer: ReturnType<typeof setTimeout> | undefined;
  private backoffMs = 0;
  private closed = false;

  constructor(private readonly options: BufferedWriterOptions<T>) {}

  /** Resolves once written, or once held while the database is unreachable; rejects when the database refuses it. */
  submit(item: T): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queued.push({ item, done: (error) => (error === undefined ? resolve() : reject(error)) });
      // Node's own timer, not the global one a test may fake: a write is I/O, not a timer.
      if (this.queued.length === 1) setImmediate(() => void this.flush());
    });
  }

  /** Writes (or holds) what is queued now, after the write in progress; resolves when that is done. */
  async flush(): Promise<void> {
    for (;;) {
      if (this.queued.length === 0) return;
      if (this.holding) return this.hold(this.take());
      if (!this.writing) break;
      await this.writing;
    }
    const batch = this.take();
    await this.exclusive(() => this.writeQueued(batch));
  }

  /** Flushes, then waits for the write in progress: what was submitted before is in the database (unless held). */
  async drain(): Promise<void> {
    await this.flush();
    while (this.writing && !this.holding) await this.writing;
  }

  /** Writes held and waiting; what is held should the database still be unreachable is lost. */
  async close(): Promise<void> {
    await this.drain();
    this.closed = true;
    clearTimeout(this.retryTimer);
    while (this.writing) await this.writing;
    if (this.held.length > 0) await this.exclusive(() => this.writeHeld());
  }

  /** Why history is not being saved, or null while it is. */
  problem(): StoreProblem | null {
    return this.problemNow;
  }

  /** Writes held in memory, waiting for the database. */
  heldCount(): number {
    return this.held.length + this.inFlight.length;
  }

  /** Writes lost: dropped as the oldest past `maxHeld`, or refused by the database once it was back. */
  droppedCount(): number {
    return this.lost;
  }

  private take(): Array<Queued<T>> {
    const batch = this.queued;
    this.queued = [];
    return batch;
  }

  private exclusive(task: () => Promise<void>): Promise<void> {
    const running: Promise<void> = task().finally(() => {
      if (this.writing === running) this.writing = null;
    });
    this.writing = running;
    return running;
  }

  private async writeQueued(batch: Array<Queued<T>>): Promise<void> {
    try {
      await this.options.write(batch.map((q) => q.item));
      this.succeeded();
      for (const q of batch) q.done();
      return;
    } catch (error) {
      if (this.options.unreachable(error)) return this.startHolding(batch);
    }
    // Refused as a whole: each alone, so that one bad write sinks no other.
    for (const [i, q] of batch.entries()) {
      try {
        await this.options.write([q.item]);
        this.succeeded();
        q.done();
      } catch (error) {
        if (this.options.unreachable(error)) return this.startHolding(batch.slice(i));
        this.failed(this.options.cause(error));
        q.done(asError(error));
      }
    }
  }

  private startHolding(batch: Array<Queued<T>>): void {
    this.holding = true;
    this.failed(this.options.heldReason);
    this.hold(batch);
    this.scheduleRetry();
  }

  /** Holds writes after those held already, accepting them; past the bound, the oldest go. */
  private hold(batch: Array<Queued<T>>): void {
    for (const q of batch) this.held.push(q.item);
    this.trim();
    for (const q of batch) q.done();
  }

  private trim(): void {
    const over = Math.min(this.held.length, this.heldCount() - this.options.maxHeld);
    if (over <= 0) return;
    this.held.splice(0, over);
    this.lost += over;
  }

  private scheduleRetry(): void {
    if (this.closed || this.retryTimer !== undefined) return;
    const first = this.options.firstBackoffMs ?? 100;
    this.backoffMs = Math.min(this.options.maxBackoffMs ?? 2_000, this.backoffMs === 0 ? first : this.backoffMs * 2);
    this.retryTimer = setTimeout(() => {
      this.retryTimer = undefined;
      void this.retryHeld();
    }, this.backoffMs);
    this.retryTimer.unref();
  }

  private async retryHeld(): Promise<void> {
    while (this.writing) await this.writing;
    await this.exclusive(() => this.writeHeld());
  }

  /** Writes the held writes back, oldest first, a chunk per transaction; holds on (and retries later) if the database is still away. */
  private async writeHeld(): Promise<void> {
    while (this.held.length > 0) {
      const chunk = (this.inFlight = this.held.splice(0, CHUNK));
      const left = await this.writeChunk(chunk);
      this.inFlight = [];
      if (left.length > 0) {
        this.held.unshift(...left);
        this.trim();
        this.scheduleRetry();
        return;
      }
    }
    this.holding = false;
    this.backoffMs = 0;
    this.succeeded();
  }

  /** Writes a chunk of held writes; returns those still to write when the database went away again. */
  private async writeChunk(chunk: T[]): Promise<T[]> {
    try {
      await this.options.write(chunk);
      return [];
    } catch (error) {
      if (this.options.unreachable(error)) return chunk;
    }
    // The database is back but refuses the chunk: each alone; one it refuses cannot be given back, so it is counted lost.
    for (const [i, item] of chunk.entries()) {
      try {
        await this.options.write([item]);
      } catch (error) {
        if (this.options.unreachable(error)) return chunk.slice(i);
        this.lost += 1;
      }
    }
    return [];
  }

  private succeeded(): void {
    if (!this.holding) this.problemNow = null;
  }

  private failed(reason: string): void {
    this.problemNow = { reason, since: this.problemNow?.since ?? (this.options.now ?? Date.now)() };
  }
}
