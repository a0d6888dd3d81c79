import type { Outcome } from '../checks/types';
import { STATUSES, type Status } from '../../shared/status';
import type { StatusSegment } from '../uptime/model';
import { addToSketch, mergeSketch, type LatencySketch } from './sketch';

export const OUTCOMES = ['ok', 'failed', 'degraded', 'unknown', 'maintenance'] as const satisfies readonly Outcome[];

/**
 * What one check (or one service) did over one slice of time, a minute or an hour: runs
 * by outcome, time in each status, and its response times as a mergeable sketch. Any two
 * of one series merge into the rollup of both slices; that is how hours make a week.
 */
export interface Rollup {
  runs: Record<Outcome, number>;
  statusMs: Record<Status, number>;
  latency: LatencySketch;
  /** The slowest response time, tenths of ms; null when no run got one. */
  maxTenths: number | null;
}

/** A raw result as rolled up: its time, outcome and response time in tenths of ms. */
export interface RawSample {
  at: number;
  outcome: Outcome;
  latencyTenths: number | null;
}

export function emptyRollup(): Rollup {
  return {
    runs: { ok: 0, failed: 0, degraded: 0, unknown: 0, maintenance: 0 },
    statusMs: { up: 0, degraded: 0, down: 0, unknown: 0, maintenance: 0 },
    latency: new Map(),
    maxTenths: null,
  };
}

export function addSample(rollup: Rollup, sample: RawSample): void {
  rollup.runs[sample.outcome] += 1;
  if (sample.latencyTenths === null) return;
  addToSketch(rollup.latency, sample.latencyTenths);
  rollup.maxTenths = Math.max(rollup.maxTenths ?? 0, sample.latencyTenths);
}

/** Adds `from` into `into`. */
export function mergeRollup(into: Rollup, from: Rollup): void {
  for (const outcome of OUTCOMES) into.runs[outcome] += from.runs[outcome];
  for (const status of STATUSES) into.statusMs[status] += from.statusMs[status];
  mergeSketch(into.latency, from.latency);
  if (from.maxTenths !== null) into.maxTenths = Math.max(into.maxTenths ?? 0, from.maxTenths);
}

/**
 * The rollups of [from, from + slices × sliceMs), slice by slice (keyed by slice start),
 * of these samples and status segments; slices with neither are left out. Pure.
 */
export function rollUp(samples: readonly RawSample[], segments: readonly StatusSegment[], from: number, sliceMs: number, slices: number): Map<number, Rollup> {
  const to = from + slices * sliceMs;
  const out = new Map<number, Rollup>();
  const slice = (at: number) => {
    const start = from + Math.floor((at - from) / sliceMs) * sliceMs;
    let rollup = out.get(start);
    if (!rollup) out.set(start, (rollup = emptyRollup()));
    return rollup;
  };
  for (const sample of samples) if (sample.at >= from && sample.at < to) addSample(slice(sample.at), sample);
  for (const segment of segments) {
    let at = Math.max(segment.from, from);
    const end = Math.min(segment.to, to);
    while (at < end) {
      const sliceEnd = Math.min(end, from + (Math.floor((at - from) / sliceMs) + 1) * sliceMs);
      slice(at).statusMs[segment.status] += sliceEnd - at;
      at = sliceEnd;
    }
  }
  return out;
}
