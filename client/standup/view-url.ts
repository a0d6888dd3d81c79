import { isPresetName, presetPeriod, type Period } from './period';
import { canonicalZone, formatLocal, parseLocal } from './zoned-time';

/** Everything the stand-up shows that a person chose: the address holds all of it. */
export interface StandupView {
  period: Period;
  /** A team's id; null for every team. */
  team: string | null;
}

/**
 * `?period=7d&from=2026-11-23T14:05&to=2026-11-30T14:05&tz=Europe/Berlin&team=payments`.
 * The ends are absolute local times in `tz`, so the link shows the same period whenever it
 * is opened; `period` only names how it was picked.
 */
export function viewToQuery(view: StandupView): string {
  const { period, team } = view;
  const params: Array<[string, string]> = [
    ['period', period.name],
    ['from', formatLocal(period.from, period.timeZone)],
    ['to', formatLocal(period.to, period.timeZone)],
    ['tz', period.timeZone],
  ];
  if (team !== null) params.push(['team', team]);
  // `:` and `/` are fine in a query and keep the link readable in meeting notes.
  return `?${params.map(([name, value]) => `${name}=${encodeURIComponent(value).replace(/%3A/g, ':').replace(/%2F/g, '/')}`).join('&')}`;
}

export interface ViewDefaults {
  /** Epoch ms: what a preset without ends is resolved at. */
  now: number;
  /** The zone when the address names none (or one that does not exist): the viewer's. */
  timeZone: string;
}

/**
 * The view an address asks for. Its `from` and `to` win when both read as times; else its
 * `period` is resolved at `now`; else it is since yesterday 09:00. Nothing in an address
 * is an error: what cannot be read falls back.
 */
export function viewFromQuery(search: string, defaults: ViewDefaults): StandupView {
  const params = new URLSearchParams(search);
  const timeZone = canonicalZone(params.get('tz') ?? '') ?? defaults.timeZone;
  const name = params.get('period');
  const from = parseLocal(params.get('from') ?? '', timeZone);
  const to = parseLocal(params.get('to') ?? '', timeZone);
  const team = params.get('team') || null;
  if (from !== null && to !== null && from < to) {
    return { period: { name: isPresetName(name) ? name : 'custom', from, to, timeZone }, team };
  }
  return { period: presetPeriod(isPresetName(name) ? name : 'yesterday-0900', defaults.now, timeZone), team };
}
