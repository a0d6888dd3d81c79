import { contentHeight } from './tile-fit';
import type { TileProfile, TileSpan } from './tile-profile';
import { BANNER_LINE_HEIGHT, BANNER_MIN_EM, BANNER_OVER_TILES, TILE_PAD_X, TILE_SCALE, type TileKind } from './tile-type';

/** The screen a wall has, measured (px): the banner, the on-call strip and the grid share its height. */
export interface WallSpace {
  /** Width of the grid, padding included. */
  widthPx: number;
  /** Height of the banner, the strip and the grid together. */
  heightPx: number;
  /** The board's type size (1 em). */
  fontPx: number;
  /** The grid's padding, left and right together, and top and bottom together. */
  gridPadXPx: number;
  gridPadYPx: number;
  /** The gap between grid rows and columns. */
  gapPx: number;
  /** The banner's padding, top and bottom together. */
  bannerPadPx: number;
  /** The width the banner's sentence has (the uptime figure beside it takes the rest). */
  bannerTextPx: number;
}

/** What a grid must hold: how many tiles of each span, and what the widest of each must fit (null: none of that span). */
export interface GridLoad {
  wide: number;
  tall: number;
  narrow: number;
  profiles: Record<TileSpan, TileProfile | null>;
}

/** Where the grid goes: the measured screen, the banner's sentence (em of its type) and the strip's height above it. */
export interface GridRoom {
  space: WallSpace;
  bannerEm: number;
  stripPx: number;
}

/** A grid shape: columns, rows, and the rows a band of problem (two columns wide) and tall (one column) tiles spans. */
export interface Shape {
  columns: number;
  rows: number;
  wideRows: number;
}

/** The type unit of each kind of tile (px): a status is this large. */
export interface Units {
  cell: number;
  wide: number;
}

/** Room left for rounding: the browser lays lines out on whole pixels, the plan in fractions. */
const SLACK_PX = 2;

/** Steps of the search for the largest unit: a hundredth of a pixel on any screen. */
const SEARCH_STEPS = 18;

/**
 * Rows a grid of `columns` needs for `wide` problem tiles (two columns by `wideRows`),
 * then `tall` tiles (one column by `wideRows`), then `narrow` one-cell tiles, packed
 * densely as CSS grid does: problems fill bands of `wideRows` rows two columns at a
 * time, tall tiles the columns they leave and then bands of their own, and one-cell
 * tiles every cell left over before rows of their own.
 */
export function rowsNeeded(wide: number, tall: number, narrow: number, columns: number, wideRows = 1): number {
  if (wide > 0 && columns < 2) return (wide + tall) * wideRows + narrow;
  const wideBands = wide > 0 ? Math.ceil(wide / Math.floor(columns / 2)) : 0;
  const besideProblems = wideBands * columns - 2 * wide;
  const bands = wideBands + Math.ceil(Math.max(0, tall - besideProblems) / columns);
  const holes = (bands * columns - 2 * wide - tall) * wideRows;
  return bands * wideRows + Math.ceil(Math.max(0, narrow - holes) / columns);
}

/** The banner's type (px) over tiles of `units`: its least, or larger than the largest text on any tile. */
export function bannerPx(space: WallSpace, units: Units, hasWide: boolean): number {
  const largest = Math.max(TILE_SCALE.cell.name * units.cell, hasWide ? TILE_SCALE.wide.name * units.wide : 0);
  return Math.max(BANNER_MIN_EM * space.fontPx, BANNER_OVER_TILES * largest);
}

/** The size of one grid cell (px) for `shape`, under a banner sized for `units`. */
export function cellSize(room: GridRoom, load: GridLoad, shape: Shape, units: Units): { width: number; height: number } {
  const { space } = room;
  const banner = bannerPx(space, units, load.wide > 0);
  const lines = Math.max(1, Math.ceil((room.bannerEm * banner) / space.bannerTextPx));
  const grid = space.heightPx - room.stripPx - space.bannerPadPx - lines * BANNER_LINE_HEIGHT * banner;
  return {
    width: (space.widthPx - space.gridPadXPx - (shape.columns - 1) * space.gapPx) / shape.columns,
    height: (grid - space.gridPadYPx - (shape.rows - 1) * space.gapPx) / shape.rows,
  };
}

/** Which kinds of tile must keep every name whole (see largestUnits). */
type Whole = Record<TileKind, boolean>;

const CUT_ALLOWED: Whole = { cell: false, wide: false };

/** Whether `shape` holds `load` with type `units`, the banner sized above it as it would be. */
export function holds(room: GridRoom, load: GridLoad, shape: Shape, units: Units, whole = CUT_ALLOWED): boolean {
  const { width, height } = cellSize(room, load, shape, units);
  if (width <= 0 || height <= 0) return false;
  const { cell, tall, wide } = load.profiles;
  const band = shape.wideRows * height + (shape.wideRows - 1) * room.space.gapPx;
  if (cell && contentHeight(cell, 'cell', units.cell, width, whole.cell) + SLACK_PX > height) return false;
  if (tall && contentHeight(tall, 'cell', units.cell, width, whole.cell) + SLACK_PX > band) return false;
  return !wide || contentHeight(wide, 'wide', units.wide, 2 * width + room.space.gapPx, whole.wide) + SLACK_PX <= band;
}

/** The largest value in [low, high] for which `ok` holds (it holds for all below), by halves; `low` when none. */
function largest(low: number, high: number, ok: (value: number) => boolean): number {
  for (let i = 0; i < SEARCH_STEPS; i++) {
    const mid = (low + high) / 2;
    if (ok(mid)) low = mid;
    else high = mid;
  }
  return low;
}

/** Shapes worth trying: every column count up to what the narrowest tile readable at `leastUnit` allows, problems one or two rows tall. */
export function shapes(room: GridRoom, load: GridLoad, leastUnit: number): Shape[] {
  const { space } = room;
  const profile = load.profiles.cell ?? load.profiles.tall ?? load.profiles.wide;
  const least = (Math.max(profile?.statusWord ?? 1, profile?.nameWord ?? 0) + 2 * TILE_PAD_X) * leastUnit;
  const most = Math.max(2, Math.floor((space.widthPx - space.gridPadXPx + space.gapPx) / (least + space.gapPx)));
  const result: Shape[] = [];
  for (let columns = load.wide > 0 ? 2 : 1; columns <= most; columns++) {
    for (const wideRows of load.wide + load.tall > 0 ? [1, 2] : [1])
      result.push({ columns, wideRows, rows: rowsNeeded(load.wide, load.tall, load.narrow, columns, wideRows) });
  }
  return result;
}

/**
 * The largest type `shape` holds `load` in, from `common` (the largest unit that holds
 * every tile): the problems' type grown into what their tiles have left, then the other
 * tiles' likewise, never past the problems', which stay the larger. Growing never cuts
 * a name that was whole.
 */
function largestUnits(room: GridRoom, load: GridLoad, shape: Shape, common: number): Units {
  const high = room.space.heightPx;
  const at = { cell: common, wide: common };
  const whole: Whole = { cell: holds(room, load, shape, at, { cell: true, wide: false }), wide: holds(room, load, shape, at, { cell: false, wide: true }) };
  const wide = load.wide > 0 ? largest(common, high, (u) => holds(room, load, shape, { cell: common, wide: u }, whole)) : common;
  const cell = load.narrow + load.tall > 0 ? largest(common, load.wide > 0 ? wide : high, (u) => holds(room, load, shape, { cell: u, wide }, whole)) : common;
  return { cell, wide };
}

/**
 * The shape with the largest type for `load` (the least of its units; the fewest columns
 * on a tie), and that type. Only shapes that hold it at `leastUnit` are tried, when any
 * does; otherwise every shape, from nothing.
 */
export function bestShape(room: GridRoom, load: GridLoad, leastUnit: number): { shape: Shape; units: Units } {
  const all = shapes(room, load, leastUnit);
  const readable = all.filter((shape) => holds(room, load, shape, { cell: leastUnit, wide: leastUnit }));
  const from = readable.length > 0 ? leastUnit : 0;
  let best = { shape: { columns: 1, wideRows: 1, rows: Math.max(1, load.narrow + load.tall) }, score: 0 };
  for (const shape of readable.length > 0 ? readable : all) {
    const common = largest(from, room.space.heightPx, (u) => holds(room, load, shape, { cell: u, wide: u }));
    if (common > best.score) best = { shape, score: common };
  }
  return best.score > 0 ? { shape: best.shape, units: largestUnits(room, load, best.shape, best.score) } : { shape: best.shape, units: { cell: 0, wide: 0 } };
}
