import { useEffect, useState, type RefObject } from 'react';
import type { WallSpace } from './strip-plan';
import { ROW_MIN_EM, WALL_MEDIA } from './use-rows-that-fit';

const px = (value: string) => Number.parseFloat(value) || 0;

function measure(area: HTMLElement, grid: HTMLElement): WallSpace {
  const style = getComputedStyle(grid);
  const fontPx = px(style.fontSize);
  return {
    heightPx: area.clientHeight,
    widthPx: area.clientWidth,
    fontPx,
    gridPaddingPx: px(style.paddingTop) + px(style.paddingBottom),
    gapPx: px(style.rowGap),
    rowMinPx: ROW_MIN_EM * fontPx,
  };
}

const same = (a: WallSpace | null, b: WallSpace | null) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The space the on-call strip and the grid share, followed as the screen resizes. The
 * area's size does not depend on how the strip is drawn, so choosing a strip level never
 * feeds back into the measure. Null where the board is not laid out as a wall (narrow or
 * portrait screens, or no layout at all).
 */
export function useWallSpace(area: RefObject<HTMLElement | null>, grid: RefObject<HTMLElement | null>): WallSpace | null {
  const [space, setSpace] = useState<WallSpace | null>(null);
  useEffect(() => {
    const element = area.current;
    const gridElement = grid.current;
    if (!element || !gridElement || typeof ResizeObserver === 'undefined' || typeof window.matchMedia !== 'function') return;
    const media = window.matchMedia(WALL_MEDIA);
    const update = () => {
      const next = media.matches ? measure(element, gridElement) : null;
      setSpace((current) => (same(current, next) ? current : next));
    };
    const observer = new ResizeObserver(update);
    observer.observe(element);
    media.addEventListener('change', update);
    update();
    return () => {
      observer.disconnect();
      media.removeEventListener('change', update);
    };
  }, [area, grid]);
  return space;
}

/**
 * The natural width of each on-call entry in em of its own type, so it holds at every
 * strip level; measured again when the entries change (`key`) or the strip resizes.
 */
export function useEntryWidths(strip: RefObject<HTMLElement | null>, key: string): number[] {
  const [widths, setWidths] = useState<number[]>([]);
  useEffect(() => {
    const element = strip.current;
    if (!element) {
      setWidths((current) => (current.length === 0 ? current : []));
      return;
    }
    const update = () => {
      const next = [...element.querySelectorAll<HTMLElement>('[data-oncall-team]')].map((entry) => {
        const fontPx = px(getComputedStyle(entry).fontSize);
        return fontPx > 0 ? Math.ceil((entry.scrollWidth / fontPx) * 100) / 100 : 0;
      });
      setWidths((current) => (JSON.stringify(current) === JSON.stringify(next) ? current : next));
    };
    update();
    if (typeof ResizeObserver === 'undefined') return;
    const observer = new ResizeObserver(update);
    observer.observe(element);
    return () => observer.disconnect();
  }, [strip, key]);
  return widths;
}
