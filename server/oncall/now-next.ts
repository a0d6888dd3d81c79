import type { OncallLayerView, OncallNow, OncallPerson } from '../../shared/api';
import { samePerson } from './who';

/** A shift with its person resolved. */
export interface PersonShift {
  person: OncallPerson;
  from: number;
  to: number;
}

/** Who is on call at `now`, who is next, and when that changes. */
export interface NowAndNext {
  now: OncallNow;
  next: OncallLayerView['next'];
  /** The next instant at which `now` changes (a handoff, a gap starting or ending); null when none is known. */
  changesAt: number | null;
}

const iso = (ms: number | null) => (ms === null || !Number.isFinite(ms) ? null : new Date(ms).toISOString());

/** Joins back-to-back shifts of the same person: a week of daily shifts by one person is one stretch. */
export function joinShifts(shifts: readonly PersonShift[]): PersonShift[] {
  const joined: PersonShift[] = [];
  for (const shift of [...shifts].sort((a, b) => a.from - b.from)) {
    const last = joined.at(-1);
    if (last && last.to === shift.from && samePerson(last.person, shift.person)) last.to = shift.to;
    else joined.push({ ...shift });
  }
  return joined;
}

/**
 * Reads sorted, joined shifts at `now`. Between shifts nobody is on call: the gap runs from
 * the end of the last shift to the start of the next. Pure.
 */
export function nowAndNext(shifts: readonly PersonShift[], now: number): NowAndNext {
  const index = shifts.findIndex((s) => s.from <= now && now < s.to);
  const current = index === -1 ? null : shifts[index]!;
  const later = shifts.filter((s) => s.from > now || (current !== null && s.from >= current.to));
  const upcoming = later.find((s) => current === null || !samePerson(s.person, current.person)) ?? null;
  if (current) {
    return {
      now: { person: current.person, since: iso(current.from), until: iso(current.to) },
      next: upcoming && { person: upcoming.person, from: iso(upcoming.from)!, until: iso(upcoming.to) },
      changesAt: current.to,
    };
  }
  const before = shifts.filter((s) => s.to <= now).at(-1) ?? null;
  const following = later[0] ?? null;
  return {
    now: { person: null, since: iso(before?.to ?? null), until: iso(following?.from ?? null) },
    next: following && { person: following.person, from: iso(following.from)!, until: iso(following.to) },
    changesAt: following?.from ?? null,
  };
}
