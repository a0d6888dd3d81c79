import type { ServiceView } from '../../shared/api';
import { isProblem } from '../../shared/status';
import { foldName, type TeamFold } from './fold-plan';
import { STATUS_WORD } from './status-text';
import type { MeasureText } from './text-width';
import { wrapWidths } from './name-fit';
import { MAX_NAME_LINES, SINCE_SCALE, STATUS_GAP, type TileKind } from './tile-type';

/** The most lines a name takes on any tile. */
const MOST_NAME_LINES = Math.max(MAX_NAME_LINES.cell, MAX_NAME_LINES.wide);

/**
 * What a tile has to fit, as widths in em of each line's own type (so they hold at any
 * size): the layout works out from it how many lines each takes at a given size.
 */
export interface TileProfile {
  /** The width the name needs to fit on one line, on two, on three (see wrapWidths). */
  name: readonly number[];
  /** Its longest word (at most LONGEST_WORD_EM): the tile must be wide enough not to break it. */
  nameWord: number;
  /** The part of the status line that never wraps: shape and word. */
  statusWord: number;
  /** The whole status line, with "for 23h 59m" after the word (drawn at SINCE_SCALE of it), which wraps under it when it must. */
  status: number;
  /** Who is on call, beside the status on a problem; 0 when not shown. */
  oncall: number;
  /** One-line extras: who was paged or has it, the maintenance under way. */
  lines: number;
  /** Texts that wrap onto two lines at most (the failing check's message, "Impacted by …"): how many, and the widest. */
  reasons: number;
  reasonWidth: number;
  /** Whether the tile ends with its team's line. */
  foot: boolean;
  /** Whether it carries a QR code to its service's page (a problem's does). */
  qr: boolean;
}

/** The widest "for …" a status line shows: the layout plans for it, so a ticking duration never reflows the wall. */
const WIDEST_SINCE = 'for 23h 59m';

/**
 * A word longer than this (em; about a dozen letters) may break rather than make every
 * tile on the wall wider; shorter ones are kept whole.
 */
export const LONGEST_WORD_EM = 7;

/** What a name needs to fit on one to MAX_NAME_LINES lines, and its longest word (up to LONGEST_WORD_EM). */
function nameWidths(name: string, measure: MeasureText): Pick<TileProfile, 'name' | 'nameWord'> {
  const words = name
    .split(/\s+/)
    .filter((w) => w !== '')
    .map((w) => measure(w, 'name'));
  return { name: wrapWidths(words, measure(' ', 'name'), MOST_NAME_LINES), nameWord: Math.min(LONGEST_WORD_EM, Math.max(0, ...words)) };
}

/** The shape before a status word is 1 em square, then a gap. */
const SHAPE_EM = 1 + STATUS_GAP;

/**
 * How a tile sits in the grid: a problem two columns wide, so it stands out and fits its
 * reason, and a band of rows high; a tile with more to say than a healthy one (in
 * maintenance, or impacted by a down dependency) one column by that band; any other one cell.
 */
export type TileSpan = 'cell' | 'tall' | 'wide';

export function tileSpan(service: ServiceView): TileSpan {
  if (isProblem(service.status)) return 'wide';
  return service.status === 'maintenance' || service.impactedBy.length > 0 ? 'tall' : 'cell';
}

/** The type a tile is drawn in: a problem's, or the one every other tile shares. */
const tileKind = (service: ServiceView): TileKind => (tileSpan(service) === 'wide' ? 'wide' : 'cell');

/** Grid columns a tile takes. */
export const tileCells = (service: ServiceView): number => (tileSpan(service) === 'wide' ? 2 : 1);

/** The profile of a service's tile, as Tile draws it. Pure. */
export function serviceProfile(service: ServiceView, measure: MeasureText, nameOf: (id: string) => string): TileProfile {
  const problem = isProblem(service.status);
  const explained = problem || service.status === 'maintenance';
  const failing = explained ? service.checks.find((c) => c.status !== 'up' && c.message !== '') : undefined;
  const reasons = [
    failing ? measure(`${failing.id}: ${failing.message}`, 'reason') : null,
    service.impactedBy.length > 0 ? measure(`↳ Impacted by ${service.impactedBy.map(nameOf).join(', ')}`, 'reason') : null,
  ].filter((w): w is number => w !== null);
  const word = SHAPE_EM + measure(STATUS_WORD[service.status], 'status');
  const oncall = problem && service.oncall ? oncallWidth(service, measure) : 0;
  const incident = service.incident && service.incident.status !== 'resolved' ? 1 : 0;
  return {
    ...nameWidths(service.name, measure),
    statusWord: word,
    status: word + STATUS_GAP + SINCE_SCALE[tileKind(service)] * measure(WIDEST_SINCE, 'status'),
    oncall,
    lines: incident + (service.maintenance ? 1 : 0),
    reasons: reasons.length,
    reasonWidth: Math.max(0, ...reasons),
    foot: true,
    qr: problem,
  };
}

/** "On call: Alice", or "Nobody on call" in its outlined box (0.3 em of padding each side). */
function oncallWidth(service: ServiceView, measure: MeasureText): number {
  const person = service.oncall?.person;
  return person ? measure(`On call: ${person.name}`, 'line') : measure('Nobody on call', 'line') + 0.6;
}

/** The words on a folded tile: a team's name, or "+3 teams"; then "14 up". */
export function foldTitle(folds: readonly TeamFold[], merged: boolean): string {
  return merged ? `+${folds.length} teams` : foldName(folds[0]!);
}

/** "14 up"; "9 more up" where the team's first services have tiles of their own. */
export const foldCount = (folds: readonly TeamFold[]): string =>
  `${folds.reduce((n, f) => n + f.services.length, 0)} ${folds.length === 1 && folds[0]!.partial ? 'more up' : 'up'}`;

/** The profile of a folded tile: its title and its count. Its list of names, where it has one, is what a small tile cuts. */
export function foldProfile(folds: readonly TeamFold[], merged: boolean, measure: MeasureText): TileProfile {
  const word = SHAPE_EM + measure(foldCount(folds), 'status');
  return {
    ...nameWidths(foldTitle(folds, merged), measure),
    statusWord: word,
    status: word,
    oncall: 0,
    lines: 0,
    reasons: 0,
    reasonWidth: 0,
    foot: false,
    qr: false,
  };
}

/** A profile that fits every one of `profiles`: what a grid of tiles of one kind must make room for; null for none. */
export function widest(profiles: readonly TileProfile[]): TileProfile | null {
  if (profiles.length === 0) return null;
  const most = (pick: (p: TileProfile) => number) => profiles.reduce((m, p) => Math.max(m, pick(p)), 0);
  const lines = Math.max(...profiles.map((p) => p.name.length));
  return {
    name: Array.from({ length: lines }, (_, i) => most((p) => p.name[i] ?? 0)),
    nameWord: most((p) => p.nameWord),
    statusWord: most((p) => p.statusWord),
    status: most((p) => p.status),
    oncall: most((p) => p.oncall),
    lines: most((p) => p.lines),
    reasons: most((p) => p.reasons),
    reasonWidth: most((p) => p.reasonWidth),
    foot: profiles.some((p) => p.foot),
    qr: profiles.some((p) => p.qr),
  };
}
