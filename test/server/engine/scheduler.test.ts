import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { nextGridPoint, Scheduler, type ScheduledJob } from '../../../server/engine/scheduler';

/** A job whose runs the test finishes by hand. */
function manualJob(key: string, intervalMs: number) {
  const starts: number[] = [];
  const finishers: Array<() => void> = [];
  const job: ScheduledJob = {
    key,
    intervalMs,
    run: () =>
      new Promise<void>((resolve) => {
        starts.push(Date.now());
        finishers.push(resolve);
      }),
  };
  return { job, starts, finishAll: () => finishers.splice(0).forEach((f) => f()) };
}

describe('the scheduler', () => {
  beforeEach(() => {
    vi.useFakeTimers({ now: 0 });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  it('takes jobs on and lets them go while running: a removed job waits for its run in flight, then never runs again', async () => {
    const scheduler = new Scheduler({ concurrency: 10, random: () => 0 });
    const aStarts: number[] = [];
    const a: ScheduledJob = { key: 'a', intervalMs: 1_000, run: async () => void aStarts.push(Date.now()) };
    const b = manualJob('b', 1_000);
    scheduler.start([a]);
    scheduler.add([b.job, a]); // a is already scheduled: not doubled
    await vi.advanceTimersByTimeAsync(10);
    expect([aStarts.length, b.starts.length]).toEqual([1, 1]);
    let removed = false;
    const removing = scheduler.remove(['b']).then(() => (removed = true));
    await vi.advanceTimersByTimeAsync(10);
    expect(removed).toBe(false); // b's run is still in flight
    b.finishAll();
    await removing;
    expect(scheduler.keys()).toEqual(['a']);
    await vi.advanceTimersByTimeAsync(3_000);
    expect(b.starts).toHaveLength(1);
    expect(aStarts).toHaveLength(4);
    await scheduler.stop();
  });

  it('a job taken over from another instance keeps its rhythm: next due an interval after its last run there', async () => {
    const scheduler = new Scheduler({ concurrency: 10, random: () => 0 });
    const starts: number[] = [];
    vi.setSystemTime(10_000);
    scheduler.start([]);
    scheduler.add([{ key: 'a', intervalMs: 3_000, lastRunAt: 9_000, run: async () => void starts.push(Date.now()) }]);
    await vi.advanceTimersByTimeAsync(7_500);
    expect(starts).toEqual([12_000, 15_000]);
    // One that ran elsewhere too long ago runs at once, as a new one does, and an interval later again: not twice in one.
    scheduler.add([{ key: 'b', intervalMs: 3_000, lastRunAt: 1_000, run: async () => void starts.push(-Date.now()) }]);
    await vi.advanceTimersByTimeAsync(3_100);
    expect(starts.filter((t) => t < 0)).toEqual([-17_500, -20_500]);
    await scheduler.stop();
  });

  it('a job removed while it waits for a slot does not run', async () => {
    const scheduler = new Scheduler({ concurrency: 1, random: () => 0 });
    const a = manualJob('a', 10_000);
    const b = manualJob('b', 10_000);
    scheduler.start([a.job, b.job]);
    await vi.advanceTimersByTimeAsync(10);
    expect([a.starts.length, b.starts.length]).toEqual([1, 0]); // b queued behind a
    const removing = scheduler.remove(['b']);
    a.finishAll();
    await removing;
    await vi.advanceTimersByTimeAsync(100);
    expect(b.starts).toHaveLength(0);
    await scheduler.stop();
  });

  it('runs a job at its interval, on a fixed grid', async () => {
    const scheduler = new Scheduler({ concurrency: 10, random: () => 0 });
    const starts: number[] = [];
    scheduler.start([{ key: 'a', intervalMs: 1_000, run: async () => void starts.push(Date.now()) }]);
    await vi.advanceTimersByTimeAsync(3_500);
    expect(starts).toEqual([0, 1_000, 2_000, 3_000]);
    await scheduler.stop();
  });

  it('runs every job of a small board once within 50 ms of start, whatever its interval', async () => {
    const scheduler = new Scheduler({ concurrency: 10, random: () => 0.99 });
    const starts: Record<string, number> = {};
    scheduler.start(
      [1_000, 10_000, 300_000].map((intervalMs) => ({
        key: `every-${intervalMs}`,
        intervalMs,
        run: async () => void (starts[`every-${intervalMs}`] ??= Date.now()),
      })),
    );
    await vi.advanceTimersByTimeAsync(50);
    expect(Object.keys(starts)).toHaveLength(3);
    expect(Math.max(...Object.values(starts))).toBeLessThanOrEqual(50);
    await scheduler.stop();
  });

  it('spreads the first runs of a big board over up to half a second, about a millisecond per job', async () => {
    let draw = 0;
    const scheduler = new Scheduler({ concurrency: 10_000, random: () => (draw++ % 2 === 0 ? 0.999 : 0) });
    const starts: number[] = [];
    const jobs = (n: number) => Array.from({ length: n }, (_, i) => ({ key: `j${i}`, intervalMs: 60_000, run: async () => void starts.push(Date.now()) }));
    scheduler.start(jobs(300));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(Math.max(...starts)).toBeGreaterThan(250); // 300 jobs: within 300 ms, not 50
    expect(Math.max(...starts)).toBeLessThanOrEqual(300);
    await scheduler.stop();

    starts.length = 0;
    const startedAt = Date.now();
    const big = new Scheduler({ concurrency: 10_000, random: () => 0.999 });
    big.start(jobs(1_000));
    await vi.advanceTimersByTimeAsync(1_000);
    expect(starts).toHaveLength(1_000);
    expect(Math.max(...starts) - startedAt).toBeLessThanOrEqual(500); // capped: 1,000 jobs, not 1,000 ms
    expect(Math.max(...starts) - startedAt).toBeGreaterThan(450);
    await big.stop();
  });

  it('after the first run, jobs settle on phases spread over the whole interval so they do not fire together', async () => {
    // Two draws per job: when the first run lands, then the phase of its grid.
    const randoms = [0.1, 0.1, 0.5, 0.5, 0.9, 0.9];
    let r = 0;
    const scheduler = new Scheduler({ concurrency: 10, random: () => randoms[r++]!, maxInitialSpreadMs: 500 });
    const starts: Record<string, number[]> = { a: [], b: [], c: [] };
    scheduler.start(['a', 'b', 'c'].map((key) => ({ key, intervalMs: 10_000, run: async () => void starts[key]!.push(Date.now()) })));
    await vi.advanceTimersByTimeAsync(20_000);
    expect(starts).toEqual({ a: [50, 1_000, 11_000], b: [250, 5_000, 15_000], c: [450, 9_000, 19_000] });
    await scheduler.stop();
  });

  it('the second run comes no later than one interval after the first, so the first result never goes stale', async () => {
    const randoms = [0.8, 0.01];
    let r = 0;
    const scheduler = new Scheduler({ concurrency: 10, random: () => randoms[r++]!, maxInitialSpreadMs: 500 });
    const starts: number[] = [];
    scheduler.start([{ key: 'a', intervalMs: 10_000, run: async () => void starts.push(Date.now()) }]);
    await vi.advanceTimersByTimeAsync(20_500);
    expect(starts).toEqual([400, 10_100, 20_100]);
    await scheduler.stop();
  });

  it('a bound on the first-run spread can be set', async () => {
    const scheduler = new Scheduler({ concurrency: 10, random: () => 0.99, maxInitialSpreadMs: 2_000 });
    const starts: number[] = [];
    scheduler.start([{ key: 'a', intervalMs: 300_000, run: async () => void starts.push(Date.now()) }]);
    await vi.advanceTimersByTimeAsync(2_000);
    expect(starts).toEqual([1_980]);
    await scheduler.stop();
  });

  it('never starts a run while the previous run of the same job is in flight', async () => {
    const skipped: string[] = [];
    const scheduler = new Scheduler({ concurrency: 10, random: () => 0, onSkip: (key) => skipped.push(key) });
    const a = manualJob('a', 1_000);
    scheduler.start([a.job]);
    await vi.advanceTimersByTimeAsync(3_500);
    expect(a.starts).toEqual([0]);
    expect(skipped).toEqual(['a', 'a', 'a']);
    a.finishAll();
    await vi.advanceTimersByTimeAsync(1_000);
    expect(a.starts).toEqual([0, 4_000]);
    a.finishAll();
    await scheduler.stop();
  });

  it('tells a turn skipped behind a first run from one skipped behind a later, overlong run', async () => {
    const skips: Array<{ at: number; startup: boolean }> = [];
    const scheduler = new Scheduler({ concurrency: 10, random: () => 0, onSkip: (_key, { startup }) => skips.push({ at: Date.now(), startup }) });
    const a = manualJob('a', 1_000);
    scheduler.start([a.job]);
    await vi.advanceTimersByTimeAsync(1_500); // the first run, started at 0, still going at 1000
    a.finishAll();
    await vi.advanceTimersByTimeAsync(2_000); // the second run starts at 2000 and hangs past 3000
    expect(a.starts).toEqual([0, 2_000]);
    expect(skips).toEqual([
      { at: 1_000, startup: true },
      { at: 3_000, startup: false },
    ]);
    a.finishAll();
    await scheduler.stop();
  });

  it('holds runs beyond the concurrency limit until a slot frees', async () => {
    const scheduler = new Scheduler({ concurrency: 2, random: () => 0 });
    const jobs = ['a', 'b', 'c'].map((key) => manualJob(key, 10_000));
    scheduler.start(jobs.map((j) => j.job));
    await vi.advanceTimersByTimeAsync(10);
    expect(jobs.map((j) => j.starts.length)).toEqual([1, 1, 0]);
    jobs[0]!.finishAll();
    await vi.advanceTimersByTimeAsync(0);
    expect(jobs[2]!.starts).toEqual([10]);
    jobs.forEach((j) => j.finishAll());
    await scheduler.stop();
  });

  it('a job that hangs does not delay the others', async () => {
    const scheduler = new Scheduler({ concurrency: 5, random: () => 0 });
    const hung = manualJob('hung', 1_000);
    const starts: number[] = [];
    scheduler.start([hung.job, { key: 'ok', intervalMs: 1_000, run: async () => void starts.push(Date.now()) }]);
    await vi.advanceTimersByTimeAsync(2_500);
    expect(starts).toEqual([0, 1_000, 2_000]);
    hung.finishAll();
    await scheduler.stop();
  });

  it('a run that throws does not stop the job', async () => {
    const scheduler = new Scheduler({ concurrency: 5, random: () => 0 });
    let runs = 0;
    scheduler.start([
      {
        key: 'x',
        intervalMs: 1_000,
        run: async () => {
          runs += 1;
          throw new Error('boom');
        },
      },
    ]);
    await vi.advanceTimersByTimeAsync(2_500);
    expect(runs).toBe(3);
    await scheduler.stop();
  });

  it('after stop no further runs start', async () => {
    const scheduler = new Scheduler({ concurrency: 5, random: () => 0 });
    let runs = 0;
    scheduler.start([{ key: 'x', intervalMs: 1_000, run: async () => void (runs += 1) }]);
    await vi.advanceTimersByTimeAsync(1_500);
    await scheduler.stop();
    await vi.advanceTimersByTimeAsync(5_000);
    expect(runs).toBe(2);
  });
  it('when a run rejects, the error is reported with the job and the job keeps its turns', async () => {
    const errors: Array<[string, string]> = [];
    const scheduler = new Scheduler({
      concurrency: 10,
      random: () => 0,
      onError: (key, error) => {
        errors.push([key, (error as Error).message]);
        throw new Error('a reporter that fails too');
      },
    });
    let runs = 0;
    const failing = async () => {
      runs += 1;
      throw new Error('engine refused the result');
    };
    scheduler.start([{ key: 'shop/health', intervalMs: 1_000, run: failing }]);
    await vi.advanceTimersByTimeAsync(2_500);
    expect(runs).toBe(3);
    expect(errors).toEqual([
      ['shop/health', 'engine refused the result'],
      ['shop/health', 'engine refused the result'],
      ['shop/health', 'engine refused the result'],
    ]);
    await scheduler.stop();
  });
});

describe("the next point of a job's grid", () => {
  it.each([
    // phaseAt, interval, after → next
    [0, 1_000, 0, 1_000],
    [100, 10_000, 400, 10_100],
    [9_000, 10_000, 450, 9_000],
    [5_000, 10_000, 5_000, 15_000],
    [0, 1_000, 3_999, 4_000],
    [250, 1_000, 10_000, 10_250],
  ])('grid through %i every %i ms, after %i: %i', (phaseAt, interval, after, next) => {
    expect(nextGridPoint(phaseAt, interval, after)).toBe(next);
  });

  it('is always later than `after` and never more than one interval later', () => {
    for (let i = 0; i < 1_000; i += 1) {
      const interval = 1_000 + Math.floor(Math.random() * 600_000);
      const phaseAt = Math.random() * interval;
      const after = Math.random() * 10 * interval;
      const next = nextGridPoint(phaseAt, interval, after);
      expect(next).toBeGreaterThan(after);
      expect(next - after).toBeLessThanOrEqual(interval);
    }
  });
});
