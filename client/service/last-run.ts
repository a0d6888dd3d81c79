import type { CheckView, HistoryResult } from '../../shared/api';

/** When a check last ran and how long it took. */
export interface LastRun {
  /** Epoch ms; null when it never ran. */
  at: number | null;
  /** Response time of that run. */
  latencyMs: number | null;
}

/**
 * The newer of the check's live view and its newest result from the history. The server
 * announces a check when its state changes, not on every run, so for a steady check
 * the history knows of later runs than the live view does. Pure.
 */
export function lastRun(check: CheckView, newest: HistoryResult | undefined): LastRun {
  const live: LastRun = { at: check.lastCheckedAt === null ? null : Date.parse(check.lastCheckedAt), latencyMs: check.latencyMs };
  if (!newest) return live;
  const at = Date.parse(newest.at);
  return live.at !== null && live.at >= at ? live : { at, latencyMs: newest.latencyMs };
}
