import { collectDefaultMetrics, Registry } from 'prom-client';

let shared: Registry | null = null;

/**
 * The process's own metrics (CPU, memory, event-loop lag, GC), in one registry for the
 * whole process: they describe the process, not an app in it, and their collectors (a GC
 * observer, an event-loop histogram) cannot be stopped, so several apps in one process
 * (tests) share them rather than each adding its own.
 *
 * Without a prefix: `process_cpu_seconds_total`, `nodejs_eventloop_lag_seconds` and the
 * like are what existing Node.js dashboards and alerts already query.
 */
export function processRegistry(): Registry {
  if (!shared) {
    shared = new Registry();
    collectDefaultMetrics({ register: shared });
  }
  return shared;
}
