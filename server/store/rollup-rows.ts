/**
 * Rollups as rows, the same for every SQL backend: one row per series and day holding
 * its hours, and one per series and hour holding its minutes, each packed and deflated
 * (see rollup-codec.ts). A service's own series (its status time) has the check id ''. Pure.
 */
import { HOUR_MS } from '../history/hour-rollup';
import type { Rollup } from '../history/rollup';
import { decodeHours, decodeMinutes, encodeHours } from '../history/rollup-codec';
import type { RollupLevel, StoredRollup } from './store';

export const DAY_MS = 24 * HOUR_MS;

/** The stored check id of a series: the service's own is ''. */
export const storedCheck = (checkId: string | null) => checkId ?? '';
/** The check id a stored one stands for. */
export const checkOfStored = (stored: string): string | null => (stored === '' ? null : stored);

/**
 * A day's row with one hour put in (read, changed and written back: a day's hours
 * deflate far better together than one by one).
 */
export function dayWithHour(stored: Buffer | null | undefined, hour: number, rollup: Rollup): { day: number; data: Buffer } {
  const day = Math.floor(hour / DAY_MS);
  const hours = stored ? decodeHours(stored) : new Map<number, Rollup>();
  hours.set((hour - day * DAY_MS) / HOUR_MS, rollup);
  return { day, data: encodeHours(hours) };
}

/** The rows (days for hours, hours for minutes) that hold a level's rollups over [from, to): [first, end). */
export function rowRange(level: RollupLevel, from: number, to: number): { from: number; to: number } {
  const unit = level === 'hour' ? DAY_MS : HOUR_MS;
  return { from: Math.floor(from / unit), to: Math.ceil(to / unit) };
}

/** The rollups one stored row holds that fall in [from, to), oldest first. */
export function rollupsOfRow(
  level: RollupLevel,
  row: { at: number; data: Buffer },
  series: { serviceId: string; checkId: string | null },
  from: number,
  to: number,
): StoredRollup[] {
  const [unit, decode, slice] = level === 'hour' ? [DAY_MS, decodeHours, HOUR_MS] : [HOUR_MS, decodeMinutes, 60_000];
  const out: StoredRollup[] = [];
  for (const [place, rollup] of decode(row.data)) {
    const at = row.at * unit + place * slice;
    if (at >= from && at < to) out.push({ ...series, at, rollup });
  }
  return out;
}
