/** Where a tile is on screen, as the browser laid it out. */
export interface TileBox {
  left: number;
  top: number;
  width: number;
  height: number;
}

/** The keys that move between tiles. */
const TILE_KEYS = ['ArrowLeft', 'ArrowRight', 'ArrowUp', 'ArrowDown', 'Home', 'End'] as const;
export type TileKey = (typeof TILE_KEYS)[number];

export const isTileKey = (key: string): key is TileKey => (TILE_KEYS as readonly string[]).includes(key);

const centreX = (box: TileBox) => box.left + box.width / 2;

/**
 * The tile a key moves to from tile `from`, by where the tiles are on screen (a problem
 * spans two columns, a folded tile one): left and right go to the previous and next
 * tile in reading order, up and down to the nearest tile by its centre in the row above
 * or below, Home and End to the first and last. Null when there is nowhere to go. Pure.
 */
export function nextTile(boxes: readonly TileBox[], from: number, key: TileKey): number | null {
  if (boxes.length === 0 || from < 0 || from >= boxes.length) return null;
  if (key === 'Home') return 0;
  if (key === 'End') return boxes.length - 1;
  if (key === 'ArrowLeft') return from > 0 ? from - 1 : null;
  if (key === 'ArrowRight') return from < boxes.length - 1 ? from + 1 : null;
  const here = boxes[from]!;
  const below = key === 'ArrowDown';
  // The nearest row in that direction: tiles starting past this one's bottom (down) or ending before its top (up).
  const candidates = boxes
    .map((box, index) => ({ box, index }))
    .filter(({ box }) => (below ? box.top >= here.top + here.height - 1 : box.top + box.height <= here.top + 1));
  if (candidates.length === 0) return null;
  const rowTop = below ? Math.min(...candidates.map((c) => c.box.top)) : Math.max(...candidates.map((c) => c.box.top));
  const row = candidates.filter((c) => Math.abs(c.box.top - rowTop) < 1);
  const target = row.reduce((best, c) => (Math.abs(centreX(c.box) - centreX(here)) < Math.abs(centreX(best.box) - centreX(here)) ? c : best));
  return target.index;
}
