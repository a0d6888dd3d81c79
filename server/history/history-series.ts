import type { HistoryBucket, HistorySeries } from '../../shared/api';
import type { RollupLevel, StoredRollup } from '../store/store';
import { HOUR_MS, MINUTE_MS } from './hour-rollup';
import { addSample, emptyRollup, mergeRollup, OUTCOMES, type RawSample, type Rollup } from './rollup';
import { sketchQuantile } from './sketch';

/** A chart needs no more slices than this: about one per pixel of a wide one. */
export const MAX_SLICES = 1_500;
const DAY_MS = 24 * HOUR_MS;
const STEPS = [MINUTE_MS, 5 * MINUTE_MS, 15 * MINUTE_MS, HOUR_MS, 3 * HOUR_MS, 6 * HOUR_MS, 12 * HOUR_MS, DAY_MS];

/**
 * The slice length for a window: the shortest of the round steps that cuts it into at
 * most MAX_SLICES, never finer than what is kept (hours once minutes are pruned).
 */
export function sliceFor(windowMs: number, minutesKept: boolean): { stepMs: number; level: RollupLevel } {
  const fitting = STEPS.find((step) => windowMs / step <= MAX_SLICES) ?? DAY_MS * Math.ceil(windowMs / DAY_MS / MAX_SLICES);
  const stepMs = minutesKept ? fitting : Math.max(HOUR_MS, fitting);
  return { stepMs, level: stepMs < HOUR_MS ? 'minute' : 'hour' };
}

/** Start of the slice holding `at`: slices are aligned to multiples of their length since the epoch. */
export const sliceStart = (at: number, stepMs: number) => Math.floor(at / stepMs) * stepMs;

/**
 * Each check's slices over a window, from stored rollups (older time) and from raw
 * results not rolled up yet (the newest), merged slice by slice. Pure.
 */
export function historySeries(
  checkIds: readonly string[],
  stepMs: number,
  rolled: readonly StoredRollup[],
  raw: ReadonlyMap<string, readonly RawSample[]>,
): HistorySeries[] {
  const rolledByCheck = new Map<string | null, StoredRollup[]>();
  for (const r of rolled) {
    const list = rolledByCheck.get(r.checkId);
    if (list) list.push(r);
    else rolledByCheck.set(r.checkId, [r]);
  }
  return checkIds.map((checkId) => {
    const slices = new Map<number, Rollup>();
    const sliceAt = (at: number) => {
      const start = sliceStart(at, stepMs);
      let slice = slices.get(start);
      if (!slice) slices.set(start, (slice = emptyRollup()));
      return slice;
    };
    for (const r of rolledByCheck.get(checkId) ?? []) mergeRollup(sliceAt(r.at), r.rollup);
    for (const sample of raw.get(checkId) ?? []) addSample(sliceAt(sample.at), sample);
    const buckets = [...slices.entries()]
      .filter(([, r]) => OUTCOMES.some((o) => r.runs[o] > 0))
      .sort(([a], [b]) => a - b)
      .map(([at, r]) => bucketOf(at, r));
    return { checkId, stepMs, buckets };
  });
}

const ms = (tenths: number | null) => (tenths === null ? null : Math.round(tenths) / 10);

function bucketOf(at: number, rollup: Rollup): HistoryBucket {
  const runs: HistoryBucket['runs'] = {};
  for (const outcome of OUTCOMES) if (rollup.runs[outcome] > 0) runs[outcome] = rollup.runs[outcome];
  return {
    at: new Date(at).toISOString(),
    runs,
    p50Ms: ms(sketchQuantile(rollup.latency, 0.5, rollup.maxTenths)),
    p95Ms: ms(sketchQuantile(rollup.latency, 0.95, rollup.maxTenths)),
    maxMs: ms(rollup.maxTenths),
  };
}
