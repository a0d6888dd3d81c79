import { Temporal } from '@js-temporal/polyfill';

/**
 * Wall-clock times in a named zone, as the stand-up's address writes them
 * (`2026-11-30T09:00`). Temporal does the zone rules; nothing here adds offsets by hand.
 */

// An IANA name; Temporal would also take an offset (`+01:00`), which has no daylight saving.
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;

// A date, a time to the minute or second, and an offset only for the second 01:30 of a night the clocks go back.
const LOCAL_TIME = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2})?(?:[+-]\d{2}:\d{2})?$/;

/** The zone as the zone database spells it (`europe/berlin` → `Europe/Berlin`); null when it is not one. */
export function canonicalZone(name: string): string | null {
  if (!ZONE_NAME.test(name)) return null;
  try {
    return Temporal.Instant.fromEpochMilliseconds(0).toZonedDateTimeISO(name).timeZoneId;
  } catch {
    return null;
  }
}

/** The zone this browser's clock shows, UTC when it cannot tell. */
export function viewerTimeZone(): string {
  return canonicalZone(Intl.DateTimeFormat().resolvedOptions().timeZone ?? '') ?? 'UTC';
}

/** The instant as `timeZone`'s clocks show it. */
export function zoned(at: number, timeZone: string): Temporal.ZonedDateTime {
  return Temporal.Instant.fromEpochMilliseconds(at).toZonedDateTimeISO(timeZone);
}

/**
 * `2026-11-30T09:00` (seconds only when there are some, milliseconds dropped): what the
 * clocks in `timeZone` show at `at`. When they show it twice (the night they go back) and
 * `at` is the second time, the offset follows (`2026-10-25T02:30+01:00`), so that the
 * text reads back as the same instant.
 */
export function formatLocal(at: number, timeZone: string): string {
  const time = zoned(at, timeZone).round({ smallestUnit: 'second', roundingMode: 'floor' });
  const plain = time.toPlainDateTime();
  const text = plain.toString({ smallestUnit: plain.second === 0 ? 'minute' : 'second' });
  const first = plain.toZonedDateTime(timeZone, { disambiguation: 'earlier' });
  return first.epochMilliseconds === time.epochMilliseconds ? text : `${text}${time.offset}`;
}

/**
 * The instant `formatLocal` wrote, or null for anything else. A local time shown twice is
 * its first occurrence unless an offset says otherwise; one the clocks skip (02:30 on the
 * night they go forward) still reads as an instant near it rather than as an error.
 */
export function parseLocal(text: string, timeZone: string): number | null {
  if (!LOCAL_TIME.test(text)) return null;
  const offset = /[+-]\d{2}:\d{2}$/.exec(text)?.[0];
  try {
    if (offset) return Temporal.ZonedDateTime.from(`${text}[${timeZone}]`, { offset: 'reject' }).epochMilliseconds;
    const plain = Temporal.PlainDateTime.from(text, { overflow: 'reject' });
    return plain.toZonedDateTime(timeZone, { disambiguation: 'earlier' }).epochMilliseconds;
  } catch {
    return null;
  }
}

/** The calendar day (`2026-11-30`) `at` falls on in `timeZone`. */
export function localDay(at: number, timeZone: string): string {
  return zoned(at, timeZone).toPlainDate().toString();
}

/** The first instant of a calendar day in `timeZone`; null when `day` is not `YYYY-MM-DD`. */
export function startOfDay(day: string, timeZone: string): number | null {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(day)) return null;
  try {
    return Temporal.PlainDate.from(day, { overflow: 'reject' }).toZonedDateTime({ timeZone }).epochMilliseconds;
  } catch {
    return null;
  }
}

/** The day after `day` (`YYYY-MM-DD`). */
export function nextDay(day: string): string {
  return Temporal.PlainDate.from(day).add({ days: 1 }).toString();
}
