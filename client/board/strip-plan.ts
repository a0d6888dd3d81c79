import type { ServiceView } from '../../shared/api';
import { planWall, rowsNeeded, tileCells, type WallPlan } from './layout';
import { rowsThatFit } from './use-rows-that-fit';

/** How the on-call strip is drawn, roomiest first: it gives up lines, then type size, then itself, before a tile gives up anything. */
export const STRIP_LEVELS = [
  { name: 'roomy', fontEm: 1.7, maxLines: 2 },
  { name: 'compact', fontEm: 1.7, maxLines: 1 },
  { name: 'small', fontEm: 1.2, maxLines: 1 },
  { name: 'hidden', fontEm: 1.2, maxLines: 0 },
] as const;

export type StripLevel = (typeof STRIP_LEVELS)[number]['name'];

/** Height of one strip line and the strip's padding, in em of the strip's own type (as board.css draws it). */
export const STRIP_LINE_EM = 1.3;
export const STRIP_PAD_Y_EM = 0.2;
export const STRIP_PAD_X_EM = 0.8;
export const STRIP_GAP_EM = 1.2;

/** The space the strip and the grid share on a wall screen, measured. */
export interface WallSpace {
  /** Height of the strip and the grid together, px. */
  heightPx: number;
  /** Width of the strip, px. */
  widthPx: number;
  /** The board's type size (1em), px. */
  fontPx: number;
  /** The grid's own top and bottom padding, px. */
  gridPaddingPx: number;
  /** The gap between grid rows, px. */
  gapPx: number;
  /** The smallest row a tile may have, px. */
  rowMinPx: number;
}

export interface StripPlan {
  level: StripLevel;
  /** Lines the strip shows; null where the board scrolls and the strip takes what it needs. */
  lines: number | null;
  /** Type size relative to the board's. */
  fontEm: number;
  /** Rows the grid has room for once the strip is placed; null where the board scrolls. */
  rows: number | null;
}

/**
 * Lines a wrapping row of entries needs, packed in order as flex-wrap does. Widths and
 * room in the same unit (em of the strip's type). An entry wider than the room takes a
 * line of its own, cut. Pure.
 */
export function linesNeeded(widths: readonly number[], room: number, gap: number): number {
  let lines = 0;
  let used = Infinity;
  for (const width of widths) {
    if (used + gap + width <= room) used += gap + width;
    else {
      lines++;
      used = width;
    }
  }
  return lines;
}

/** Whether every tile the plan keeps (problems included) is on screen in `rows` rows. */
function allShown(plan: WallPlan, rows: number): boolean {
  const wide = plan.tiles.filter((s) => tileCells(s) === 2).length;
  const narrow = plan.tiles.length - wide + (plan.folded.length > 0 ? 1 : 0);
  return rowsNeeded(wide, narrow, plan.columns) <= rows;
}

/**
 * The roomiest strip that costs the tiles nothing that matters: the same columns (the
 * same tile size) as with no strip at all, and every tile still on screen (or, where
 * problems fill more than the screen already, not one row fewer). Up services may fold
 * into the summary tile sooner. `entryWidthsEm` are in em of the entries' own
 * type, so they hold at any level. Pure.
 */
export function planStrip(sorted: readonly ServiceView[], space: WallSpace | null, entryWidthsEm: readonly number[]): StripPlan {
  const roomy = STRIP_LEVELS[0];
  if (space === null) return { level: roomy.name, lines: null, fontEm: roomy.fontEm, rows: null };
  if (entryWidthsEm.length === 0) return { level: 'hidden', lines: 0, fontEm: roomy.fontEm, rows: gridRows(space, 0) };
  const bare = gridRows(space, 0);
  const reference = planWall(sorted, bare);
  for (const level of STRIP_LEVELS) {
    const room = space.widthPx / (space.fontPx * level.fontEm) - 2 * STRIP_PAD_X_EM;
    const lines = Math.min(level.maxLines, linesNeeded(entryWidthsEm, room, STRIP_GAP_EM));
    const rows = gridRows(space, stripHeightPx(lines, level.fontEm, space.fontPx));
    const plan = planWall(sorted, rows);
    const costsNothing = plan.columns === reference.columns && (rows === bare || allShown(plan, rows));
    if (costsNothing || level.name === 'hidden') return { level: level.name, lines, fontEm: level.fontEm, rows };
  }
  throw new Error('unreachable: the last strip level always fits');
}

/** The strip's height when it shows `lines` lines (none: no height at all). */
export function stripHeightPx(lines: number, fontEm: number, fontPx: number): number {
  return lines === 0 ? 0 : (lines * STRIP_LINE_EM + 2 * STRIP_PAD_Y_EM) * fontEm * fontPx;
}

function gridRows(space: WallSpace, stripPx: number): number {
  return rowsThatFit(space.heightPx - stripPx, space.gridPaddingPx, space.gapPx, space.rowMinPx);
}
