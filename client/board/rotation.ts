/** Where a rotation stands at an instant. */
export interface RotationStep {
  /** The page shown now. */
  index: number;
  /** The page shown next (the same one when there is one page). */
  next: number;
  /** When the next page takes over, epoch ms. */
  turnsAt: number;
}

/**
 * Which of `pages` pages shows at `now` when each shows for `periodMs`. Counted from the
 * epoch, not from when the page loaded: every screen with the same address turns its
 * pages together, and a reload comes back to the page the others show. Pure.
 */
export function rotationAt(pages: number, periodMs: number, now: number): RotationStep {
  const turn = Math.floor(now / periodMs);
  const count = Math.max(1, pages);
  const index = turn % count;
  return { index, next: (index + 1) % count, turnsAt: (turn + 1) * periodMs };
}
