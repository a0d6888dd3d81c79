import { useLayoutEffect, useState, type RefObject } from 'react';
import type { WallSpace } from './layout';

/**
 * Screens laid out as a wall (as in board.css), landscape or portrait: they never scroll.
 * Narrower ones (a phone) get one column that scrolls instead.
 */
const WALL_MEDIA = '(min-width: 761px)';

const px = (value: string) => Number.parseFloat(value) || 0;

function measure(area: HTMLElement, grid: HTMLElement, banner: HTMLElement): WallSpace {
  const style = getComputedStyle(grid);
  const bannerStyle = getComputedStyle(banner);
  const text = banner.querySelector<HTMLElement>('.banner-text');
  return {
    widthPx: grid.clientWidth,
    // The banner's height changes with the plan, the area's the other way: their sum does not.
    heightPx: area.clientHeight + banner.offsetHeight,
    fontPx: px(style.fontSize),
    gridPadXPx: px(style.paddingLeft) + px(style.paddingRight),
    gridPadYPx: px(style.paddingTop) + px(style.paddingBottom),
    gapPx: px(style.rowGap),
    bannerPadPx: px(bannerStyle.paddingTop) + px(bannerStyle.paddingBottom),
    bannerTextPx: text?.clientWidth ?? banner.clientWidth,
  };
}

const same = (a: WallSpace | null | undefined, b: WallSpace | null) => JSON.stringify(a) === JSON.stringify(b);

/** Whether this browser can follow the screen's size and kind. */
const canMeasure = () => typeof ResizeObserver !== 'undefined' && typeof window.matchMedia === 'function';

/** Whether this page lays out a wall: it can follow the screen, and the screen is one. */
const measuresWall = () => canMeasure() && window.matchMedia(WALL_MEDIA).matches;

/**
 * The space the banner, the on-call strip and the grid share, followed as the screen
 * resizes. What the plan changes (the banner's type, the strip's lines) moves room
 * between them without changing what is measured, so the plan never feeds back into
 * the measure. Null where the board is not laid out as a wall (narrow screens, or no
 * layout at all); undefined on a wall screen until it is first measured, which is
 * before the first paint, so a wall is never seen unplanned.
 */
export function useWallSpace(
  area: RefObject<HTMLElement | null>,
  grid: RefObject<HTMLElement | null>,
  banner: RefObject<HTMLElement | null>,
): WallSpace | null | undefined {
  const [space, setSpace] = useState<WallSpace | null | undefined>(() => (measuresWall() ? undefined : null));
  useLayoutEffect(() => {
    const element = area.current;
    const gridElement = grid.current;
    const bannerElement = banner.current;
    if (!element || !gridElement || !bannerElement || !canMeasure()) {
      setSpace(null);
      return;
    }
    const media = window.matchMedia(WALL_MEDIA);
    const update = () => {
      const next = media.matches ? measure(element, gridElement, bannerElement) : null;
      setSpace((current) => (same(current, next) ? current : next));
    };
    const observer = new ResizeObserver(update);
    observer.observe(element);
    // The sentence's room changes with the uptime figure beside it.
    const text = bannerElement.querySelector('.banner-text');
    if (text) observer.observe(text);
    media.addEventListener('change', update);
    update();
    return () => {
      observer.disconnect();
      media.removeEventListener('change', update);
    };
  }, [area, grid, banner]);
  return space;
}

/**
 * The natural width of each on-call entry in em of its own type, so it holds at every
 * strip level; measured again when the entries change (`key`) or the strip resizes.
 */
export function useEntryWidths(strip: RefObject<HTMLElement | null>, key: string): number[] {
  const [widths, setWidths] = useState<number[]>([]);
  useLayoutEffect(() => {
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
