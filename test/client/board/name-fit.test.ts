import { describe, expect, it } from 'vitest';
import { wrapWidths } from '../../../client/board/name-fit';

describe('the width a name needs on one, two or three lines', () => {
  it.each<[number[], number[]]>([
    [[4], [4, 4, 4]], // one word: no line breaks to be had
    [
      [4, 4],
      [9, 4, 4],
    ], // 4 + space + 4 on one line
    [
      [3, 3, 6],
      [14, 7, 6],
    ], // "3 3" over "6": the best split is not the half of the characters
    [
      [6, 2, 2, 2],
      [15, 8, 6],
    ],
    [[], [0, 0, 0]],
  ])('words %j (spaces of 1) need %j', (words, widths) => {
    expect(wrapWidths(words, 1, 3)).toEqual(widths);
  });

  it('a wrap the characters alone would miss: two lines of room do not always hold a name twice as wide as them', () => {
    // "Data Frontend 3": 14.5 em in all, yet no split into two lines is narrower than 9.
    const [one, two] = wrapWidths([3, 8, 1], 0.3, 2);
    expect(one! / 2).toBeLessThan(two!);
    expect(two).toBeCloseTo(9.3);
  });
});
