import type { Status } from '../../shared/status';
import type { Interval, StatusSegment, UptimeInput } from './model';

/**
 * A service's status over a window as contiguous segments, worked out from its
 * transitions (durations, not counts of results) and from when Greenboard was running.
 * Pure: all time comes in with the input.
 */

/**
 * The part of the window that counts at all: from the later of the window's start and the
 * service's first-ever transition, to the window's end. Null when nothing counts (the
 * service has no transition yet, or its first one is at or after the window's end).
 */
export function countedInterval(input: Pick<UptimeInput, 'window' | 'firstSeenAt'>): Interval | null {
  const { window, firstSeenAt } = input;
  if (firstSeenAt === null || firstSeenAt >= window.to) return null;
  const from = Math.max(window.from, firstSeenAt);
  return from < window.to ? { from, to: window.to } : null;
}

/**
 * Segments covering the counted part of the window (see `countedInterval`), oldest first,
 * adjacent ones always of different statuses and none empty. Time outside every
 * `monitored` interval is `unknown`, whatever the transitions say: a server that was not
 * running watched nothing. Transitions and monitored intervals may come unsorted or
 * overlapping; of transitions at the same instant, the one given last wins.
 */
export function statusTimeline(input: UptimeInput): StatusSegment[] {
  const counted = countedInterval(input);
  if (counted === null) return [];
  const byTransitions = transitionSegments(input, counted);
  return mergeAdjacent(outsideAsUnknown(byTransitions, watchedIntervals(input.monitored, counted)));
}

/** What the transitions alone say over `counted`, one segment per change. */
function transitionSegments(input: UptimeInput, counted: Interval): StatusSegment[] {
  // A stable sort keeps the given order among transitions at the same instant, so the last given wins.
  const sorted = [...input.transitions].sort((a, b) => a.at - b.at);
  let status: Status = input.statusBefore ?? 'unknown';
  const segments: StatusSegment[] = [];
  let from = counted.from;
  for (const transition of sorted) {
    if (transition.at >= counted.to) break;
    if (transition.at > from) {
      segments.push({ from, to: transition.at, status });
      from = transition.at;
    }
    status = transition.to;
  }
  segments.push({ from, to: counted.to, status });
  return segments;
}

/** The monitored intervals clipped to `counted`, sorted, with overlapping and touching ones joined. */
function watchedIntervals(monitored: readonly Interval[], counted: Interval): Interval[] {
  const clipped = monitored
    .map((interval) => ({ from: Math.max(interval.from, counted.from), to: Math.min(interval.to, counted.to) }))
    .filter((interval) => interval.from < interval.to);
  return joinIntervals(clipped);
}

/** The intervals sorted, with overlapping and touching ones joined into one. Pure. */
export function joinIntervals(intervals: readonly Interval[]): Interval[] {
  const joined: Interval[] = [];
  for (const interval of [...intervals].sort((a, b) => a.from - b.from)) {
    const last = joined.at(-1);
    if (last && interval.from <= last.to) last.to = Math.max(last.to, interval.to);
    else joined.push({ ...interval });
  }
  return joined;
}

/** `segments` with every stretch outside `watched` (sorted, disjoint) turned `unknown`. */
function outsideAsUnknown(segments: readonly StatusSegment[], watched: readonly Interval[]): StatusSegment[] {
  const result: StatusSegment[] = [];
  let next = 0;
  for (const segment of segments) {
    let cursor = segment.from;
    while (cursor < segment.to) {
      while (next < watched.length && watched[next]!.to <= cursor) next++;
      const interval = watched[next];
      if (!interval || interval.from >= segment.to) {
        result.push({ from: cursor, to: segment.to, status: 'unknown' });
        break;
      }
      if (interval.from > cursor) result.push({ from: cursor, to: interval.from, status: 'unknown' });
      const to = Math.min(interval.to, segment.to);
      result.push({ from: Math.max(cursor, interval.from), to, status: segment.status });
      cursor = to;
    }
  }
  return result;
}

/** Adjacent segments of one status joined, empty ones dropped. */
function mergeAdjacent(segments: readonly StatusSegment[]): StatusSegment[] {
  const merged: StatusSegment[] = [];
  for (const segment of segments) {
    if (segment.to <= segment.from) continue;
    const last = merged.at(-1);
    if (last && last.status === segment.status && last.to === segment.from) last.to = segment.to;
    else merged.push({ ...segment });
  }
  return merged;
}
