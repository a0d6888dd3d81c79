import { describe, expect, it } from 'vitest';
import { nextTile, type TileBox } from '../../../client/board/tile-keys';

// A wall of 4 columns, 100 px each: a problem two columns wide at the start, then healthy tiles.
//   [ problem (0)  ][ 1 ][ 2 ]
//   [ 3 ][ 4 ][ 5 ][ 6 ]
//   [ 7 ]
const box = (column: number, row: number, span = 1): TileBox => ({ left: column * 100, top: row * 80, width: span * 100 - 8, height: 72 });
const WALL = [box(0, 0, 2), box(2, 0), box(3, 0), box(0, 1), box(1, 1), box(2, 1), box(3, 1), box(0, 2)];

describe('moving between tiles with the keys', () => {
  it('left and right go through the tiles in reading order, and stop at the ends', () => {
    expect(nextTile(WALL, 0, 'ArrowRight')).toBe(1);
    expect(nextTile(WALL, 2, 'ArrowRight')).toBe(3);
    expect(nextTile(WALL, 3, 'ArrowLeft')).toBe(2);
    expect(nextTile(WALL, 0, 'ArrowLeft')).toBeNull();
    expect(nextTile(WALL, 7, 'ArrowRight')).toBeNull();
  });

  it('down and up go to the nearest tile by its centre in the next row', () => {
    // The wide problem's centre sits between columns 0 and 1: the nearer of the two below it.
    expect([3, 4]).toContain(nextTile(WALL, 0, 'ArrowDown'));
    expect(nextTile(WALL, 2, 'ArrowDown')).toBe(6);
    expect(nextTile(WALL, 5, 'ArrowUp')).toBe(1);
    expect(nextTile(WALL, 4, 'ArrowUp')).toBe(0);
    expect(nextTile(WALL, 6, 'ArrowDown')).toBe(7);
    expect(nextTile(WALL, 1, 'ArrowUp')).toBeNull();
    expect(nextTile(WALL, 7, 'ArrowDown')).toBeNull();
  });

  it('Home and End go to the first and the last tile', () => {
    expect(nextTile(WALL, 5, 'Home')).toBe(0);
    expect(nextTile(WALL, 1, 'End')).toBe(7);
    expect(nextTile([], 0, 'End')).toBeNull();
  });
});
