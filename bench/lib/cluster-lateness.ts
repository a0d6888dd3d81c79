/** How well the checks kept their interval over a window, judged from when the target saw each run. */
export interface Rhythm {
  /** Per gap between two consecutive runs of a check ending in the window: |gap − interval|, ms. */
  offMs: number[];
  /** Gaps under half an interval: a turn run twice, or a late run followed by one on time. */
  doubles: number;
  /** Of those, the ones whose two runs came from different instances: a turn run twice. */
  doublesAcross: number;
  /** Turns that never reached the target: gaps over 1.5 intervals, and checks silent at the end. */
  missed: number;
  /** Checks that did not reach the target at all in the window. */
  silent: number;
  /** Hits in the window, by the instance that sent them (first character of its name). */
  bySender: Record<string, number>;
}

/**
 * Judges every check's rhythm from its hits (and who sent each, one character a hit,
 * in `senders`): `hits` per path must reach back at least one
 * interval before `from`, so the first gap ending in the window has its start. A gap of
 * n intervals (n ≥ 2, rounded) is n − 1 missed turns; so is the silence from a check's last
 * hit to `to`, and a check never seen misses every turn of the window. Pure.
 */
export function rhythmOf(
  paths: readonly string[],
  seen: { hits: Readonly<Record<string, readonly number[]>>; senders: Readonly<Record<string, string>> },
  intervalMs: number,
  from: number,
  to: number,
): Rhythm {
  const rhythm: Rhythm = { offMs: [], doubles: 0, doublesAcross: 0, missed: 0, silent: 0, bySender: {} };
  const missedIn = (gapMs: number) => (gapMs > 1.5 * intervalMs ? Math.round(gapMs / intervalMs) - 1 : 0);
  for (const path of paths) {
    const senders = seen.senders[path] ?? '';
    const runs = (seen.hits[path] ?? []).map((at, i) => ({ at, by: senders.charAt(i) })).sort((a, b) => a.at - b.at);
    const times = runs.map((r) => r.at);
    if (!times.some((at) => at >= from && at <= to)) rhythm.silent += 1;
    for (let i = 1; i < times.length; i += 1) {
      if (times[i]! < from || times[i]! > to) continue;
      rhythm.bySender[runs[i]!.by] = (rhythm.bySender[runs[i]!.by] ?? 0) + 1;
      const gap = times[i]! - times[i - 1]!;
      rhythm.offMs.push(Math.abs(gap - intervalMs));
      if (gap < intervalMs / 2) {
        rhythm.doubles += 1;
        if (runs[i]!.by !== runs[i - 1]!.by) rhythm.doublesAcross += 1;
      }
      rhythm.missed += missedIn(gap);
    }
    const last = times.filter((at) => at <= to).at(-1);
    rhythm.missed += last === undefined ? Math.max(1, Math.round((to - from) / intervalMs)) : missedIn(to - last);
  }
  return rhythm;
}
