/**
 * The wall's type: how large each line of a tile is, relative to one unit the layout
 * chooses per screen (see layout.ts), and the least that unit may be. board.css draws
 * tiles with exactly these numbers (wallStyle hands them over as custom properties), so
 * what the layout counts on is what the screen shows.
 */

/** A tile one grid cell large (healthy, maintenance, impacted, folded) or a problem's, two cells wide. */
export type TileKind = 'cell' | 'wide';

/** The lines a tile is made of. */
export type TileRole = 'name' | 'status' | 'line' | 'reason' | 'foot';

export const TILE_ROLES: readonly TileRole[] = ['name', 'status', 'line', 'reason', 'foot'];

/**
 * Type size of each line in units. The status is the unit itself on every tile; a
 * problem's name, reason and who is on call are larger than a healthy tile's, so the
 * room reads them first. `line` is a one-line extra as large as the status: who is on
 * call, who was paged or has it, the maintenance under way.
 */
export const TILE_SCALE: Record<TileKind, Record<TileRole, number>> = {
  cell: { name: 1.25, status: 1, line: 1, reason: 0.8, foot: 0.7 },
  wide: { name: 1.7, status: 1, line: 1, reason: 1, foot: 0.7 },
};

/**
 * How long a tile has been in its status ("for 12m"), relative to the status word: on a
 * problem as large, on a healthy tile smaller, as it matters less there and then fits
 * beside the word on a narrow tile.
 */
export const SINCE_SCALE: Record<TileKind, number> = { cell: 0.75, wide: 1 };

/** Line height of each line, in its own type. */
export const TILE_LINE_HEIGHT: Record<TileRole, number> = { name: 1.1, status: 1.2, line: 1.2, reason: 1.25, foot: 1.3 };

/** Lines a name may wrap onto before it is cut with an ellipsis: a problem's, larger, may take three. */
export const MAX_NAME_LINES: Record<TileKind, number> = { cell: 2, wide: 3 };

/** Lines a reason, and who is on call (under the status, where it does not fit beside it), may wrap onto before they are cut. */
export const MAX_REASON_LINES = 2;
export const MAX_ONCALL_LINES = 2;

/** A tile's padding and the gap between its lines, in units. */
export const TILE_PAD_Y = 0.45;
export const TILE_PAD_X = 0.6;
export const TILE_GAP = 0.25;

/** Gaps inside a status line (shape, word, "for 12m") and between it and who is on call, in units. */
export const STATUS_GAP = 0.4;
export const HEADLINE_GAP_X = 1;
export const HEADLINE_GAP_Y = 0.15;

/**
 * A problem tile's QR code, bottom right (TileQr): its side in units of the problem's
 * type, its distance from the tile's edges, and its caption ("Scan to open") under it —
 * type a share of the side, line height, gap above. Every line under the name keeps
 * clear of it (board.css), so the layout plans them that much narrower.
 */
export const QR_UNITS = 4.5;
export const QR_INSET = 0.6;
export const QR_CAPTION_SCALE = 1 / 7.5;
export const QR_CAPTION_LINE_HEIGHT = 1.1;
export const QR_CAPTION_GAP = 0.15;

/**
 * The least unit, in em of the board: below it a status cannot be read across a room.
 * At 1920 px wide (22 px type) a status is then 28.7 px and a problem's name 48.8 px.
 * Healthy services fold by team before the unit goes below it.
 */
export const MIN_UNIT_EM = 1.3;

/** Below this unit (em) even problems alone do not fit: the grid scrolls instead of shrinking further. */
export const FLOOR_UNIT_EM = 0.7;

/** The banner's sentence: never smaller than this (em of the board), and always this much larger than any tile's text. */
export const BANNER_MIN_EM = 2.6;
export const BANNER_OVER_TILES = 1.12;
export const BANNER_LINE_HEIGHT = 1.15;
