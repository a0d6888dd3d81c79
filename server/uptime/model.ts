import type { Status } from '../../shared/status';

/** A stretch of time, epoch ms, `from` included and `to` excluded. */
export interface Interval {
  from: number;
  to: number;
}

/** A stretch of time in one status. */
export interface StatusSegment extends Interval {
  status: Status;
}

/** What the uptime of one service over one window is worked out from. */
export interface UptimeInput {
  /** The window asked for. */
  window: Interval;
  /** The service's status as it was just before `window.from` (its last transition before it), or null if none. */
  statusBefore: Status | null;
  /** The service's own transitions inside the window, oldest first (`checkId` null in the store). */
  transitions: ReadonlyArray<{ at: number; to: Status }>;
  /**
   * When Greenboard was running (and so watching), overlapping the window, oldest first.
   * Time outside them is `unknown`: a server that was down saw nothing.
   */
  monitored: readonly Interval[];
  /** The service's first-ever transition: time before it is not counted at all (the service did not exist yet). Null when it has none. */
  firstSeenAt: number | null;
  /** Incidents of the service (its own, not ones it was only impacted by) that overlap the window. */
  incidents: ReadonlyArray<{ openedAt: number; resolvedAt: number | null; acknowledgedAt: number | null }>;
}

/** Time in each status over a window, in ms. */
export type StatusDurations = Record<Status, number>;

/** A service's uptime over one window: what GET /api/uptime answers for it. */
export interface UptimeFigures {
  /** Time counted at all: the window less what came before the service existed. */
  countedFrom: number;
  durations: StatusDurations;
  /** up + degraded + down: the denominator. `unknown` and `maintenance` are left out. */
  monitoredMs: number;
  /** (up + degraded) ÷ monitored, 0–1; null when nothing was monitored. */
  uptime: number | null;
  /** Degraded time on its own, as a share of monitored time (counted as up in `uptime`). */
  degraded: number | null;
  downtimeMs: number;
  /** Incidents opened in the window. */
  incidents: number;
  /** The longest stretch of `down` inside the window, ms (0 when none). */
  longestOutageMs: number;
  /** Mean time from an incident's opening to its resolution, over those resolved in the window; null when none. */
  mttrMs: number | null;
  /** Mean time from an incident's opening to its acknowledgement, over those acknowledged in the window; null when none. */
  mttaMs: number | null;
}
