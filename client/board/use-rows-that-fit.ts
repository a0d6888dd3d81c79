/** Smallest row a wall tile gets, in em: below that its name cannot be read across a room. */
export const ROW_MIN_EM = 6;

/** Screens laid out as a wall (as in board.css); narrow and portrait ones scroll instead. */
export const WALL_MEDIA = '(min-width: 761px) and (orientation: landscape)';

/** How many rows of at least `ROW_MIN_EM` fit in a grid whose height is known. Pure. */
export function rowsThatFit(heightPx: number, paddingPx: number, gapPx: number, rowMinPx: number): number {
  return Math.max(1, Math.floor((heightPx - paddingPx + gapPx) / (rowMinPx + gapPx)));
}
