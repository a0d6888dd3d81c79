import { Temporal } from '@js-temporal/polyfill';
import type { Interval } from './model';

/**
 * Local calendar days in a named time zone, for uptime per day. Temporal does the zone
 * rules, so a day the clocks go forward is 23 hours long and one they go back is 25,
 * and a zone a quarter of an hour off UTC starts its days there. Pure.
 */

/** The instant (epoch ms) the local day holding `at` began in `timeZone`. Throws a RangeError for a zone Temporal does not know. */
export function startOfLocalDay(at: number, timeZone: string): number {
  return Temporal.Instant.fromEpochMilliseconds(at).toZonedDateTimeISO(timeZone).startOfDay().epochMilliseconds;
}

/**
 * The local days (`day` as YYYY-MM-DD in `timeZone`) that `window` touches, oldest first,
 * each clipped to the window; none for an empty window. Throws a RangeError for a zone
 * Temporal does not know.
 */
export function calendarDays(window: Interval, timeZone: string): Array<Interval & { day: string }> {
  const days: Array<Interval & { day: string }> = [];
  if (window.from >= window.to) return days;
  let date = Temporal.Instant.fromEpochMilliseconds(window.from).toZonedDateTimeISO(timeZone).toPlainDate();
  let start = date.toZonedDateTime(timeZone).epochMilliseconds;
  while (start < window.to) {
    const nextDate = date.add({ days: 1 });
    // The start of the next date, not start + 24 h: a day is 23 or 25 hours when the clocks change.
    const nextStart = nextDate.toZonedDateTime(timeZone).epochMilliseconds;
    days.push({ day: date.toString(), from: Math.max(start, window.from), to: Math.min(nextStart, window.to) });
    date = nextDate;
    start = nextStart;
  }
  return days;
}
