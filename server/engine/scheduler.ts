import { ConcurrencyLimiter } from './limiter';

/** A job the scheduler repeats. */
export interface ScheduledJob {
  key: string;
  intervalMs: number;
  /** One run; the scheduler never starts the next before this settles. */
  run: () => Promise<void>;
  /**
   * When the job last ran elsewhere (epoch ms): a job taken over from another instance
   * keeps that one's rhythm, next due an interval after its last run, rather than running
   * again at once.
   */
  lastRunAt?: number | undefined;
}

export interface SchedulerOptions {
  /** Most runs in flight at once, across all jobs. */
  concurrency: number;
  /**
   * The first run of each job lands at a random point within min(interval, this). By
   * default about a millisecond per job, from 50 ms to 500 ms: a small board fills at
   * once, a big one does not send thousands of first runs in the same instant.
   */
  maxInitialSpreadMs?: number;
  random?: () => number;
  now?: () => number;
  /**
   * Told when a run is skipped because the previous one is still going or still queued.
   * `startup` says that run was the job's first: all jobs start within a moment of each
   * other, so first runs can wait in the limiter past the next turn — expected, unlike
   * a later run that outlasts its interval.
   */
  onSkip?: (key: string, skip: { startup: boolean }) => void;
  /**
   * Told when a run rejects. A job is meant to turn every failure of the watched world
   * into a result, so this is a bug or a broken dependency: it must not pass unseen.
   */
  onError?: (key: string, error: unknown) => void;
}

interface JobState {
  job: ScheduledJob;
  busy: boolean;
  nextAt: number;
  /** A point of the job's own grid: runs after the first land on it, one interval apart. */
  phaseAt: number;
  firstRun: boolean;
  /** The run in flight, if any, is the job's first. */
  runningFirst: boolean;
  timer: ReturnType<typeof setTimeout> | null;
  /** The run in flight, if any. */
  run: Promise<void> | null;
}

/** The first point of the grid through `phaseAt` after `after`, at most one interval later. */
export function nextGridPoint(phaseAt: number, intervalMs: number, after: number): number {
  return phaseAt + (Math.floor((after - phaseAt) / intervalMs) + 1) * intervalMs;
}

/**
 * Runs each job at its own interval. Every job runs once soon after start, so a board
 * has results within a second; after that each job keeps to a grid of its own with a
 * random phase across the whole interval, so a thousand checks do not fire together.
 * A global limiter caps concurrent runs; a job whose previous run is still in flight
 * (or waiting for a slot) skips its turn rather than overlap. The grid is fixed, so a
 * slow run does not make the next one drift.
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
    this.add(jobs);
  }

  /** Starts more jobs (work this instance took over); a job already scheduled under its key is left as it is. */
  add(jobs: readonly ScheduledJob[]): void {
    if (this.stopped) return;
    jobs = jobs.filter((job) => !this.jobs.has(job.key));
    const spread = this.options.maxInitialSpreadMs ?? Math.min(500, Math.max(50, jobs.length));
    const now = this.now();
    for (const job of jobs) {
      const firstAt = now + this.random() * Math.min(job.intervalMs, spread);
      // A job that ran elsewhere runs when due there (or now, if overdue) and keeps to that
      // grid: no second run a moment after the first, as a new job's random phase could give.
      const takenAt = job.lastRunAt === undefined ? null : Math.max(job.lastRunAt + job.intervalMs, firstAt);
      const state: JobState = {
        job,
        busy: false,
        nextAt: takenAt ?? firstAt,
        phaseAt: takenAt ?? now + this.random() * job.intervalMs,
        firstRun: true,
        runningFirst: false,
        timer: null,
        run: null,
      };
      this.jobs.set(job.key, state);
      this.arm(state);
    }
  }

  /** Runs currently executing or waiting for a slot. */
  get pending(): number {
    return this.inFlight.size;
  }

  /** Stops these jobs (work handed to another instance) and waits for their runs in flight to settle. */
  async remove(keys: Iterable<string>): Promise<void> {
    const settling: Array<Promise<void>> = [];
    for (const key of keys) {
      const state = this.jobs.get(key);
      if (!state) continue;
      if (state.timer) clearTimeout(state.timer);
      this.jobs.delete(key);
      if (state.run) settling.push(state.run);
    }
    await Promise.allSettled(settling);
  }

  /** The keys of the jobs scheduled now. */
  keys(): string[] {
    return [...this.jobs.keys()];
  }

  /** Stops all timers and waits for runs in flight to settle. */
  async stop(): Promise<void> {
    this.stopped = true;
    for (const state of this.jobs.values()) if (state.timer) clearTimeout(state.timer);
    this.jobs.clear();
    await Promise.allSettled([...this.inFlight]);
  }

  private reportError(key: string, error: unknown): void {
    try {
      this.options.onError?.(key, error);
    } catch {
      // A failing reporter must not stop the job's next turns.
    }
  }

  private arm(state: JobState): void {
    if (this.stopped || this.jobs.get(state.job.key) !== state) return;
    state.timer = setTimeout(() => this.fire(state), Math.max(0, state.nextAt - this.now()));
  }

  private fire(state: JobState): void {
    if (this.stopped || this.jobs.get(state.job.key) !== state) return;
    if (state.busy) {
      this.options.onSkip?.(state.job.key, { startup: state.runningFirst });
    } else {
      state.busy = true;
      state.runningFirst = state.firstRun;
      const run = this.limiter
        .run(() => (this.stopped || this.jobs.get(state.job.key) !== state ? Promise.resolve() : state.job.run()))
        .catch((error: unknown) => this.reportError(state.job.key, error))
        .finally(() => {
          state.busy = false;
          state.run = null;
          this.inFlight.delete(run);
        });
      state.run = run;
      this.inFlight.add(run);
    }
    // Onto the job's grid: never more than one interval after the first run, so its
    // result stays fresh; later, skip slots that are already in the past.
    const now = this.now();
    state.nextAt = state.firstRun ? nextGridPoint(state.phaseAt, state.job.intervalMs, state.nextAt) : state.nextAt + state.job.intervalMs;
    state.firstRun = false;
    if (state.nextAt <= now) state.nextAt = nextGridPoint(state.phaseAt, state.job.intervalMs, now);
    this.arm(state);
  }
}
