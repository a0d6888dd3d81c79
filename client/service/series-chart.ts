import type { HistoryBucket, HistorySeries, ResultOutcome } from '../../shared/api';
import type { LatencySummary } from './chart-data';
import { formatLatency } from './format';
import { isProblemOutcome, OUTCOME_WORD, worseOutcome } from './outcome';

/** One slice of a check's runs, as its chart draws it. */
export interface SlicePoint {
  kind: 'slice';
  /** Epoch ms where it is drawn: the middle of the slice, or of its part up to now. */
  at: number;
  /** Start of the slice, epoch ms. */
  from: number;
  /** End of the slice, epoch ms; now, for the slice still filling. */
  to: number;
  /** Median response time in the slice; null when no run got one. */
  p50Ms: number | null;
  /** 95th-percentile response time in the slice; null as above. */
  p95Ms: number | null;
  /** Slowest response time in the slice; null as above. */
  maxMs: number | null;
  /** Runs in the slice. */
  runs: number;
  /** Runs by outcome, outcomes without runs left out. */
  byOutcome: Partial<Record<ResultOutcome, number>>;
  /** How many runs were problems (not ok, nor planned maintenance). */
  problems: number;
  /** The worst outcome among its runs: a slice that is not all ok is marked as this. */
  outcome: ResultOutcome;
  /** True when no neighbour has a response time to join it to: drawn as a dot, or it would not show. */
  lone: boolean;
}

/** Time between two slices in which nothing was measured: the lines break there. */
export interface GapRow {
  kind: 'gap';
  /** The middle of the hole, so that pointing there says what it is. */
  at: number;
  /** End of the slice before, epoch ms. */
  from: number;
  /** Start of the slice after, epoch ms. */
  to: number;
  p50Ms: null;
  p95Ms: null;
}

export type SliceRow = SlicePoint | GapRow;

/** Outcomes, worst first: the order a slice's runs are told in. */
const WORST_FIRST: readonly ResultOutcome[] = ['failed', 'degraded', 'unknown', 'maintenance', 'ok'];

/**
 * How far apart two slices may start and still be joined by a line. When most slices
 * hold several runs, the check runs more often than a step: every slice should hold some,
 * so a missing one is a hole. When they hold one (a 5-minute check in 1-minute slices),
 * empty slices are the rule: the usual spacing (its 90th percentile, so that a few holes
 * do not set it) plus a step, for where runs fall within their slices, is still joined. Pure.
 */
export function joinLimit(slices: ReadonlyArray<{ from: number; runs: number }>, stepMs: number): number {
  const runs = slices.map((slice) => slice.runs).sort((a, b) => a - b);
  if ((runs[Math.floor(runs.length / 2)] ?? 0) > 1) return stepMs;
  const spacings = slices
    .slice(1)
    .map((slice, i) => slice.from - slices[i]!.from)
    .sort((a, b) => a - b);
  const usual = spacings[Math.floor((spacings.length - 1) * 0.9)] ?? stepMs;
  return usual <= stepMs ? stepMs : usual + stepMs;
}

function slicePoint(bucket: HistoryBucket, from: number, stepMs: number, now: number): SlicePoint {
  // The slice still filling is drawn in the middle of what has passed of it, not in the future.
  const to = now > from && now < from + stepMs ? now : from + stepMs;
  const byOutcome = bucket.runs;
  const present = WORST_FIRST.filter((outcome) => (byOutcome[outcome] ?? 0) > 0);
  const count = (outcomes: readonly ResultOutcome[]) => outcomes.reduce((sum, outcome) => sum + (byOutcome[outcome] ?? 0), 0);
  return {
    kind: 'slice',
    at: Math.round((from + to) / 2),
    from,
    to,
    p50Ms: bucket.p50Ms,
    p95Ms: bucket.p95Ms,
    maxMs: bucket.maxMs,
    runs: count(present),
    byOutcome,
    problems: count(present.filter(isProblemOutcome)),
    outcome: present.reduce(worseOutcome, 'ok'),
    lone: false,
  };
}

const hasLine = (row: SliceRow | undefined) => row?.kind === 'slice' && row.p50Ms !== null;

/**
 * The rows of one check's chart, oldest first: a point per slice that held runs and, where
 * slices are further apart than `joinLimit`, a gap row (no response time) that breaks the
 * lines, so a restart or a stopped check never shows as a straight line across the hole.
 * `now` is the end of the window. Pure.
 */
export function sliceRows({ stepMs, buckets }: HistorySeries, now: number): SliceRow[] {
  const points = buckets.map((bucket) => slicePoint(bucket, Date.parse(bucket.at), stepMs, now));
  const limit = joinLimit(points, stepMs);
  const rows: SliceRow[] = [];
  points.forEach((point, i) => {
    const before = points[i - 1];
    if (before && point.from - before.from > limit) {
      const end = before.from + stepMs;
      rows.push({ kind: 'gap', at: Math.round((end + point.from) / 2), from: end, to: point.from, p50Ms: null, p95Ms: null });
    }
    rows.push(point);
  });
  return rows.map((row, i) => (row.kind === 'slice' && hasLine(row) && !hasLine(rows[i - 1]) && !hasLine(rows[i + 1]) ? { ...row, lone: true } : row));
}

/**
 * One check's figures over the window from its slices. There is no exact median of the
 * whole window in slices' medians, so `medianMs` is always null; the chart draws them.
 */
export function seriesSummary(buckets: readonly HistoryBucket[]): LatencySummary {
  let runs = 0;
  let problems = 0;
  let maxMs: number | null = null;
  for (const bucket of buckets) {
    for (const outcome of WORST_FIRST) {
      const n = bucket.runs[outcome] ?? 0;
      runs += n;
      if (isProblemOutcome(outcome)) problems += n;
    }
    if (bucket.maxMs !== null) maxMs = Math.max(maxMs ?? 0, bucket.maxMs);
  }
  return { runs, problems, medianMs: null, maxMs };
}

/** A slice's runs in words: "60 runs · 3 not ok (2 failed, 1 degraded)", and any in maintenance. Pure. */
export function sliceRunsText(point: SlicePoint): string {
  const told = (outcome: ResultOutcome) => `${point.byOutcome[outcome]} ${OUTCOME_WORD[outcome].toLowerCase()}`;
  const problems = WORST_FIRST.filter((outcome) => isProblemOutcome(outcome) && (point.byOutcome[outcome] ?? 0) > 0);
  const parts = [
    `${point.runs} ${point.runs === 1 ? 'run' : 'runs'}`,
    `${point.problems} not ok${problems.length > 0 ? ` (${problems.map(told).join(', ')})` : ''}`,
  ];
  if ((point.byOutcome.maintenance ?? 0) > 0) parts.push(`${point.byOutcome.maintenance} in maintenance`);
  return parts.join(' · ');
}

/** A slice's response times in words: "median 41 ms · 95th percentile 120 ms · slowest 300 ms". Pure. */
export function sliceTimesText(point: SlicePoint): string {
  if (point.p50Ms === null) return 'No run got a response time';
  return `median ${formatLatency(point.p50Ms)} · 95th percentile ${formatLatency(point.p95Ms)} · slowest ${formatLatency(point.maxMs)}`;
}
