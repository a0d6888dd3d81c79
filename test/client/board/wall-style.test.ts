import { describe, expect, it } from 'vitest';
import type { WallGrid } from '../../../client/board/layout';
import { wallStyle } from '../../../client/board/wall-style';
import { TILE_SCALE } from '../../../client/board/tile-type';

const grid: WallGrid = { columns: 6, rows: 4, wideRows: 2, unitPx: 28.876, wideUnitPx: 30.5, bannerPx: 57.4, rowPx: 217.3, scrolls: false, readable: true };

describe('the plan as CSS custom properties', () => {
  it('hands board.css the grid, the type units, the banner’s size and the type scale', () => {
    expect(wallStyle(grid)).toMatchObject({
      '--cols': 6,
      '--rows': 4,
      '--wide-rows': 2,
      '--row-size': 'minmax(0, 1fr)',
      '--cell-unit': '28.87px',
      '--wide-unit': '30.5px',
      '--banner-size': '57.4px',
      '--cell-name': TILE_SCALE.cell.name,
      '--wide-name': TILE_SCALE.wide.name,
    });
  });

  it('rows of the planned height where the grid scrolls', () => {
    expect(wallStyle({ ...grid, scrolls: true })!['--row-size']).toBe('217.3px');
  });

  it('nothing where the board is not a wall', () => {
    expect(wallStyle(null)).toBeUndefined();
  });
});
