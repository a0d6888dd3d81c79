import { useLayoutEffect, type RefObject } from 'react';

/** Lines a small tile gives up first (team and uptime): the code may take their room. */
const DROPPABLE = 'tile-foot';

/**
 * True when, with the code shown, a line of the tile that matters is cut off at its
 * bottom, or the code reaches up into the name.
 */
function crowded(code: HTMLElement): boolean {
  const tile = code.parentElement;
  if (!tile) return false;
  const box = tile.getBoundingClientRect();
  const bottom = box.bottom - parseFloat(getComputedStyle(tile).paddingBottom || '0') + 0.5;
  const top = code.getBoundingClientRect().top;
  for (const child of tile.children) {
    if (child === code || child.classList.contains(DROPPABLE)) continue;
    const rect = child.getBoundingClientRect();
    if (rect.bottom > bottom) return true;
    if (child.classList.contains('tile-name') && rect.bottom > top) return true;
  }
  return false;
}

/** Shows the code, then hides it again if it crowds its tile (before the browser paints). */
function fit(code: HTMLElement): void {
  code.hidden = false;
  code.hidden = crowded(code);
}

/**
 * Shows the code only where the tile has room for it: the status, the reason and who is
 * on call never give way to it. Measured after every render (the text changes, the
 * clock ticks) and whenever the tile is resized, before the browser paints, so a code
 * that does not fit is never seen.
 */
export function useQrRoom(ref: RefObject<HTMLElement | null>): void {
  useLayoutEffect(() => {
    if (ref.current) fit(ref.current);
  });
  useLayoutEffect(() => {
    const code = ref.current;
    const tile = code?.parentElement;
    if (!code || !tile || typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(() => fit(code));
    observer.observe(tile);
    return () => observer.disconnect();
  }, [ref]);
}
