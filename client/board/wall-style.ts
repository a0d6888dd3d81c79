import type { WallGrid } from './layout';
import {
  BANNER_LINE_HEIGHT,
  HEADLINE_GAP_X,
  HEADLINE_GAP_Y,
  MAX_NAME_LINES,
  MAX_ONCALL_LINES,
  MAX_REASON_LINES,
  QR_UNITS,
  SINCE_SCALE,
  STATUS_GAP,
  TILE_GAP,
  TILE_LINE_HEIGHT,
  TILE_PAD_X,
  TILE_PAD_Y,
  TILE_ROLES,
  TILE_SCALE,
} from './tile-type';

/** The plan as CSS custom properties on the board: board.css sizes the grid, the tiles and the banner from nothing else. */
export type WallStyle = Record<`--${string}`, string | number>;

/** The type scale, the same for every plan. */
function scaleVars(): WallStyle {
  const vars: WallStyle = {
    '--tile-pad-y': TILE_PAD_Y,
    '--tile-pad-x': TILE_PAD_X,
    '--tile-gap': TILE_GAP,
    '--status-gap': STATUS_GAP,
    '--headline-gap-x': HEADLINE_GAP_X,
    '--headline-gap-y': HEADLINE_GAP_Y,
    '--cell-since': SINCE_SCALE.cell,
    '--wide-since': SINCE_SCALE.wide,
    '--cell-name-lines': MAX_NAME_LINES.cell,
    '--wide-name-lines': MAX_NAME_LINES.wide,
    '--reason-lines': MAX_REASON_LINES,
    '--oncall-lines': MAX_ONCALL_LINES,
    '--banner-line': BANNER_LINE_HEIGHT,
  };
  for (const role of TILE_ROLES) {
    vars[`--cell-${role}`] = TILE_SCALE.cell[role];
    vars[`--wide-${role}`] = TILE_SCALE.wide[role];
    vars[`--lh-${role}`] = TILE_LINE_HEIGHT[role];
  }
  return vars;
}

const SCALE = scaleVars();

/** Custom properties for a planned wall; none where the board is not laid out as a wall. Pure. */
export function wallStyle(grid: WallGrid | null): WallStyle | undefined {
  if (!grid) return undefined;
  const px = (n: number) => `${Math.floor(n * 100) / 100}px`;
  return {
    ...SCALE,
    '--cols': grid.columns,
    '--rows': grid.rows,
    '--wide-rows': grid.wideRows,
    // Rows share the grid's height exactly where the wall fits; where it scrolls each is as tall as planned.
    '--row-size': grid.scrolls ? px(grid.rowPx) : 'minmax(0, 1fr)',
    '--cell-unit': px(grid.unitPx),
    '--wide-unit': px(grid.wideUnitPx),
    '--wide-qr-size': px(QR_UNITS * grid.wideUnitPx),
    '--banner-size': px(grid.bannerPx),
  };
}
