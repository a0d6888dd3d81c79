import type { ServiceView } from '../../shared/api';
import { isProblem } from '../../shared/status';
import { ROW_MIN_EM } from './use-rows-that-fit';

/** Most columns the wall will use; beyond that tiles get too small to read across a room. */
export const MAX_COLUMNS = 8;

/** Grid cells a tile takes on a wall screen: problems take two, so they stand out and fit their message. */
export function tileCells(service: ServiceView): number {
  return isProblem(service.status) ? 2 : 1;
}

/**
 * Height one more line of a tile takes at its smallest, in em of the board: the incident
 * or maintenance line, in the status's large type (0.95rem at least, board.css) plus the
 * gap above it.
 */
export const TILE_LINE_EM = 1.5;

/** Lines a tile shows beyond its name, status, reason and team: who was paged or has it, and the maintenance it is in (as Tile draws them). */
export function tileExtraLines(service: ServiceView): number {
  const incident = service.incident && service.incident.status !== 'resolved' ? 1 : 0;
  return incident + (service.maintenance ? 1 : 0);
}

/**
 * The smallest row the wall may give a tile, in em: taller by a line while any tile shows
 * an incident or maintenance line, so that line never pushes a problem's status or reason
 * off its tile; fewer rows fit, and healthy services fold sooner instead. Pure.
 */
export function rowMinEm(services: readonly ServiceView[]): number {
  const extra = services.reduce((most, s) => Math.max(most, tileExtraLines(s)), 0);
  return ROW_MIN_EM + extra * TILE_LINE_EM;
}

/**
 * Columns for a landscape wall screen so that tiles fill it: about as many columns
 * as rows, because a 16:9 screen split that way gives tiles of roughly 2:1.
 */
export function wallColumns(services: readonly ServiceView[]): number {
  const cells = services.reduce((sum, s) => sum + tileCells(s), 0);
  return Math.min(MAX_COLUMNS, Math.max(1, Math.ceil(Math.sqrt(cells))));
}

/** What a wall screen shows: the tiles, in order, and the healthy services folded into one summary tile. */
export interface WallPlan {
  columns: number;
  tiles: ServiceView[];
  /** Up services with no room of their own; empty when everything fits. */
  folded: ServiceView[];
}

/**
 * Rows a grid of `columns` needs for `wide` two-cell tiles placed first and `narrow`
 * one-cell tiles after them, packed densely: the wide ones leave an odd last column
 * in each of their rows, which narrow ones fill.
 */
export function rowsNeeded(wide: number, narrow: number, columns: number): number {
  if (columns < 2) return wide + narrow;
  return Math.max(Math.ceil(wide / Math.floor(columns / 2)), Math.ceil((2 * wide + narrow) / columns));
}

/** Only a service that is up and not impacted may lose its own tile. */
const isFoldable = (service: ServiceView) => service.status === 'up' && service.impactedBy.length === 0;

/**
 * Lays out a wall sorted problems first so that it fits `rowsThatFit` rows without
 * scrolling: the fewest columns (for the biggest tiles) that hold everything; when
 * even `MAX_COLUMNS` do not, the trailing up services (not those impacted by a
 * down dependency) fold into one summary tile, so a problem is never off screen. `rowsThatFit` null (no layout known, or a screen
 * that scrolls anyway) shows everything. Pure.
 */
export function planWall(sorted: readonly ServiceView[], rowsThatFit: number | null): WallPlan {
  const all = [...sorted];
  if (rowsThatFit === null) return { columns: wallColumns(sorted), tiles: all, folded: [] };
  const rows = Math.max(1, rowsThatFit);
  const wide = sorted.filter((s) => tileCells(s) === 2).length;
  const narrow = sorted.length - wide;
  for (let columns = wallColumns(sorted); columns <= MAX_COLUMNS; columns++) {
    if (rowsNeeded(wide, narrow, columns) <= rows) return { columns, tiles: all, folded: [] };
  }
  // Fold from the end (the up services, by name), keeping one cell for the summary.
  let firstFolded = sorted.length;
  while (firstFolded > 0 && isFoldable(sorted[firstFolded - 1]!)) {
    firstFolded--;
    if (rowsNeeded(wide, firstFolded - wide + 1, MAX_COLUMNS) <= rows) break;
  }
  const folded = all.slice(firstFolded);
  return { columns: MAX_COLUMNS, tiles: all.slice(0, firstFolded), folded };
}
