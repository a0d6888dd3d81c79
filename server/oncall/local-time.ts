import { Temporal } from '@js-temporal/polyfill';

/**
 * Wall-clock times in a named time zone, as a rotation's config writes them
 * (`2026-11-20T18:00`). Pure: Temporal does the zone rules, nothing here does offset
 * arithmetic by hand.
 */

/**
 * An IANA name (`Europe/London`, `UTC`, `Etc/GMT+5`). Temporal would also take an offset
 * (`+01:00`) or a whole date-time with a bracketed zone as a "time zone"; neither is a
 * name, and an offset has no daylight saving, so both are refused before Temporal sees them.
 */
const ZONE_NAME = /^[A-Za-z][A-Za-z0-9_+-]*(?:\/[A-Za-z0-9_+-]+)*$/;

/** `2026-11-20`, `2026-11-20T18:00` or `2026-11-20T18:00:30`: no offset, no zone, no fraction. */
const LOCAL_DATE_TIME = /^(\d{4})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/** Whether `name` is a time zone Temporal knows by its IANA name (letter case is free). */
export function isTimeZone(name: string): boolean {
  if (!ZONE_NAME.test(name)) return false;
  try {
    Temporal.Now.zonedDateTimeISO(name);
    return true;
  } catch {
    return false;
  }
}

/**
 * A local date-time as written in the config, or null when it is not one: a date alone
 * is its midnight; a day or hour that does not exist (`2026-02-30`, `25:00`) is refused
 * rather than rolled over.
 */
export function parseLocal(local: string): Temporal.PlainDateTime | null {
  const match = LOCAL_DATE_TIME.exec(local);
  if (!match) return null;
  const [year, month, day, hour = 0, minute = 0, second = 0] = match.slice(1).map((part) => (part === undefined ? undefined : Number(part)));
  try {
    return Temporal.PlainDateTime.from({ year: year!, month: month!, day: day!, hour, minute, second }, { overflow: 'reject' });
  } catch {
    return null;
  }
}

/**
 * The instant (epoch ms) at which the clocks in `timeZone` show `local`. A time skipped
 * when the clocks go forward is read as if they had not yet changed (Temporal's
 * 'compatible': 01:30 on a night that jumps 01:00→02:00 is 02:30 summer time); a time
 * that happens twice when they go back is its first occurrence. Null when `local` is not
 * a local date-time or `timeZone` is not a time zone.
 */
export function localToEpoch(local: string, timeZone: string): number | null {
  const plain = parseLocal(local);
  if (plain === null || !isTimeZone(timeZone)) return null;
  return plainToEpoch(plain, timeZone);
}

/** The instant of a wall-clock time in a zone already known to exist ('compatible', as above). */
export function plainToEpoch(plain: Temporal.PlainDateTime, timeZone: string): number {
  return plain.toZonedDateTime(timeZone, { disambiguation: 'compatible' }).epochMilliseconds;
}

/** What the clocks in `timeZone` show at `epochMs`. */
export function epochToPlain(epochMs: number, timeZone: string): Temporal.PlainDateTime {
  return Temporal.Instant.fromEpochMilliseconds(epochMs).toZonedDateTimeISO(timeZone).toPlainDateTime();
}
