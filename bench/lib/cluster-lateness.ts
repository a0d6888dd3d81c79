/** How well the checks kept their interval over a window, judged from when the target saw each run. */
export interface Rhythm {
  /** Per gap between two consecutive runs of a check ending in the window: |gap − interval|, ms. */
  offMs: number[];
  /** Gaps under half an interval: the same turn run twice (say, by two instances). */
  doubles: number;
  /** Turns that never reached the target: gaps over 1.5 intervals, and checks silent at the end. */
  missed: number;
  /** Checks that did not reach the target at all in the window. */
  silent: number;
}

/**
 * Judges every check's rhythm from its hits: `hits` per path must reach back at least one
 * interval before `from`, so the first gap ending in the window has its start. A gap of
 * n intervals (n ≥ 2, rounded) is n − 1 missed turns; so is the silence from a check's last
 * hit to `to`, and a check never seen misses every turn of the window. Pure.
 */
export function rhythmOf(paths: readonly string[], hits: Readonly<Record<string, readonly number[]>>, intervalMs: number, from: number, to: number): Rhythm {
  const rhythm: Rhythm = { offMs: [], doubles: 0, missed: 0, silent: 0 };
  const missedIn = (gapMs: number) => (gapMs > 1.5 * intervalMs ? Math.round(gapMs / intervalMs) - 1 : 0);
  for (const path of paths) {
    const times = [...(hits[path] ?? [])].sort((a, b) => a - b);
    if (!times.some((at) => at >= from && at <= to)) rhythm.silent += 1;
    for (let i = 1; i < times.length; i += 1) {
      if (times[i]! < from || times[i]! > to) continue;
      const gap = times[i]! - times[i - 1]!;
      rhythm.offMs.push(Math.abs(gap - intervalMs));
      if (gap < intervalMs / 2) rhythm.doubles += 1;
      rhythm.missed += missedIn(gap);
    }
    const last = times.filter((at) => at <= to).at(-1);
    rhythm.missed += last === undefined ? Math.max(1, Math.round((to - from) / intervalMs)) : missedIn(to - last);
  }
  return rhythm;
}
