import { shiftsFromJson, shiftsToJson } from '../oncall/shift-json';
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

export function oncallReadingRow(r: StoredOncallReading): OncallReadingRow {
  return { team_id: r.teamId, layer: r.layer, feed: r.feed, shifts: shiftsToJson(r.shifts), as_of: r.asOf };
}

export function oncallReadingFromRow(row: OncallReadingRow): StoredOncallReading {
  return {
    teamId: row.team_id,
    layer: row.layer === 'secondary' ? 'secondary' : 'primary',
    feed: row.feed,
    shifts: shiftsFromJson<Shift>(row.shifts),
    asOf: Number(row.as_of),
  };
}
