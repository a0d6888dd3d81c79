import type { OncallPerson, ServiceView, TeamOncallView, TeamRef } from '../../shared/api';
import { isProblem } from '../../shared/status';
import { compareNames } from '../natural-order';

/** One team on the on-call strip: who holds its primary layer now, and until when. */
export interface StripEntry {
  team: TeamRef;
  /** Null when nobody is on call: itself a problem. */
  person: OncallPerson | null;
  /** When the shift (or the gap) ends, epoch ms; null when not known. */
  until: number | null;
  /** True when one of the team's services is a problem now. */
  hasProblem: boolean;
}

/**
 * The strip's entries, most urgent first, so a strip cut to one line still shows them:
 * teams with nobody on call, then teams with a problem on the wall, then the rest by name.
 */
export function stripEntries(teams: readonly TeamOncallView[], services: readonly ServiceView[]): StripEntry[] {
  const troubled = new Set(services.filter((s) => isProblem(s.status) && s.team).map((s) => s.team!.id));
  const entries = teams.flatMap((view): StripEntry[] => {
    const layer = view.layers.find((l) => l.layer === 'primary') ?? view.layers[0];
    if (!layer) return [];
    const until = layer.now.until === null ? NaN : Date.parse(layer.now.until);
    return [{ team: view.team, person: layer.now.person, until: Number.isFinite(until) ? until : null, hasProblem: troubled.has(view.team.id) }];
  });
  const rank = (e: StripEntry) => (e.person === null ? 0 : e.hasProblem ? 1 : 2);
  return entries.sort((a, b) => rank(a) - rank(b) || compareNames(a.team.name, b.team.name) || compareNames(a.team.id, b.team.id));
}

const DAY_MS = 24 * 60 * 60_000;
const WEEKDAY = new Intl.DateTimeFormat('en-GB', { weekday: 'short' });
const DAY_MONTH = new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short' });

const hhmm = (d: Date) => [d.getHours(), d.getMinutes()].map((n) => String(n).padStart(2, '0')).join(':');

/**
 * "until 09:00" in the browser's local time when the end is within a day; with the
 * weekday within a week ("until Tue 09:00"), else the date ("until 12 Jan"). Pure.
 */
export function formatUntil(until: number, now: number): string {
  const d = new Date(until);
  if (until - now < DAY_MS) return `until ${hhmm(d)}`;
  if (until - now < 7 * DAY_MS) return `until ${WEEKDAY.format(d)} ${hhmm(d)}`;
  return `until ${DAY_MONTH.format(d)}`;
}
