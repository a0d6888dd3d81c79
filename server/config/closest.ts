/**
 * Edit distance between two words: insertions, deletions, substitutions and swaps of
 * two neighbouring letters each count one (optimal string alignment), so both
 * "servce" and "sevrices" are one edit from their intended word. Pure.
 */
export function editDistance(a: string, b: string): number {
  // Three rolling rows: the one before the previous is needed for swaps.
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i += 1) {
    const current = [i];
    for (let j = 1; j <= b.length; j += 1) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, before[j - 2]! + 1);
      current.push(best);
    }
    before = previous;
    previous = current;
  }
  return previous[b.length]!;
}

/**
 * The known name closest to what was written, when it is close enough to be a slip
 * (at most a third of the letters wrong, at least one allowed; letter case is free).
 * Null when nothing is that close, so a suggestion is never a wild guess.
 */
export function closestName(written: string, known: Iterable<string>): string | null {
  const typed = written.toLowerCase();
  let best: { name: string; distance: number } | null = null;
  for (const name of known) {
    if (name === written) continue;
    const distance = editDistance(typed, name.toLowerCase());
    const allowed = Math.max(1, Math.floor(Math.max(typed.length, name.length) / 3));
    if (distance <= allowed && (best === null || distance < best.distance)) best = { name, distance };
  }
  return best?.name ?? null;
}

/** `; did you mean "x"?` when a close name exists, else nothing: appended to a problem's message. */
export function didYouMean(written: string, known: Iterable<string>): string {
  const suggestion = closestName(written, known);
  return suggestion === null ? '' : `; did you mean "${suggestion}"?`;
}
