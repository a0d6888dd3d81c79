import { badRequest } from '../errors';

// A calendar date, optionally a time of day to the minute, second or fraction, and an offset.
const ISO_8601 = /^(\d{4})-(\d{2})-(\d{2})(?:[Tt](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?([Zz]|[+-]\d{2}:?\d{2})?)?$/;
const EPOCH_MS = /^\d{1,16}$/;
// Beyond ±8.64e15 ms a Date is invalid, and turning it into ISO text would throw.
const MAX_MS = 8.64e15;

function offsetMinutes(zone: string | undefined): number {
  if (!zone || zone.toUpperCase() === 'Z') return 0;
  const digits = zone.replace(':', '');
  const minutes = Number(digits.slice(1, 3)) * 60 + Number(digits.slice(3, 5));
  return digits.startsWith('-') ? -minutes : minutes;
}

/**
 * An ISO 8601 time (`2026-11-20`, `2026-11-20T18:00`, `…:30.5Z`, `…+01:00`; no offset
 * means UTC) or epoch milliseconds (digits only), as epoch ms; null for anything else.
 * Stricter than `Date.parse`, which reads `-5` or `hello 1` as dates in 2001. Pure.
 */
export function parseTimeText(text: string): number | null {
  if (EPOCH_MS.test(text)) {
    const ms = Number(text);
    return ms <= MAX_MS ? ms : null;
  }
  const m = ISO_8601.exec(text);
  if (!m) return null;
  const [year, month, day, hour = 0, minute = 0, second = 0] = m.slice(1, 7).map((part) => Number(part ?? 0));
  const fraction = Number(`0.${m[7] ?? '0'}`) * 1000;
  if (month! < 1 || month! > 12 || hour > 23 || minute > 59 || second > 59) return null;
  const local = Date.UTC(year!, month! - 1, day, hour, minute, second);
  // Date.UTC rolls 31 February over into March; a real date reads back the same day.
  if (new Date(local).getUTCDate() !== day) return null;
  const zone = m[8];
  if (zone && zone.toUpperCase() !== 'Z' && (Number(zone.slice(1, 3)) > 23 || Number(zone.slice(-2)) > 59)) return null;
  const ms = local + fraction - offsetMinutes(zone) * 60_000;
  return Math.abs(ms) <= MAX_MS ? Math.floor(ms) : null;
}

/** A time query parameter: `fallback` when absent or empty; a 400 naming the parameter when malformed. */
export function timeParam(value: unknown, name: string, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  const ms = typeof value === 'string' ? parseTimeText(value) : null;
  if (ms === null) throw badRequest(`${name} must be an ISO 8601 time (2026-11-20T18:00:00Z) or epoch milliseconds`);
  return ms;
}
