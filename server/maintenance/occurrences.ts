import type { MaintenanceWindowConfig } from './config';
import { cronWallStarts } from './cron';
import { rruleWallStarts } from './rrule';
import { fromWall, toWall } from './wall-clock';

/** One time a window is in force: [from, until), epoch ms. */
export interface Occurrence {
  from: number;
  until: number;
}

/**
 * More than any change of offset (Samoa once skipped a whole day): a wall time this far
 * outside the wall bounds cannot land inside the instants asked about, so the bounds are
 * widened by it and the starts then checked as instants.
 */
const WALL_MARGIN_MS = 25 * 3_600_000;

/** Each start only once, in order: two wall times can land on one instant when the clocks jump. */
function uniqueSorted(starts: number[]): number[] {
  return [...new Set(starts)].sort((a, b) => a - b);
}

/** The instants at which a recurring window starts, from the wall-clock starts its rule gives between two wall times. */
function recurringStarts(window: MaintenanceWindowConfig, wallFrom: number, wallTo: number): number[] {
  const { schedule, timezone } = window;
  if (schedule.kind === 'cron') return cronWallStarts(schedule.cron, wallFrom, wallTo).map((wall) => fromWall(wall, timezone));
  if (schedule.kind !== 'rrule') return [];
  const starts: number[] = [];
  for (const wall of rruleWallStarts(schedule, schedule.startWall, wallTo)) {
    if (wall < wallFrom) continue;
    const at = fromWall(wall, timezone);
    if (schedule.lastStart !== null && at > schedule.lastStart) break;
    starts.push(at);
  }
  return starts;
}

/**
 * Every time one configured window is in force that overlaps [fromMs, toMs), sorted by
 * start. A cron expression or a rule is matched on the wall clock of the window's zone,
 * so "0 2 * * *" starts at 02:00 local time on both sides of a clock change; a start the
 * clocks skip is moved on by the jump (01:30 → 02:30 summer time), one they show twice
 * is the first. Occurrences of one window may overlap (a duration longer than the time
 * between starts); each is kept. Pure.
 */
export function occurrences(window: MaintenanceWindowConfig, fromMs: number, toMs: number): Occurrence[] {
  const { schedule, timezone } = window;
  if (!(fromMs < toMs)) return [];
  if (schedule.kind === 'once') return schedule.from < toMs && schedule.until > fromMs ? [{ from: schedule.from, until: schedule.until }] : [];
  const length = schedule.durationMs;
  // A start in (fromMs - length, toMs) overlaps; the wall bounds are widened, the instants then checked.
  const wallFrom = toWall(fromMs - length, timezone) - WALL_MARGIN_MS;
  const wallTo = toWall(toMs, timezone) + WALL_MARGIN_MS;
  return uniqueSorted(recurringStarts(window, wallFrom, wallTo))
    .filter((start) => start < toMs && start + length > fromMs)
    .map((start) => ({ from: start, until: start + length }));
}

/** How far ahead a next start is looked for: a rule that gives none in ten years gives none that matters. */
const LOOK_AHEAD_MS = 10 * 366 * 86_400_000;

/**
 * The first occurrence of a window that starts at or after `atOrAfter` and before `before`
 * (at most ten years on), or null. Looks a day ahead first, then further, so a window
 * that starts every minute is not expanded for a month. Pure.
 */
export function nextOccurrence(window: MaintenanceWindowConfig, atOrAfter: number, before = Infinity): Occurrence | null {
  const end = Math.min(before, atOrAfter + LOOK_AHEAD_MS);
  for (let reach = 86_400_000; ; reach *= 8) {
    const to = Math.min(atOrAfter + reach, end);
    const found = occurrences(window, atOrAfter, to).find((occurrence) => occurrence.from >= atOrAfter);
    if (found || to >= end) return found ?? null;
  }
}
