import { STATUSES } from '../../shared/status';
import type { Interval, StatusDurations, StatusSegment, UptimeFigures, UptimeInput } from './model';
import { countedInterval, statusTimeline } from './timeline';

/**
 * A service's uptime figures over one window, from its status timeline: time-weighted, so
 * a 1 s check and a 5 min check that saw the same outage give the same numbers. Pure.
 */

/** Time in each status over `segments`, ms; every status present, 0 when never seen. */
export function sumDurations(segments: readonly StatusSegment[]): StatusDurations {
  const durations = Object.fromEntries(STATUSES.map((status) => [status, 0])) as StatusDurations;
  for (const segment of segments) durations[segment.status] += segment.to - segment.from;
  return durations;
}

/**
 * Uptime, downtime, incidents, longest outage, MTTR and MTTA of one service over
 * `input.window`. Degraded counts as up; unknown and maintenance time are left out of the
 * denominator; time before the service existed is not counted at all.
 */
export function uptimeFigures(input: UptimeInput): UptimeFigures {
  const timeline = statusTimeline(input);
  const durations = sumDurations(timeline);
  const monitoredMs = durations.up + durations.degraded + durations.down;
  const { window, incidents } = input;
  return {
    countedFrom: countedInterval(input)?.from ?? window.to,
    durations,
    monitoredMs,
    uptime: monitoredMs > 0 ? (durations.up + durations.degraded) / monitoredMs : null,
    degraded: monitoredMs > 0 ? durations.degraded / monitoredMs : null,
    downtimeMs: durations.down,
    incidents: incidents.filter((incident) => within(incident.openedAt, window)).length,
    longestOutageMs: longestDown(timeline),
    // The whole time to repair, even when the incident opened before the window: a
    // repair that ends in the window is this window's, and half of one is no measure.
    mttrMs: meanSinceOpened(
      incidents.map((incident) => ({ openedAt: incident.openedAt, at: incident.resolvedAt })),
      window,
    ),
    mttaMs: meanSinceOpened(
      incidents.map((incident) => ({ openedAt: incident.openedAt, at: incident.acknowledgedAt })),
      window,
    ),
  };
}

/** The longest `down` segment, ms; a reduce, because a year of flapping is too many segments to spread into Math.max. */
function longestDown(timeline: readonly StatusSegment[]): number {
  return timeline.reduce((longest, segment) => (segment.status === 'down' ? Math.max(longest, segment.to - segment.from) : longest), 0);
}

function within(at: number, window: Interval): boolean {
  return at >= window.from && at < window.to;
}

/**
 * The mean time from opening to `at`, over incidents whose `at` falls in the window; null
 * when none do. A span below zero (a clock stepped back between the two) counts as 0.
 */
function meanSinceOpened(events: ReadonlyArray<{ openedAt: number; at: number | null }>, window: Interval): number | null {
  const spans = events.flatMap(({ openedAt, at }) => (at !== null && within(at, window) ? [Math.max(0, at - openedAt)] : []));
  return spans.length > 0 ? spans.reduce((sum, span) => sum + span, 0) / spans.length : null;
}
