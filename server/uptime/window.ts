import { Temporal } from '@js-temporal/polyfill';
import { parseTimeText } from '../http/time-param';
import { epochToPlain, isTimeZone } from '../oncall/local-time';
import type { Interval } from './model';

/**
 * The window of `GET /api/uptime`: `?window=24h|7d|30d|90d|1y`, or `?from=…&to=…`, with
 * an optional `tz` for the days it is split into. Pure: `now` comes in with the options.
 */

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;

/** Each window a user can name, ending now. A year is 365 days: a fixed length compares alike from one day to the next. */
const PRESETS = new Map<string, { ms: number; label: string }>([
  ['24h', { ms: 24 * HOUR_MS, label: 'last 24 hours' }],
  ['7d', { ms: 7 * DAY_MS, label: 'last 7 days' }],
  ['30d', { ms: 30 * DAY_MS, label: 'last 30 days' }],
  ['90d', { ms: 90 * DAY_MS, label: 'last 90 days' }],
  ['1y', { ms: 365 * DAY_MS, label: 'last 365 days' }],
]);
const PRESET_NAMES = [...PRESETS.keys()];
/** The window when the query names none (or names it empty): the wall's month. */
const DEFAULT_PRESET = '30d';
/** History is kept for at most this many years, so a longer from–to could only be partly answered. */
export const LONGEST_WINDOW_YEARS = 2;
/** How far past now `to` may reach: a client's clock a little ahead of the server's is no error. */
const FUTURE_SLACK_MS = 60_000;

const TIME_FORMS = 'an ISO 8601 time (2026-11-20T18:00:00Z; no offset means UTC) or epoch milliseconds';

export interface UptimeWindowOptions {
  /** The current time, epoch ms. */
  now: number;
  /** The IANA zone used when the query has no `tz`. */
  defaultTimeZone: string;
  /** When the stored history begins, epoch ms. */
  oldest: number;
}

export type UptimeWindowQuery =
  | {
      ok: true;
      window: Interval;
      /** The IANA zone the window's days are counted in, spelt as the zone database does. */
      timeZone: string;
      /** How the window reads to a person: `last 7 days`, or its local start and end. */
      label: string;
      /** When the history begins inside the window (or after it), so the answer can say "data from …"; null when it covers the whole window. */
      dataFrom: number | null;
    }
  | {
      ok: false;
      /** The query parameter at fault. */
      parameter: string;
      /** What is wrong with it and what is accepted. */
      message: string;
    };

type Refusal = Extract<UptimeWindowQuery, { ok: false }>;

const refuse = (parameter: string, message: string): Refusal => ({ ok: false, parameter, message });

/** The window, zone and label a query asks for, or the first thing wrong with it. */
export function parseUptimeWindow(query: Record<string, unknown>, options: UptimeWindowOptions): UptimeWindowQuery {
  const params: Record<'window' | 'from' | 'to' | 'tz', string | undefined> = { window: undefined, from: undefined, to: undefined, tz: undefined };
  for (const name of ['window', 'from', 'to', 'tz'] as const) {
    const value = query[name];
    if (Array.isArray(value)) return refuse(name, `${name} was given more than once; give it once`);
    if (value !== undefined && typeof value !== 'string') return refuse(name, `${name} must be a single value`);
    // An empty value is as good as none, as in the other time parameters of the API.
    params[name] = value === '' ? undefined : value;
  }
  if (params.tz !== undefined && !isTimeZone(params.tz)) return refuse('tz', 'tz must be an IANA time zone name, such as Europe/Berlin or UTC');
  const timeZone = canonicalZone(params.tz ?? options.defaultTimeZone);
  const chosen = params.from === undefined && params.to === undefined ? presetWindow(params.window, options.now) : rangeWindow(params, options.now, timeZone);
  if ('ok' in chosen) return chosen;
  return { ok: true, window: chosen.window, timeZone, label: chosen.label, dataFrom: chosen.window.from < options.oldest ? options.oldest : null };
}

function presetWindow(name: string | undefined, now: number): { window: Interval; label: string } | Refusal {
  const preset = PRESETS.get(name ?? DEFAULT_PRESET);
  if (!preset) return refuse('window', `window must be one of ${PRESET_NAMES.join(', ')}, or give from and to instead`);
  return { window: { from: now - preset.ms, to: now }, label: preset.label };
}

function rangeWindow(params: { window?: string; from?: string; to?: string }, now: number, timeZone: string): { window: Interval; label: string } | Refusal {
  if (params.window !== undefined) return refuse('window', 'give either window or from and to, not both');
  if (params.from === undefined) return refuse('from', `from is needed with to: give both, or window=${PRESET_NAMES.join('|')} instead`);
  if (params.to === undefined) return refuse('to', `to is needed with from: give both, or window=${PRESET_NAMES.join('|')} instead`);
  const from = parseTimeText(params.from);
  if (from === null) return refuse('from', `from must be ${TIME_FORMS}`);
  const to = parseTimeText(params.to);
  if (to === null) return refuse('to', `to must be ${TIME_FORMS}`);
  if (from >= to) return refuse('from', 'from must be before to');
  if (to > now + FUTURE_SLACK_MS) return refuse('to', 'to must not be more than a minute in the future');
  if (to > yearsLater(from, LONGEST_WINDOW_YEARS))
    return refuse('from', `from and to must be at most ${LONGEST_WINDOW_YEARS} years apart, the longest that history is kept`);
  return { window: { from, to }, label: rangeLabel(from, to, timeZone) };
}

/** The same UTC date and time `years` later: calendar years, so two of them across a 29 February still fit. */
function yearsLater(at: number, years: number): number {
  const date = new Date(at);
  date.setUTCFullYear(date.getUTCFullYear() + years);
  return date.getTime();
}

/** `2026-03-01 09:00 – 2026-03-08 09:00` as the clocks in the zone show it; seconds only when either end has some. */
function rangeLabel(from: number, to: number, timeZone: string): string {
  const ends = [epochToPlain(from, timeZone), epochToPlain(to, timeZone)];
  const smallestUnit = ends.every((end) => end.second === 0 && end.millisecond === 0) ? 'minute' : 'second';
  return ends.map((end) => end.toString({ smallestUnit }).replace('T', ' ')).join(' – ');
}

/** `europe/berlin` as `Europe/Berlin`, so answers and cache keys spell a zone one way. Throws a RangeError for a zone Temporal does not know (a default zone the caller failed to check). */
function canonicalZone(timeZone: string): string {
  return Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(timeZone).timeZoneId;
}
