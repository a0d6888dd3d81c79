import type { Shift } from '../oncall/types';
import type { StoredOncallReading } from './store';

/** A kept on-call reading as both stores hold it: the shifts as JSON text. */
export interface OncallReadingRow {
  team_id: string;
  layer: string;
  feed: string;
  shifts: string;
  as_of: number | string;
}

// A shift a scheduler gives without an end runs `to: Infinity`, which JSON would write as null.
const BOUNDS = new Set(['from', 'to']);
const writeBound = (key: string, value: unknown) => (BOUNDS.has(key) && typeof value === 'number' && !Number.isFinite(value) ? String(value) : value);
const readBound = (key: string, value: unknown) => (BOUNDS.has(key) && typeof value === 'string' ? Number(value) : value);

export function oncallReadingRow(r: StoredOncallReading): OncallReadingRow {
  return { team_id: r.teamId, layer: r.layer, feed: r.feed, shifts: JSON.stringify(r.shifts, writeBound), as_of: r.asOf };
}

export function oncallReadingFromRow(row: OncallReadingRow): StoredOncallReading {
  return {
    teamId: row.team_id,
    layer: row.layer === 'secondary' ? 'secondary' : 'primary',
    feed: row.feed,
    shifts: JSON.parse(row.shifts, readBound) as Shift[],
    asOf: Number(row.as_of),
  };
}
