/** How long the board stays at one offset before moving a pixel on. */
export const SHIFT_PERIOD_MS = 3 * 60_000;

/**
 * The offsets the board visits, in px, a pixel at a time round a 3×3 square. Never
 * positive: moved up or left, the board never pushes past the bottom or right edge, so a
 * shift can never make the page scroll; the top or left pixel row it hides is padding.
 */
const RING: ReadonlyArray<readonly [number, number]> = [
  [0, 0],
  [-1, 0],
  [-2, 0],
  [-2, -1],
  [-2, -2],
  [-1, -2],
  [0, -2],
  [0, -1],
];

export interface Shift {
  x: number;
  y: number;
}

/**
 * Where the board sits at `now` (epoch ms), against burn-in: every pixel of a static
 * picture (the banner's edge, the grid's gaps) moves a little every few minutes, too
 * little and too seldom to notice from across a room. Read from the clock, so every
 * screen and every reload agrees. Pure.
 */
export function shiftAt(now: number, periodMs = SHIFT_PERIOD_MS): Shift {
  const step = Math.floor(now / periodMs) % RING.length;
  const [x, y] = RING[step < 0 ? step + RING.length : step]!;
  return { x, y };
}

/** The value of `data-shift`: "x,y" in px. */
export function shiftAttribute({ x, y }: Shift): string {
  return `${x},${y}`;
}

/** Time until the board next moves, so a timer wakes only when there is something to do. */
export function msToNextShift(now: number, periodMs = SHIFT_PERIOD_MS): number {
  return periodMs - (((now % periodMs) + periodMs) % periodMs);
}
