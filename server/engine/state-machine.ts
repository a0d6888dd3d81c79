import type { Status } from '../../shared/status';
import type { Outcome } from '../checks/types';

/** What a check's thresholds have made of its results so far. */
export interface MachineState {
  /** One of up, degraded, down, maintenance, unknown (never had enough results to say). */
  status: Status;
  /** Epoch ms when `status` began; null when no result has ever arrived. */
  since: number | null;
  /** Consecutive failed results. */
  failures: number;
  /** Consecutive ok or degraded results. */
  successes: number;
}

export interface Thresholds {
  /** Consecutive failures before a check is down. */
  failureThreshold: number;
  /** Consecutive successes before a down check is up again. */
  successThreshold: number;
}

export const INITIAL_MACHINE_STATE: MachineState = { status: 'unknown', since: null, failures: 0, successes: 0 };

function target(current: MachineState, outcome: Outcome, failures: number, successes: number, t: Thresholds): Status {
  if (outcome === 'unknown') return 'unknown';
  if (outcome === 'maintenance') return 'maintenance';
  if (outcome === 'failed') return failures >= t.failureThreshold ? 'down' : current.status;
  const healthy: Status = outcome === 'ok' ? 'up' : 'degraded';
  // Leaving down needs successThreshold in a row; anywhere else a success counts at once.
  if (current.status === 'down' && successes < t.successThreshold) return 'down';
  return healthy;
}

/**
 * The next state after one result. Pure. The whole table, which the tests run row by row:
 *
 * | from                               | result        | to                                                       |
 * |------------------------------------|---------------|----------------------------------------------------------|
 * | any                                | failed        | down once failures in a row ≥ failureThreshold, else same |
 * | down                               | ok / degraded | up / degraded once successes in a row ≥ successThreshold, else down |
 * | up, degraded, unknown, maintenance | ok / degraded | up / degraded at once                                    |
 * | any                                | unknown       | unknown at once; both counts restart                     |
 * | any                                | maintenance   | maintenance at once; both counts restart                 |
 *
 * `since` moves only when the status changes.
 */
export function nextMachineState(current: MachineState, outcome: Outcome, at: number, thresholds: Thresholds): MachineState {
  const failures = outcome === 'failed' ? current.failures + 1 : 0;
  const successes = outcome === 'ok' || outcome === 'degraded' ? current.successes + 1 : 0;
  const status = target(current, outcome, failures, successes, thresholds);
  const since = status === current.status && current.since !== null ? current.since : at;
  return { status, since, failures, successes };
}
