import { useEffect, type RefObject } from 'react';
import { isTileKey, nextTile } from './tile-keys';

/** What takes the focus in a tile: its link, or a folded tile's button. */
const FOCUSABLE = 'a[href], button';

/** The tiles, in every list of them: a phone shows problems and the rest in two. */
const TILES = '.grid > li';

/**
 * Arrow keys move the focus between the board's tiles (Home and End to the first and
 * last), by where they are on screen, across every list of tiles in `area`; Tab still
 * goes through them in reading order.
 */
export function useTileKeys(area: RefObject<HTMLElement | null>): void {
  useEffect(() => {
    const element = area.current;
    if (!element) return;
    const onKey = (event: KeyboardEvent) => {
      if (!isTileKey(event.key) || event.altKey || event.ctrlKey || event.metaKey) return;
      const tiles = [...element.querySelectorAll<HTMLElement>(TILES)].filter((tile) => tile.querySelector(FOCUSABLE) !== null);
      const from = tiles.findIndex((tile) => tile.contains(document.activeElement));
      if (from < 0) return;
      const to = nextTile(
        tiles.map((tile) => tile.getBoundingClientRect()),
        from,
        event.key,
      );
      if (to === null || to === from) return;
      event.preventDefault();
      tiles[to]!.querySelector<HTMLElement>(FOCUSABLE)?.focus();
    };
    element.addEventListener('keydown', onKey);
    return () => element.removeEventListener('keydown', onKey);
  }, [area]);
}
