import type { Shift } from './types';

/** Someone standing in for whoever is on call during [from, to), epoch ms. */
export interface Override {
  /** The id of the person in the config who is on call instead. */
  personId: string;
  /** When they take over, epoch ms. */
  from: number;
  /** When the rotation takes back over, epoch ms (the first instant no longer theirs). */
  to: number;
}

/**
 * The shifts with each override put in: the override's person is on call for exactly
 * [from, to), whoever had that time before (or nobody: an override also fills a gap,
 * such as the time before a rotation starts). A shift the override covers in part is
 * cut at the override's edges; the pieces are kept apart, not merged with a neighbour of
 * the same person, so every piece is either (part of) one shift or one override.
 *
 * An override that does not end after it starts is ignored (the config refuses it).
 * Overlapping overrides are refused by the config too; given them anyway, a later one
 * in the list wins where they overlap. With `window`, only the overrides that overlap it
 * are put in. Sorted by `from`; no two shifts overlap if none did in `shifts`.
 */
export function applyOverrides(shifts: Shift[], overrides: Override[], window?: { from: number; to: number }): Shift[] {
  let result = shifts;
  for (const override of overrides) {
    if (!(override.from < override.to)) continue;
    if (window && !(override.from < window.to && override.to > window.from)) continue;
    result = [...cutOut(result, override), { who: { personId: override.personId }, from: override.from, to: override.to }];
  }
  return [...result].sort((a, b) => a.from - b.from);
}

/** The shifts without [from, to): those around it kept, those across its edges cut short. */
function cutOut(shifts: Shift[], { from, to }: { from: number; to: number }): Shift[] {
  return shifts.flatMap((shift) => {
    if (shift.to <= from || shift.from >= to) return [shift];
    const pieces: Shift[] = [];
    if (shift.from < from) pieces.push({ ...shift, to: from });
    if (shift.to > to) pieces.push({ ...shift, from: to });
    return pieces;
  });
}

/**
 * Every pair of overrides (by index, [earlier in the list, later]) that share some
 * time, for the config to refuse. Touching ends (one ends at 09:00, the next begins at
 * 09:00) do not overlap; an override that does not end after it starts is refused on its
 * own and is not paired here.
 */
export function overlappingOverrides(overrides: Array<{ from: number; to: number }>): Array<[number, number]> {
  const pairs: Array<[number, number]> = [];
  overrides.forEach((a, i) => {
    if (!(a.from < a.to)) return;
    for (let j = i + 1; j < overrides.length; j += 1) {
      const b = overrides[j]!;
      if (b.from < b.to && a.from < b.to && b.from < a.to) pairs.push([i, j]);
    }
  });
  return pairs;
}
