import { ConcurrencyLimiter } from './limiter';

/** A job the scheduler repeats. */
export interface ScheduledJob {
  key: string;
  intervalMs: number;
  /** One run; the scheduler never starts the next before this settles. */
  run: () => Promise<void>;
}

export interface SchedulerOptions {
  /** Most runs in flight at once, across all jobs. */
  concurrency: number;
  /** The first run of each job lands at a random point within min(interval, this). */
  maxInitialSpreadMs?: number;
  random?: () => number;
  now?: () => number;
  /** Told when a run is skipped because the previous one is still going or still queued. */
  onSkip?: (key: string) => void;
}

interface JobState {
  job: ScheduledJob;
  busy: boolean;
  nextAt: number;
  timer: ReturnType<typeof setTimeout> | null;
}

/**
 * Runs each job at its own interval. First runs are spread at random so a thousand
 * checks do not fire together; a global limiter caps concurrent runs; a job whose
 * previous run is still in flight (or waiting for a slot) skips its turn rather than
 * overlap. Runs keep to a fixed grid, so a slow run does not make the next one drift.
 */
export class Scheduler {
  private readonly limiter: ConcurrencyLimiter;
  private readonly jobs = new Map<string, JobState>();
  private readonly inFlight = new Set<Promise<void>>();
  private stopped = true;
  private readonly random: () => number;
  private readonly now: () => number;

  constructor(private readonly options: SchedulerOptions) {
    this.limiter = new ConcurrencyLimiter(options.concurrency);
    this.random = options.random ?? Math.random;
    this.now = options.now ?? Date.now;
  }

  start(jobs: readonly ScheduledJob[]): void {
    this.stopped = false;
    const spread = this.options.maxInitialSpreadMs ?? 10_000;
    for (const job of jobs) {
      const state: JobState = { job, busy: false, nextAt: this.now() + this.random() * Math.min(job.intervalMs, spread), timer: null };
      this.jobs.set(job.key, state);
      this.arm(state);
    }
  }

  /** Runs currently executing or waiting for a slot. */
  get pending(): number {
    return this.inFlight.size;
  }

  /** Stops all timers and waits for runs in flight to settle. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const state of this.jobs.values()) if (state.timer) clearTimeout(state.timer);
    this.jobs.clear();
    await Promise.allSettled([...this.inFlight]);
  }

  private arm(state: JobState): void {
    if (this.stopped) return;
    state.timer = setTimeout(() => this.fire(state), Math.max(0, state.nextAt - this.now()));
  }

  private fire(state: JobState): void {
    if (this.stopped) return;
    if (state.busy) {
      this.options.onSkip?.(state.job.key);
    } else {
      state.busy = true;
      const run = this.limiter
        .run(() => (this.stopped ? Promise.resolve() : state.job.run()))
        .catch(() => undefined)
        .finally(() => {
          state.busy = false;
          this.inFlight.delete(run);
        });
      this.inFlight.add(run);
    }
    // Stay on the job's grid; skip slots that are already in the past.
    const now = this.now();
    state.nextAt += state.job.intervalMs;
    if (state.nextAt <= now) state.nextAt += Math.ceil((now - state.nextAt + 1) / state.job.intervalMs) * state.job.intervalMs;
    this.arm(state);
  }
}
