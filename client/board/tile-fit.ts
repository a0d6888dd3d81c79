import type { TileProfile } from './tile-profile';
import {
  HEADLINE_GAP_X,
  HEADLINE_GAP_Y,
  MAX_NAME_LINES,
  MAX_REASON_LINES,
  TILE_GAP,
  TILE_LINE_HEIGHT,
  TILE_PAD_X,
  TILE_PAD_Y,
  TILE_SCALE,
  type TileKind,
  type TileRole,
} from './tile-type';

/** Lines a name takes at `sizePx` in `roomPx`: the fewest it fits on, or `most` when it fits on none and is cut. */
function nameLines(name: readonly number[], sizePx: number, roomPx: number, most: number): { lines: number; whole: boolean } {
  for (let lines = 1; lines <= most; lines++) if ((name[lines - 1] ?? Infinity) * sizePx <= roomPx) return { lines, whole: true };
  return { lines: most, whole: false };
}

/** Lines a text `widthEm` wide takes at `sizePx` in `roomPx`, wrapped, and cut after `most`. */
const linesFor = (widthEm: number, sizePx: number, roomPx: number, most: number) => Math.min(most, Math.max(1, Math.ceil((widthEm * sizePx) / roomPx)));

/**
 * The height a tile's content takes at type unit `unit` (px) in a tile `widthPx` wide,
 * as board.css lays it out: padding, then name, status (and who is on call, beside it
 * when there is room, else under it), one-line extras, reasons, the team's line, with a
 * gap between each. Infinity when the status word, or a word of the name, is wider
 * than the tile, or when `whole` and a name would be cut. Pure.
 */
export function contentHeight(profile: TileProfile, kind: TileKind, unit: number, widthPx: number, whole = false): number {
  const scale = TILE_SCALE[kind];
  const size = (role: TileRole) => scale[role] * unit;
  const tall = (role: TileRole, lines = 1) => lines * TILE_LINE_HEIGHT[role] * size(role);
  const room = widthPx - 2 * TILE_PAD_X * unit;
  // A status word or a name's word that does not fit across the tile: no height is enough.
  if (room <= 0 || profile.statusWord * size('status') > room || profile.nameWord * size('name') > room) return Infinity;
  const name = nameLines(profile.name, size('name'), room, MAX_NAME_LINES[kind]);
  if (whole && !name.whole) return Infinity;
  const blocks: number[] = [tall('name', name.lines)];
  // "for 12m" follows the word on its line, or wraps under it.
  const statusWidth = profile.status * size('status');
  const status = tall('status', statusWidth <= room ? 1 : 2);
  if (profile.oncall === 0) blocks.push(status);
  else {
    const beside = statusWidth + HEADLINE_GAP_X * unit + profile.oncall * size('line') <= room;
    blocks.push(beside ? Math.max(status, tall('line')) : status + HEADLINE_GAP_Y * unit + tall('line'));
  }
  for (let i = 0; i < profile.lines; i++) blocks.push(tall('line'));
  for (let i = 0; i < profile.reasons; i++) blocks.push(tall('reason', linesFor(profile.reasonWidth, size('reason'), room, MAX_REASON_LINES)));
  if (profile.foot) blocks.push(tall('foot'));
  const gaps = (blocks.length - 1) * TILE_GAP * unit;
  return 2 * TILE_PAD_Y * unit + blocks.reduce((a, b) => a + b, 0) + gaps;
}
