/**
 * The width a run of words needs to fit on `lines` lines, for 1 up to `most`: the widest
 * line of the best split (words kept whole, in order, `space` between words on a line).
 * The browser wraps greedily, which takes the fewest lines any split can, so a text fits
 * on k lines exactly when the room is at least the k-th of these. Pure.
 */
export function wrapWidths(words: readonly number[], space: number, most: number): number[] {
  const result: number[] = [];
  for (let lines = 1; lines <= most; lines++) result.push(bestSplit(words, space, 0, lines));
  return result;
}

/** The narrowest widest line for words[from…] on at most `lines` lines. */
function bestSplit(words: readonly number[], space: number, from: number, lines: number): number {
  const rest = lineWidth(words, space, from, words.length);
  if (lines <= 1 || words.length - from <= 1) return rest;
  let best = rest;
  for (let end = from + 1; end < words.length; end++) {
    const first = lineWidth(words, space, from, end);
    if (first >= best) break;
    best = Math.min(best, Math.max(first, bestSplit(words, space, end, lines - 1)));
  }
  return best;
}

function lineWidth(words: readonly number[], space: number, from: number, to: number): number {
  let width = 0;
  for (let i = from; i < to; i++) width += words[i]! + (i > from ? space : 0);
  return width;
}
