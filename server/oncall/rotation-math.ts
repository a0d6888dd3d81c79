import { Temporal } from '@js-temporal/polyfill';
import { epochToPlain, isTimeZone, parseLocal, plainToEpoch } from './local-time';
import type { Shift } from './types';

/** A rotation as the config gives it, its shift length already read into ms. */
export interface Rotation {
  /** The IANA zone whose wall clock the shifts follow (`Europe/London`). */
  timeZone: string;
  /** One shift's length by the wall clock, in ms (a `1d` shift is 24 wall-clock hours). */
  shift: number;
  /** When members[0]'s first shift begins, a local date-time in `timeZone`. */
  start: string;
  /** Person ids, in the order they take their turns. */
  members: string[];
}

/** A window of time, [from, to) in epoch ms. */
export interface Window {
  /** The first instant in it, epoch ms. */
  from: number;
  /** The first instant after it, epoch ms. */
  to: number;
}

/**
 * Larger than any difference between two UTC offsets a zone has ever had (they span
 * −12h to +14h), so a wall-clock time this far ahead is always a later instant.
 */
const OFFSET_SLACK_MS = 2 * 86_400_000;

/** More shifts than any board asks for at once: a window this long is a bug in the caller. */
const MAX_SHIFTS = 100_000;

/**
 * Every shift of `rotation` that overlaps `window`, sorted, whole (not cut at the window).
 *
 * Shifts are counted by the wall clock of the rotation's zone: shift k begins at
 * `start + k × shift` read as a local date-time, then turned into an instant. So a
 * 1-day shift at 09:00 begins at 09:00 local on both sides of a clock change (that day
 * lasts 23 or 25 hours), and a 12h shift runs 09:00→21:00→09:00 by the wall clock.
 * Shift k is members[k mod n]'s, and runs until shift k+1 begins.
 *
 * Before `start` nobody is on call: the rotation does not run backwards, so a team whose
 * rotation has not begun shows "nobody on call" rather than a person it never named.
 *
 * The members list is read afresh each time: when it changes in the config, every
 * shift is recomputed from `start` with the new list, so who is on call now may change
 * at once. To hand over at a chosen time instead, give the new list a new `start`.
 *
 * A shift whose start falls in the hour the clocks skip begins as if they had not yet
 * moved (01:30 → 02:30 summer time); if that makes it begin no earlier than the next
 * one (a 1h shift beginning inside a skipped hour), it has no time at all and is left
 * out: the shift before it runs on until the next one begins.
 */
export function rotationShifts(rotation: Rotation, window: Window): Shift[] {
  const { timeZone, shift, members } = rotation;
  const start = parseLocal(rotation.start);
  if (start === null) throw new RangeError(`"${rotation.start}" is not a local date-time`);
  if (!isTimeZone(timeZone)) throw new RangeError(`"${timeZone}" is not a time zone`);
  if (!Number.isSafeInteger(shift) || shift <= 0) throw new RangeError(`a shift must be a positive whole number of ms (got ${shift})`);
  if (members.length === 0) throw new RangeError('a rotation needs at least one member');
  if (!(window.from < window.to)) return [];

  const startWall = wallMs(start);
  const pad = Math.ceil(OFFSET_SLACK_MS / shift) + 1;
  const first = Math.max(0, Math.floor((wallMs(epochToPlain(window.from, timeZone)) - startWall) / shift) - pad);
  const last = Math.ceil((wallMs(epochToPlain(window.to, timeZone)) - startWall) / shift) + pad;
  if (last < first) return [];
  if (last - first > MAX_SHIFTS) throw new RangeError(`a window of ${last - first} shifts is too long to list`);

  const begins = shiftBeginnings(startWall, shift, timeZone, first, last + 1 + pad);
  const shifts: Shift[] = [];
  for (let k = first; k <= last; k += 1) {
    const from = begins[k - first]!;
    const to = begins[k + 1 - first]!;
    if (from < to && from < window.to && to > window.from) {
      shifts.push({ who: { personId: members[k % members.length]! }, from, to });
    }
  }
  return shifts;
}

/**
 * The instants shifts first…last begin. Where a skipped hour would make a shift begin
 * after a later one, it begins with the earliest later one instead (and so is empty):
 * the instants never go backwards, so shifts never overlap.
 */
function shiftBeginnings(startWall: number, shift: number, timeZone: string, first: number, last: number): number[] {
  const begins: number[] = [];
  for (let k = first; k <= last; k += 1) begins.push(plainToEpoch(fromWallMs(startWall + k * shift), timeZone));
  for (let i = begins.length - 2; i >= 0; i -= 1) begins[i] = Math.min(begins[i]!, begins[i + 1]!);
  return begins;
}

/**
 * A wall-clock time as a number, for counting shifts: its ms since 1970-01-01T00:00 on
 * the same clock. Plain calendar arithmetic, no zone, so Date does it (many times faster
 * than Temporal's polyfill, which matters for hourly shifts).
 */
function wallMs(plain: Temporal.PlainDateTime): number {
  const date = new Date(0);
  // setUTCFullYear, not Date.UTC: Date.UTC reads years 0–99 as 1900–1999.
  date.setUTCFullYear(plain.year, plain.month - 1, plain.day);
  date.setUTCHours(plain.hour, plain.minute, plain.second, plain.millisecond);
  return date.getTime();
}

function fromWallMs(ms: number): Temporal.PlainDateTime {
  const d = new Date(ms);
  return new Temporal.PlainDateTime(
    d.getUTCFullYear(),
    d.getUTCMonth() + 1,
    d.getUTCDate(),
    d.getUTCHours(),
    d.getUTCMinutes(),
    d.getUTCSeconds(),
    d.getUTCMilliseconds(),
  );
}
