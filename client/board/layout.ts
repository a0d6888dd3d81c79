import type { ServiceView } from '../../shared/api';
import { FoldLevels, type TeamFold, type WallTiles } from './fold-plan';
import { bannerPx, bestShape, cellSize, holds, rowsNeeded, shapes, type GridLoad, type GridRoom, type Shape, type WallSpace } from './grid-fit';
import { contentHeight } from './tile-fit';
import { foldProfile, serviceProfile, tileSpan, widest, type TileProfile, type TileSpan } from './tile-profile';
import type { MeasureText } from './text-width';
import { BANNER_LINE_HEIGHT, BANNER_MIN_EM, FLOOR_UNIT_EM, MIN_UNIT_EM } from './tile-type';

export { rowsNeeded, type WallSpace } from './grid-fit';
export { tileCells, tileSpan } from './tile-profile';

/** What the wall shows, ready to be laid out on any screen: worked out once per change of the services. */
export interface WallContent {
  sorted: readonly ServiceView[];
  /** How many levels of folding there are (see FoldLevels). */
  levels: number;
  /** The tiles at a level of folding, and what the grid must hold for them; worked out once each. */
  at: (level: number) => { tiles: WallTiles; load: GridLoad };
  /** The banner's sentence, em of its type. */
  bannerEm: number;
  /** What a service's tile has to fit. */
  profile: (service: ServiceView) => TileProfile;
}

/** The grid a wall is drawn in, and the size of its type. */
export interface WallGrid {
  columns: number;
  rows: number;
  /** Rows a problem's tile spans (it is always two columns wide), and a tall tile's (see TileSpan). */
  wideRows: number;
  /** The type unit of one-cell tiles: their status is this large (px). */
  unitPx: number;
  /** The type unit of problem tiles (px), never less than `unitPx`. */
  wideUnitPx: number;
  /** The banner's sentence (px): always larger than any tile's text. */
  bannerPx: number;
  /** Height of a row as planned (px). */
  rowPx: number;
  /** Whether the rows are more than the screen holds, each `rowPx` high: the grid scrolls. Otherwise they share its height. */
  scrolls: boolean;
  /** Whether every text is at least its least size (MIN_UNIT_EM); false only when problems alone fill the screen. */
  readable: boolean;
}

/** What a wall screen shows and how. */
export interface WallPlan extends WallTiles {
  /** How far healthy services are folded (see FoldLevels); 0 when everything has its own tile. */
  foldLevel: number;
  /** Null where the board is not laid out as a wall (a narrow screen, which scrolls). */
  grid: WallGrid | null;
}

/** Works out, once per change, what each tile has to fit. */
export function wallContent(sorted: readonly ServiceView[], bannerText: string, measure: MeasureText, nameOf: (id: string) => string): WallContent {
  const levels = new FoldLevels(sorted);
  const profiles = new Map<ServiceView, TileProfile>();
  const profile = (service: ServiceView) => {
    let known = profiles.get(service);
    if (!known) profiles.set(service, (known = serviceProfile(service, measure, nameOf)));
    return known;
  };
  const loads = new Map<number, { tiles: WallTiles; load: GridLoad }>();
  const at = (level: number) => {
    let known = loads.get(level);
    if (!known) {
      const tiles = levels.at(level);
      loads.set(level, (known = { tiles, load: gridLoad(tiles, profile, (folds, merged) => foldProfile(folds, merged, measure)) }));
    }
    return known;
  };
  return { sorted, levels: levels.count, at, bannerEm: measure(bannerText, 'banner'), profile };
}

/** Everything with a tile of its own and no grid: a screen that scrolls. */
export function unplanned(sorted: readonly ServiceView[]): WallPlan {
  return { tiles: [...sorted], teams: [], more: [], foldLevel: 0, grid: null };
}

/** What the grid must hold for `tiles`: how many of each kind, and the widest profile of each. */
function gridLoad(
  tiles: WallTiles,
  profile: (service: ServiceView) => TileProfile,
  folded: (folds: readonly TeamFold[], merged: boolean) => TileProfile,
): GridLoad {
  const spans: Record<TileSpan, TileProfile[]> = { cell: [], tall: [], wide: [] };
  for (const service of tiles.tiles) spans[tileSpan(service)].push(profile(service));
  for (const team of tiles.teams) spans.cell.push(folded([team], false));
  if (tiles.more.length > 0) spans.cell.push(folded(tiles.more, true));
  return {
    wide: spans.wide.length,
    tall: spans.tall.length,
    narrow: spans.cell.length,
    profiles: { cell: widest(spans.cell), tall: widest(spans.tall), wide: widest(spans.wide) },
  };
}

/**
 * Lays a wall out on a measured screen, with the on-call strip taking `stripPx`: every
 * problem on screen, and the type as large as the screen allows — a status at least
 * MIN_UNIT_EM, a problem's name larger still, the banner larger than any tile's text.
 * When that does not hold every service, healthy services fold by team (FoldLevels),
 * as few as need to; only when problems alone fill the screen does the type go below
 * its least, and below FLOOR_UNIT_EM the grid scrolls instead. Pure.
 */
export function planWall(content: WallContent, space: WallSpace | null, stripPx = 0): WallPlan {
  if (space === null) return unplanned(content.sorted);
  const room: GridRoom = { space, bannerEm: content.bannerEm, stripPx };
  const least = MIN_UNIT_EM * space.fontPx;
  const readable = (level: number) => {
    const what = content.at(level).load;
    return shapes(room, what, least).some((shape) => holds(room, what, shape, { cell: least, wide: least }));
  };
  const level = firstLevel(content.levels, readable);
  const chosen = level ?? content.levels - 1;
  const { tiles, load: what } = content.at(chosen);
  if (what.wide + what.tall + what.narrow === 0) return { ...tiles, foldLevel: chosen, grid: emptyGrid(space) };
  const floor = FLOOR_UNIT_EM * space.fontPx;
  const { shape, units } = bestShape(room, what, level === null ? floor : least);
  if (units.cell < floor) return { ...tiles, foldLevel: chosen, grid: scrolling(room, what, shape, floor) };
  const grid: WallGrid = {
    ...shape,
    unitPx: units.cell,
    wideUnitPx: units.wide,
    bannerPx: bannerPx(space, units, what.wide > 0),
    rowPx: cellSize(room, what, shape, units).height,
    scrolls: false,
    readable: level !== null,
  };
  return { ...tiles, foldLevel: chosen, grid };
}

/**
 * The first level at which `fits` holds, or null when none does. Folding more never
 * takes room, so the levels are searched by halves.
 */
function firstLevel(count: number, fits: (level: number) => boolean): number | null {
  if (fits(0)) return 0;
  let low = 0;
  let high = count - 1;
  if (!fits(high)) return null;
  while (high - low > 1) {
    const mid = (low + high) >> 1;
    if (fits(mid)) high = mid;
    else low = mid;
  }
  return high;
}

/** Problems too many for the screen even at the floor: that type, rows as tall as tiles need, and the grid scrolls. */
function scrolling(room: GridRoom, what: GridLoad, shape: Shape, unit: number): WallGrid {
  const units = { cell: unit, wide: unit };
  const { width } = cellSize(room, what, shape, units);
  const { cell, tall, wide } = what.profiles;
  const rowPx =
    Math.ceil(
      Math.max(
        cell ? contentHeight(cell, 'cell', unit, width) : 0,
        tall ? contentHeight(tall, 'cell', unit, width) / shape.wideRows : 0,
        wide ? contentHeight(wide, 'wide', unit, 2 * width + room.space.gapPx) / shape.wideRows : 0,
      ),
    ) + 2;
  return { ...shape, unitPx: unit, wideUnitPx: unit, bannerPx: bannerPx(room.space, units, what.wide > 0), rowPx, scrolls: true, readable: false };
}

/** A wall with nothing on it: the banner says so at its least size. */
function emptyGrid(space: WallSpace): WallGrid {
  const unit = MIN_UNIT_EM * space.fontPx;
  const banner = BANNER_MIN_EM * space.fontPx;
  const rowPx = space.heightPx - space.bannerPadPx - BANNER_LINE_HEIGHT * banner - space.gridPadYPx;
  return { columns: 1, rows: 1, wideRows: 1, unitPx: unit, wideUnitPx: unit, bannerPx: banner, rowPx, scrolls: false, readable: true };
}

/**
 * Every service with its own tile, in the grid and type of the folded wall, in as many
 * rows as they need: the screen scrolls, for a person at a desk who asked to see all.
 */
export function unfoldWall(fitted: WallPlan, sorted: readonly ServiceView[]): WallPlan {
  const all = unplanned(sorted);
  if (!fitted.grid) return all;
  const count = (span: TileSpan) => sorted.filter((s) => tileSpan(s) === span).length;
  const { columns, wideRows } = fitted.grid;
  return { ...all, grid: { ...fitted.grid, rows: rowsNeeded(count('wide'), count('tall'), count('cell'), columns, wideRows), scrolls: true } };
}
