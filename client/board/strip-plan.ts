import { planWall, unplanned, type WallContent, type WallPlan, type WallSpace } from './layout';

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

export interface StripPlan {
  level: StripLevel;
  /** Lines the strip shows; null where the board scrolls and the strip takes what it needs. */
  lines: number | null;
  /** Type size relative to the board's. */
  fontEm: number;
  /** The wall laid out in the room the strip leaves. */
  wall: WallPlan;
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

/**
 * A strip costs the tiles nothing that matters when the wall under it folds no more
 * services than with no strip, and its type stays at least its least size — or, where
 * problems alone already fill the screen, does not shrink at all (and where they scroll,
 * there is no room to give).
 */
function costsNothing(wall: WallPlan, bare: WallPlan): boolean {
  if (!wall.grid || !bare.grid) return true;
  if (wall.foldLevel !== bare.foldLevel) return false;
  if (bare.grid.readable) return wall.grid.readable;
  return !bare.grid.scrolls && wall.grid.unitPx >= bare.grid.unitPx;
}

/**
 * The roomiest strip that costs the tiles nothing that matters (see costsNothing): the
 * type may get smaller, but no healthy service folds for the strip. `entryWidthsEm` are
 * in em of the entries' own type, so they hold at any level. Pure.
 */
export function planStrip(content: WallContent, space: WallSpace | null, entryWidthsEm: readonly number[]): StripPlan {
  const roomy = STRIP_LEVELS[0];
  if (space === null) return { level: roomy.name, lines: null, fontEm: roomy.fontEm, wall: unplanned(content.sorted) };
  const bare = planWall(content, space, 0);
  if (entryWidthsEm.length === 0) return { level: 'hidden', lines: 0, fontEm: roomy.fontEm, wall: bare };
  for (const level of STRIP_LEVELS) {
    const room = space.widthPx / (space.fontPx * level.fontEm) - 2 * STRIP_PAD_X_EM;
    const lines = Math.min(level.maxLines, linesNeeded(entryWidthsEm, room, STRIP_GAP_EM));
    const wall = lines === 0 ? bare : planWall(content, space, stripHeightPx(lines, level.fontEm, space.fontPx));
    if (costsNothing(wall, bare) || level.name === 'hidden') return { level: level.name, lines, fontEm: level.fontEm, wall };
  }
  throw new Error('unreachable: the last strip level always fits');
}

/** The strip's height when it shows `lines` lines (none: no height at all). */
export function stripHeightPx(lines: number, fontEm: number, fontPx: number): number {
  return lines === 0 ? 0 : (lines * STRIP_LINE_EM + 2 * STRIP_PAD_Y_EM) * fontEm * fontPx;
}
