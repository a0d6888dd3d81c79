import type { HistoryResult, ResultOutcome } from '../../shared/api';
import { isProblemOutcome, worseOutcome } from './outcome';

/** One point of a response-time chart: a result, or a slice of time holding several. */
export interface ChartPoint {
  /** Epoch ms: the result's time, or the middle of the slice. */
  at: number;
  /** The response time; for a slice, the slowest in it. Null when no run in it got that far. */
  latencyMs: number | null;
  /** The worst outcome among its runs. */
  outcome: ResultOutcome;
  /** How many results it stands for. */
  runs: number;
  /** How many of them were problems (not ok, nor planned maintenance). */
  problems: number;
}

/** More points than this are merged into slices of time: an SVG of 10,000 points is slow and no clearer. */
export const MAX_POINTS = 240;

/** The results grouped by check, each group oldest first as they came. */
export function resultsByCheck(results: readonly HistoryResult[]): Map<string, HistoryResult[]> {
  const groups = new Map<string, HistoryResult[]>();
  for (const result of results) {
    const group = groups.get(result.checkId);
    if (group) group.push(result);
    else groups.set(result.checkId, [result]);
  }
  return groups;
}

const pointOf = (r: HistoryResult): ChartPoint => ({
  at: Date.parse(r.at),
  latencyMs: r.latencyMs,
  outcome: r.outcome,
  runs: 1,
  problems: isProblemOutcome(r.outcome) ? 1 : 0,
});

function merge(a: ChartPoint, b: ChartPoint): ChartPoint {
  const latencies = [a.latencyMs, b.latencyMs].filter((v): v is number => v !== null);
  return {
    at: a.at,
    latencyMs: latencies.length > 0 ? Math.max(...latencies) : null,
    outcome: worseOutcome(a.outcome, b.outcome),
    runs: a.runs + b.runs,
    problems: a.problems + b.problems,
  };
}

/**
 * The points to draw for one check's results, oldest first. Up to `maxPoints` results
 * are drawn one by one; more are merged into equal slices of [from, to], each keeping
 * its slowest time and worst outcome, so that a spike or a failure is never averaged away. Pure.
 */
export function chartPoints(results: readonly HistoryResult[], from: number, to: number, maxPoints = MAX_POINTS): ChartPoint[] {
  if (results.length <= maxPoints) return results.map(pointOf);
  const width = Math.max(1, (to - from) / maxPoints);
  const slices = new Map<number, ChartPoint>();
  for (const result of results) {
    const point = pointOf(result);
    const index = Math.min(maxPoints - 1, Math.max(0, Math.floor((point.at - from) / width)));
    const held = slices.get(index);
    slices.set(index, held ? merge(held, point) : { ...point, at: Math.round(from + (index + 0.5) * width) });
  }
  return [...slices.entries()].sort(([a], [b]) => a - b).map(([, point]) => point);
}

/** The figures that sum up one check's results, said beside its chart. */
export interface LatencySummary {
  /** Results in the window. */
  runs: number;
  /** How many of them were problems (not ok, nor planned maintenance). */
  problems: number;
  /** Median response time of the runs that got that far; null when none did, or when it cannot be worked out exactly (from slices). */
  medianMs: number | null;
  /** Slowest response time; null when no run got that far. */
  maxMs: number | null;
}

export function latencySummary(results: readonly HistoryResult[]): LatencySummary {
  const times = results.flatMap((r) => (r.latencyMs === null ? [] : [r.latencyMs])).sort((a, b) => a - b);
  const mid = Math.floor(times.length / 2);
  const medianMs = times.length === 0 ? null : times.length % 2 ? times[mid]! : (times[mid - 1]! + times[mid]!) / 2;
  return { runs: results.length, problems: results.filter((r) => isProblemOutcome(r.outcome)).length, medianMs, maxMs: times.at(-1) ?? null };
}

const SECOND = 1_000;
const MINUTE = 60 * SECOND;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const TICK_STEPS = [SECOND, 5 * SECOND, 15 * SECOND, 30 * SECOND, MINUTE, 5 * MINUTE, 15 * MINUTE, 30 * MINUTE, HOUR, 3 * HOUR, 6 * HOUR, 12 * HOUR, DAY];

/** Time-axis ticks: the round step (1 s … 1 day) that gives at most `count` ticks, on round local times. Pure, given `offsetMs`. */
export function timeTicks(from: number, to: number, count = 8, offsetMs = localOffset(from)): { ticks: number[]; stepMs: number } {
  const stepMs = TICK_STEPS.find((step) => (to - from) / step <= count) ?? DAY * Math.ceil((to - from) / DAY / count);
  const ticks: number[] = [];
  for (let t = Math.ceil((from + offsetMs) / stepMs) * stepMs - offsetMs; t <= to; t += stepMs) ticks.push(t);
  return { ticks, stepMs };
}

/** Milliseconds the local clock is ahead of UTC at `at`, so that ticks fall on round local times. */
function localOffset(at: number): number {
  return -new Date(at).getTimezoneOffset() * MINUTE;
}
