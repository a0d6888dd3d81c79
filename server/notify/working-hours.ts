import { Temporal } from '@js-temporal/polyfill';
import { epochToPlain } from '../oncall/local-time';
import type { Weekday, WorkingHours } from './config';

/** Temporal counts Monday as day 1. */
const WEEKDAYS: readonly Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'];

/** How much of a span of time fell inside working hours and how much outside, in ms. */
export interface WorkingSplit {
  inHours: number;
  outOfHours: number;
}

/**
 * The first instant at which the clocks in `timeZone` show `local` or later. A time they
 * show twice is its first showing; a time they skip begins when they jump past it (work
 * "from 02:30" on the night 02:00 becomes 03:00 begins at 03:00, not an hour later).
 */
function firstShowing(local: Temporal.PlainDateTime, timeZone: string): number {
  const zoned = local.toZonedDateTime(timeZone, { disambiguation: 'earlier' });
  if (Temporal.PlainDateTime.compare(zoned.toPlainDateTime(), local) === 0) return zoned.epochMilliseconds;
  // Skipped: 'earlier' lands just before the jump, so the next transition is the jump itself.
  return zoned.getTimeZoneTransition('next')!.epochMilliseconds;
}

/**
 * The working span that begins on the local `date`, [start, end) in epoch ms, or null when
 * `date` is not a working day. A span with `to` before `from` ends on the next day: a night
 * shift belongs to the day it starts.
 */
function spanOf(hours: WorkingHours, timeZone: string, date: Temporal.PlainDate): [number, number] | null {
  if (!hours.days.includes(WEEKDAYS[date.dayOfWeek - 1]!)) return null;
  const from = Temporal.PlainTime.from(hours.from);
  const to = Temporal.PlainTime.from(hours.to);
  const endDate = Temporal.PlainTime.compare(to, from) > 0 ? date : date.add({ days: 1 });
  return [firstShowing(date.toPlainDateTime(from), timeZone), firstShowing(endDate.toPlainDateTime(to), timeZone)];
}

/**
 * The local dates whose spans may touch [from, to]: two days either side of the ends'
 * wall-clock dates, since a span may run past midnight and, around a clock change, an
 * instant's date on the wall may not be the day whose span holds it.
 */
function datesAround(timeZone: string, from: number, to: number): Temporal.PlainDate[] {
  const last = epochToPlain(to, timeZone).toPlainDate().add({ days: 2 });
  const dates: Temporal.PlainDate[] = [];
  for (let date = epochToPlain(from, timeZone).toPlainDate().subtract({ days: 2 }); Temporal.PlainDate.compare(date, last) <= 0; date = date.add({ days: 1 })) {
    dates.push(date);
  }
  return dates;
}

/**
 * Whether `at` (epoch ms) falls in working hours: [from, to) on one of `days`, by the
 * wall clock of `timeZone`. Each bound is the first instant the clocks show it, so on the
 * days the clocks change the hours still start and end when the clock on the wall says.
 * Pure.
 */
export function isWorkingTime(hours: WorkingHours, timeZone: string, at: number): boolean {
  return datesAround(timeZone, at, at).some((date) => {
    const span = spanOf(hours, timeZone, date);
    return span !== null && span[0] <= at && at < span[1];
  });
}

/**
 * How much of [from, to) (epoch ms) was inside working hours and how much outside, as
 * `isWorkingTime` counts them: the stand-up reports how much of an incident was out of
 * hours. An empty or backward span is none of either. Pure.
 */
export function workingMinutes(hours: WorkingHours, timeZone: string, from: number, to: number): WorkingSplit {
  if (!(to > from)) return { inHours: 0, outOfHours: 0 };
  let inHours = 0;
  for (const date of datesAround(timeZone, from, to)) {
    const span = spanOf(hours, timeZone, date);
    if (span !== null) inHours += Math.max(0, Math.min(to, span[1]) - Math.max(from, span[0]));
  }
  return { inHours, outOfHours: to - from - inHours };
}
