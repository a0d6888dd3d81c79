/** One line of the results table. */
export interface Measure {
  /** Benchmark name, as given on the command line. */
  benchmark: string;
  /** What was measured, including which interval a time covers. */
  measure: string;
  value: number;
  unit: 'ms' | 's' | 'KB' | 'MB' | '%' | '/s' | 'count';
  /** The target; without one the line is for information only. */
  goal?: { op: '<' | '<='; limit: number };
}

/** A benchmark: a function that runs it and returns its measures. */
export type Benchmark = (options: BenchOptions) => Promise<Measure[]>;

export interface BenchOptions {
  /** Directory for server CPU profiles, when asked for with --cpu-prof. */
  cpuProfDir?: string;
}

export function verdict(m: Measure): 'pass' | 'miss' | 'info' {
  if (!m.goal || !Number.isFinite(m.value)) return m.goal ? 'miss' : 'info';
  return (m.goal.op === '<' ? m.value < m.goal.limit : m.value <= m.goal.limit) ? 'pass' : 'miss';
}

export function formatValue(value: number, unit: Measure['unit']): string {
  if (!Number.isFinite(value)) return 'n/a';
  const digits = unit === 'count' || Number.isInteger(value) || Math.abs(value) >= 100 ? 0 : 1;
  const text = value.toFixed(digits);
  return unit === 'count' ? text : unit === '%' || unit === '/s' ? `${text}${unit === '%' ? ' %' : '/s'}` : `${text} ${unit}`;
}

export function formatGoal(m: Measure): string {
  return m.goal ? `${m.goal.op === '<' ? '<' : '≤'} ${formatValue(m.goal.limit, m.unit)}` : '—';
}

/** Percentile by nearest rank; NaN for no samples. */
export function percentile(samples: readonly number[], p: number): number {
  if (samples.length === 0) return NaN;
  const sorted = [...samples].sort((a, b) => a - b);
  const rank = Math.ceil((p / 100) * sorted.length);
  return sorted[Math.min(sorted.length - 1, Math.max(0, rank - 1))]!;
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Resolves with the value of `probe` once it is not undefined; rejects after `timeoutMs`. */
export async function waitFor<T>(what: string, probe: () => T | undefined | Promise<T | undefined>, timeoutMs: number, everyMs = 20): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(everyMs);
  }
}

/** `BENCH_QUICK=1`: fewer samples and shorter windows, for trying a benchmark out; not for results. */
export const quickRun = process.env.BENCH_QUICK === '1';
