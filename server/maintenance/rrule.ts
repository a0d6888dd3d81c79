import { Temporal } from '@js-temporal/polyfill';
import ICAL from 'ical.js';
import { didYouMean } from '../config/closest';

/**
 * RFC 5545 recurrence rules (`FREQ=WEEKLY;BYDAY=SU;BYHOUR=3`) for recurring maintenance.
 * ical.js expands them; it is lenient (an unknown part is dropped, `INTERVAL=0` ignored)
 * and its errors say little, so each part is checked here first and refused in words.
 * Expansion runs on floating wall-clock times (see `wall-clock.ts`). Pure.
 */

const DAYS = ['SU', 'MO', 'TU', 'WE', 'TH', 'FR', 'SA'] as const;
const FREQUENCIES = ['HOURLY', 'DAILY', 'WEEKLY', 'MONTHLY', 'YEARLY'];
const TOO_OFTEN = ['SECONDLY', 'MINUTELY'];

/** [lowest, highest, whether negative values count from the end] of each numeric list. */
const LISTS: Record<string, [number, number, boolean]> = {
  BYSECOND: [0, 59, false],
  BYMINUTE: [0, 59, false],
  BYHOUR: [0, 23, false],
  BYMONTHDAY: [1, 31, true],
  BYYEARDAY: [1, 366, true],
  BYWEEKNO: [1, 53, true],
  BYMONTH: [1, 12, false],
  BYSETPOS: [1, 366, true],
};
const PARTS = ['FREQ', 'INTERVAL', 'COUNT', 'UNTIL', 'BYDAY', 'WKST', ...Object.keys(LISTS)];

/** A rule that repeats more often than this from its first start to the time asked about stops there. */
export const MAX_RULE_STEPS = 200_000;

/** When a rule stops, as its UNTIL was written: a date (that whole day), a local time, or an instant. */
export type RuleUntil = { kind: 'date'; date: Temporal.PlainDate } | { kind: 'local'; at: Temporal.PlainDateTime } | { kind: 'instant'; at: number };

/** A rule checked part by part, ready to expand. */
export interface RecurrenceRule {
  /** The rule as ical.js takes it: upper case, without UNTIL, which is applied with the window's zone. */
  recur: string;
  until: RuleUntil | null;
  /**
   * The months, days of the month and weekdays the rule names, each null when it names none.
   * ical.js can roll a day that does not exist over into the next month (30 February
   * → 2 March); a start that fails these is dropped.
   */
  months: number[] | null;
  monthDays: number[] | null;
  /** 0 = Sunday … 6 = Saturday. */
  weekdays: number[] | null;
}

export type RuleReading = { ok: true; rule: RecurrenceRule } | { ok: false; problem: string };

const INTEGER = /^[+-]?\d+$/;

function listProblem(name: string, value: string): string | null {
  const [low, high, fromEnd] = LISTS[name]!;
  for (const item of value.split(',')) {
    const n = INTEGER.test(item) ? Number(item) : NaN;
    const fits = Number.isInteger(n) && Math.abs(n) >= low && Math.abs(n) <= high && (n >= 0 || fromEnd) && !(fromEnd && n === 0);
    if (!fits) return `${name}: "${item}" is not a whole number from ${fromEnd ? `${low} to ${high} (or -${high} to -1)` : `${low} to ${high}`}`;
  }
  return null;
}

const BYDAY_ITEM = /^([+-]?\d{1,2})?([A-Z]{2})$/;

function bydayProblem(value: string, freq: string): string | null {
  for (const item of value.split(',')) {
    const match = BYDAY_ITEM.exec(item);
    if (!match || !(DAYS as readonly string[]).includes(match[2]!))
      return `BYDAY: "${item}" is not a day (${DAYS.join(', ')}, or 1SU, -1FR in a MONTHLY or YEARLY rule)`;
    const ordinal = match[1] === undefined ? null : Number(match[1]);
    if (ordinal === 0 || (ordinal !== null && Math.abs(ordinal) > 53)) return `BYDAY: "${item}" counts from 1 (or from the end with -1)`;
    if (ordinal !== null && freq !== 'MONTHLY' && freq !== 'YEARLY') return `BYDAY: "${item}" has a number, which only a MONTHLY or YEARLY rule takes`;
  }
  return null;
}

const UNTIL_TEXT = /^(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})(Z)?)?$/;

function readUntil(value: string): RuleUntil | null {
  const match = UNTIL_TEXT.exec(value);
  if (!match) return null;
  const [year, month, day, hour, minute, second] = match.slice(1, 7).map((part) => (part === undefined ? undefined : Number(part)));
  try {
    if (hour === undefined) return { kind: 'date', date: Temporal.PlainDate.from({ year: year!, month: month!, day: day! }, { overflow: 'reject' }) };
    const at = Temporal.PlainDateTime.from({ year: year!, month: month!, day: day!, hour, minute: minute!, second: second! }, { overflow: 'reject' });
    return match[7] ? { kind: 'instant', at: at.toZonedDateTime('UTC').epochMilliseconds } : { kind: 'local', at };
  } catch {
    return null;
  }
}

const numbers = (value: string | undefined) => (value === undefined ? null : value.split(',').map(Number));

/**
 * Reads a recurrence rule as written in the config (`RRULE:` before it is allowed, letter
 * case is free). Refuses, naming the part: unknown or repeated parts, a missing FREQ, one
 * more often than hourly, numbers out of range, a bad UNTIL, COUNT with UNTIL. Pure.
 */
export function readRrule(text: string): RuleReading {
  const body = text
    .trim()
    .toUpperCase()
    .replace(/^RRULE:/, '');
  if (body === '') return { ok: false, problem: 'it is empty; write one such as FREQ=WEEKLY;BYDAY=SU;BYHOUR=3' };
  const parts = new Map<string, string>();
  for (const piece of body.split(';').filter(Boolean)) {
    const [name = '', value, ...rest] = piece.split('=');
    if (value === undefined || rest.length > 0 || value === '') return { ok: false, problem: `"${piece}" is not NAME=VALUE` };
    if (!PARTS.includes(name)) return { ok: false, problem: `unknown part "${name}"${didYouMean(name, PARTS)}` };
    if (parts.has(name)) return { ok: false, problem: `${name} is given twice` };
    parts.set(name, value);
  }
  const freq = parts.get('FREQ');
  if (freq === undefined) return { ok: false, problem: `FREQ is missing; one of ${FREQUENCIES.join(', ')}` };
  if (TOO_OFTEN.includes(freq))
    return { ok: false, problem: `FREQ=${freq} repeats too often for maintenance; use HOURLY or less often (or a cron expression)` };
  if (!FREQUENCIES.includes(freq)) return { ok: false, problem: `FREQ: "${freq}" is not one of ${FREQUENCIES.join(', ')}${didYouMean(freq, FREQUENCIES)}` };
  for (const name of ['INTERVAL', 'COUNT']) {
    const value = parts.get(name);
    if (value !== undefined && !/^[1-9]\d{0,5}$/.test(value)) return { ok: false, problem: `${name}: "${value}" is not a whole number of at least 1` };
  }
  for (const name of Object.keys(LISTS)) {
    const problem = parts.has(name) ? listProblem(name, parts.get(name)!) : null;
    if (problem) return { ok: false, problem };
  }
  const byday = parts.get('BYDAY');
  const dayProblem = byday === undefined ? null : bydayProblem(byday, freq);
  if (dayProblem) return { ok: false, problem: dayProblem };
  const wkst = parts.get('WKST');
  if (wkst !== undefined && !(DAYS as readonly string[]).includes(wkst)) return { ok: false, problem: `WKST: "${wkst}" is not a day (${DAYS.join(', ')})` };
  const untilText = parts.get('UNTIL');
  const until = untilText === undefined ? null : readUntil(untilText);
  if (untilText !== undefined && until === null)
    return { ok: false, problem: `UNTIL: "${untilText}" is not a date (20261231), a local time (20261231T235959) or a UTC time (20261231T235959Z)` };
  if (until !== null && parts.has('COUNT')) return { ok: false, problem: 'give COUNT or UNTIL, not both' };
  parts.delete('UNTIL');
  const recur = [...parts].map(([name, value]) => `${name}=${value}`).join(';');
  try {
    ICAL.Recur.fromString(recur);
  } catch (error) {
    return { ok: false, problem: `ical.js cannot read it: ${error instanceof Error ? error.message : String(error)}` };
  }
  return {
    ok: true,
    rule: {
      recur,
      until,
      months: numbers(parts.get('BYMONTH')),
      monthDays: numbers(parts.get('BYMONTHDAY')),
      weekdays: byday === undefined ? null : byday.split(',').map((item) => DAYS.indexOf(item.slice(-2) as (typeof DAYS)[number])),
    },
  };
}

/** Whether a wall time is on a month, day and weekday the rule names. */
function fitsNamedDays(rule: Pick<RecurrenceRule, 'months' | 'monthDays' | 'weekdays'>, wall: Date): boolean {
  const month = wall.getUTCMonth() + 1;
  if (rule.months && !rule.months.includes(month)) return false;
  if (rule.weekdays && !rule.weekdays.includes(wall.getUTCDay())) return false;
  if (!rule.monthDays) return true;
  const day = wall.getUTCDate();
  const length = new Date(Date.UTC(wall.getUTCFullYear(), month, 0)).getUTCDate();
  return rule.monthDays.some((d) => (d > 0 ? d === day : length + d + 1 === day));
}

/**
 * The wall-clock starts (wall ms) of a rule whose first possible start (DTSTART) is
 * `startWall`, in order, up to `endWall`: that start itself only when the rule gives it (a
 * Saturday DTSTART of a Sundays-only rule is not a start). Ends with the rule (COUNT),
 * after `MAX_RULE_STEPS`, or when ical.js cannot go on; UNTIL is the caller's.
 */
export function* rruleWallStarts(
  rule: Pick<RecurrenceRule, 'recur' | 'months' | 'monthDays' | 'weekdays'>,
  startWall: number,
  endWall: number,
): Generator<number> {
  const start = new Date(startWall);
  const dtstart = ICAL.Time.fromData({
    year: start.getUTCFullYear(),
    month: start.getUTCMonth() + 1,
    day: start.getUTCDate(),
    hour: start.getUTCHours(),
    minute: start.getUTCMinutes(),
    second: start.getUTCSeconds(),
    isDate: false,
  });
  let iterator: ICAL.RecurIterator;
  try {
    iterator = ICAL.Recur.fromString(rule.recur).iterator(dtstart);
  } catch {
    return;
  }
  for (let step = 0; step < MAX_RULE_STEPS; step += 1) {
    let next: ICAL.Time | null;
    try {
      next = iterator.next();
    } catch {
      return;
    }
    if (!next) return;
    const wall = Date.UTC(next.year, next.month - 1, next.day, next.hour, next.minute, next.second);
    if (wall > endWall) return;
    if (wall >= startWall && fitsNamedDays(rule, new Date(wall))) yield wall;
  }
}
