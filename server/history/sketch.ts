/**
 * A mergeable histogram of response times: a fixed set of buckets, each 4 % wider than
 * the one before, so any percentile read from it is within 2 % of the exact one, and
 * two of them (two minutes, a week of hours) merge by adding counts. Values are in
 * tenths of a millisecond, the unit raw results are stored in. Pure.
 */

/** Each bucket's upper bound is this times its lower bound. */
const GROWTH = 1.04;
const LOG_GROWTH = Math.log(GROWTH);
/** How far a percentile read from the sketch may be from the exact one, relative: √1.04 − 1. */
export const SKETCH_RELATIVE_ERROR = Math.sqrt(GROWTH) - 1;

/** Counts by bucket index. Bucket 0 holds 0; bucket i ≥ 1 holds [1.04^(i−1), 1.04^i). */
export type LatencySketch = Map<number, number>;

export function bucketOf(tenths: number): number {
  return tenths < 1 ? 0 : 1 + Math.floor(Math.log(tenths) / LOG_GROWTH);
}

/** The value a bucket stands for: the geometric middle of its bounds, so the error is the same either way. */
export function bucketValue(bucket: number): number {
  return bucket === 0 ? 0 : Math.exp((bucket - 0.5) * LOG_GROWTH);
}

export function addToSketch(sketch: LatencySketch, tenths: number, count = 1): void {
  const bucket = bucketOf(tenths);
  sketch.set(bucket, (sketch.get(bucket) ?? 0) + count);
}

/** Adds every count of `from` into `into`. */
export function mergeSketch(into: LatencySketch, from: LatencySketch): void {
  for (const [bucket, count] of from) into.set(bucket, (into.get(bucket) ?? 0) + count);
}

export function sketchCount(sketch: LatencySketch): number {
  let n = 0;
  for (const count of sketch.values()) n += count;
  return n;
}

/**
 * The q-th quantile (0 < q ≤ 1) by nearest rank, in tenths of ms, never above `max` (the
 * exact slowest, when known); null for an empty sketch.
 */
export function sketchQuantile(sketch: LatencySketch, q: number, max: number | null = null): number | null {
  const n = sketchCount(sketch);
  if (n === 0) return null;
  const rank = Math.max(1, Math.ceil(q * n));
  let seen = 0;
  for (const bucket of [...sketch.keys()].sort((a, b) => a - b)) {
    seen += sketch.get(bucket)!;
    if (seen >= rank) {
      const value = bucketValue(bucket);
      return max === null ? value : Math.min(value, max);
    }
  }
  return null;
}
