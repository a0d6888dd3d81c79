import { Temporal } from '@js-temporal/polyfill';
import { plainToEpoch } from '../oncall/local-time';

/**
 * "Wall ms": what the clocks of a zone show, written as the epoch ms of that date and time
 * in UTC. Cron and RRULE are matched on wall ms, where every day has 24 hours, and only
 * the starts found are turned into instants, so a rule means the same local time on both
 * sides of a clock change. Pure.
 *
 * A calendar turns thousands of starts into instants when it expands a window that starts
 * every few minutes, so the zone's offsets are read with Intl (a few µs) rather than the
 * Temporal polyfill (tens of µs); Temporal still decides whatever is not plain.
 */

const DAY = 86_400_000;
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(timeZone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(timeZone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      era: 'short',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formatters.set(timeZone, formatter);
  }
  return formatter;
}

/** The wall ms the clocks in `timeZone` show at the instant `epochMs`. */
export function toWall(epochMs: number, timeZone: string): number {
  if (timeZone === 'UTC') return epochMs;
  const parts: Record<string, string> = {};
  for (const { type, value } of formatterFor(timeZone).formatToParts(epochMs)) parts[type] = value;
  const year = parts.era === 'BC' || parts.era === 'B' ? 1 - Number(parts.year) : Number(parts.year);
  const wholeSeconds = Date.UTC(year, Number(parts.month) - 1, Number(parts.day), Number(parts.hour), Number(parts.minute), Number(parts.second));
  // Date.UTC reads years 0–99 as 1900–1999.
  const wall = year >= 0 && year < 100 ? new Date(wholeSeconds).setUTCFullYear(year) : wholeSeconds;
  return wall + (((epochMs % 1000) + 1000) % 1000);
}

const offsetAt = (epochMs: number, timeZone: string) => toWall(epochMs, timeZone) - epochMs;

/**
 * The instant at which the clocks in `timeZone` show `wallMs`. A time the clocks skip is
 * read as if they had not yet moved (01:30 on a night that jumps 01:00→02:00 is 02:30
 * summer time), one they show twice as its first occurrence: Temporal's 'compatible', as
 * rotations read their local times.
 */
export function fromWall(wallMs: number, timeZone: string): number {
  if (timeZone === 'UTC') return wallMs;
  // Offsets are within a day of UTC, so the instant lies within a day of the wall time:
  // the offsets a day before and after are the only ones it can have, with at most one change between.
  const before = offsetAt(wallMs - DAY, timeZone);
  const after = offsetAt(wallMs + DAY, timeZone);
  const early = wallMs - before;
  const late = wallMs - after;
  const earlyFits = toWall(early, timeZone) === wallMs;
  const lateFits = toWall(late, timeZone) === wallMs;
  if (before === after && earlyFits) return early;
  if (before !== after) {
    if (earlyFits && lateFits) return Math.min(early, late); // shown twice: the first
    if (earlyFits !== lateFits) return earlyFits ? early : late;
    // Skipped: read with the offset from before the change, which lands after the jump.
    if (before < after) return early;
  }
  return plainToEpoch(Temporal.Instant.fromEpochMilliseconds(wallMs).toZonedDateTimeISO('UTC').toPlainDateTime(), timeZone);
}

/** The wall ms of a local date-time. */
export function plainToWall(plain: Temporal.PlainDateTime): number {
  return plain.toZonedDateTime('UTC').epochMilliseconds;
}
