import { describe, expect, it } from 'vitest';
import { rotationAt } from '../../../client/board/rotation';

describe('which page a rotation shows', () => {
  it.each([
    [0, 0, 1, 30_000],
    [29_999, 0, 1, 30_000],
    [30_000, 1, 2, 60_000],
    [89_999, 2, 0, 90_000],
    [90_000, 0, 1, 120_000],
  ])('at %s ms of three 30 s pages: page %s, then %s at %s', (now, index, next, turnsAt) => {
    expect(rotationAt(3, 30_000, now)).toEqual({ index, next, turnsAt });
  });

  it('screens with the same address show the same page at the same time, whenever each loaded', () => {
    const now = Date.parse('2026-03-01T10:00:45Z');
    expect(rotationAt(4, 30_000, now)).toEqual(rotationAt(4, 30_000, now));
    expect(rotationAt(4, 30_000, now).index).toBe(Math.floor(now / 30_000) % 4);
  });

  it('one page stays', () => {
    expect(rotationAt(1, 10_000, 123_456)).toMatchObject({ index: 0, next: 0 });
  });
});
