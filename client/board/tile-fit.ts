import type { TileProfile } from './tile-profile';
import {
  HEADLINE_GAP_X,
  HEADLINE_GAP_Y,
  MAX_NAME_LINES,
  MAX_ONCALL_LINES,
  MAX_REASON_LINES,
  QR_CAPTION_GAP,
  QR_CAPTION_LINE_HEIGHT,
  QR_CAPTION_SCALE,
  QR_INSET,
  QR_UNITS,
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
 * gap between each; beside the lines under the name, a QR code in the bottom corner,
 * which must not reach up into the name. Infinity when the status word, or a word of the
 * name, is wider than the tile, or when `whole` and a name would be cut. Pure.
 */
export function contentHeight(profile: TileProfile, kind: TileKind, unit: number, widthPx: number, whole = false): number {
  const scale = TILE_SCALE[kind];
  const size = { name: scale.name * unit, status: scale.status * unit, line: scale.line * unit, reason: scale.reason * unit, foot: scale.foot * unit };
  const room = widthPx - 2 * TILE_PAD_X * unit;
  const qr = profile.qr ? QR_UNITS * unit : 0;
  // The lines under the name keep clear of the code.
  const lineRoom = profile.qr ? room - qr - QR_INSET * unit : room;
  // A status word or a name's word that does not fit across the tile: no height is enough.
  if (lineRoom <= 0 || profile.statusWord * size.status > lineRoom || profile.nameWord * size.name > room) return Infinity;
  const name = nameLines(profile.name, size.name, room, MAX_NAME_LINES[kind]);
  if (whole && !name.whole) return Infinity;
  const nameTall = name.lines * TILE_LINE_HEIGHT.name * size.name;
  const lines = linesHeight(profile, size, unit, lineRoom);
  const blocks = 2 + profile.lines + profile.reasons + (profile.foot ? 1 : 0);
  const height = 2 * TILE_PAD_Y * unit + nameTall + lines + (blocks - 1) * TILE_GAP * unit;
  if (!profile.qr) return height;
  const code = qr + QR_CAPTION_GAP * unit + QR_CAPTION_SCALE * QR_CAPTION_LINE_HEIGHT * qr;
  return Math.max(height, TILE_PAD_Y * unit + nameTall + TILE_GAP * unit + code + QR_INSET * unit);
}

/** The lines under the name, in `room` px: status and who is on call, extras, reasons, the team's line; no gaps. */
function linesHeight(profile: TileProfile, size: Record<TileRole, number>, unit: number, room: number): number {
  const lineTall = TILE_LINE_HEIGHT.line * size.line;
  // "for 12m" follows the word on its line, or wraps under it; who is on call goes beside both, or under them.
  const statusWidth = profile.status * size.status;
  const status = (statusWidth <= room ? 1 : 2) * TILE_LINE_HEIGHT.status * size.status;
  let height = status;
  if (profile.oncall > 0) {
    // Who is on call is never cut: beside the status where it fits on one line, else under it, on two lines if need be.
    if (statusWidth + HEADLINE_GAP_X * unit + profile.oncall * size.line <= room) height = Math.max(status, lineTall);
    else height += HEADLINE_GAP_Y * unit + linesFor(profile.oncall, size.line, room, MAX_ONCALL_LINES) * lineTall;
  }
  height += profile.lines * lineTall;
  if (profile.reasons > 0)
    height += profile.reasons * linesFor(profile.reasonWidth, size.reason, room, MAX_REASON_LINES) * TILE_LINE_HEIGHT.reason * size.reason;
  if (profile.foot) height += TILE_LINE_HEIGHT.foot * size.foot;
  return height;
}
