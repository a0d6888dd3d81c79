import { useEffect, useState, type RefObject } from 'react';

/** Smallest row a wall tile gets, in em: below that its name cannot be read across a room. */
export const ROW_MIN_EM = 6;

/** Screens laid out as a wall (as in board.css); narrow and portrait ones scroll instead. */
export const WALL_MEDIA = '(min-width: 761px) and (orientation: landscape)';

/** How many rows of at least `ROW_MIN_EM` fit in a grid whose height is known. Pure. */
export function rowsThatFit(heightPx: number, paddingPx: number, gapPx: number, rowMinPx: number): number {
  return Math.max(1, Math.floor((heightPx - paddingPx + gapPx) / (rowMinPx + gapPx)));
}

function measure(grid: HTMLElement): number {
  const style = getComputedStyle(grid);
  const px = (value: string) => Number.parseFloat(value) || 0;
  return rowsThatFit(grid.clientHeight, px(style.paddingTop) + px(style.paddingBottom), px(style.rowGap), ROW_MIN_EM * px(style.fontSize));
}

/**
 * Rows that fit in the wall's grid, followed as the screen resizes; null where the
 * board is not laid out as a wall (narrow or portrait screens, or no layout at all).
 */
export function useRowsThatFit(grid: RefObject<HTMLElement | null>): number | null {
  const [rows, setRows] = useState<number | null>(null);
  useEffect(() => {
    const element = grid.current;
    if (!element || typeof ResizeObserver === 'undefined' || typeof window.matchMedia !== 'function') return;
    const media = window.matchMedia(WALL_MEDIA);
    const update = () => setRows(media.matches ? measure(element) : null);
    const observer = new ResizeObserver(update);
    observer.observe(element);
    media.addEventListener('change', update);
    update();
    return () => {
      observer.disconnect();
      media.removeEventListener('change', update);
    };
  }, [grid]);
  return rows;
}
