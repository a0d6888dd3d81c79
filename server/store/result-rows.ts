/** Results, check state and source health as rows, the same for every SQL backend. Pure. */
import type { Status } from '../../shared/status';
import type { Outcome } from '../checks/types';
import { OUTCOMES } from '../history/rollup';
import type { StoredCheckState, StoredResult, StoredSourceHealth } from './store';

/** Outcomes by their stored number: the rollups' own order (ok is 0). */
export const OUTCOME_CODES: readonly Outcome[] = OUTCOMES;
export const outcomeCode = (outcome: Outcome) => OUTCOME_CODES.indexOf(outcome);
export const latencyTenths = (ms: number | null) => (ms === null ? null : Math.round(ms * 10));

/** A row of `check_state`. */
export interface CheckStateRow {
  service_id: string;
  check_id: string;
  status: Status;
  since: number | null;
  failures: number;
  successes: number;
  last_at: number | null;
  last_outcome: Outcome | null;
  last_message: string | null;
  last_latency_ms: number | null;
}

/** The check state a row holds. */
export const checkStateFromRow = (r: CheckStateRow): StoredCheckState => ({
  serviceId: r.service_id,
  checkId: r.check_id,
  machine: { status: r.status, since: r.since, failures: r.failures, successes: r.successes },
  last: r.last_at === null ? null : { at: r.last_at, outcome: r.last_outcome!, message: r.last_message ?? '', latencyMs: r.last_latency_ms },
});

/** A check's newest result as kept with its state. */
export interface ResultRow {
  check_id: string;
  at: number;
  outcome: Outcome;
  latency_ms: number | null;
  message: string;
  details: string | null;
}

export const storedResult = (r: ResultRow): StoredResult => ({
  checkId: r.check_id,
  at: r.at,
  outcome: r.outcome,
  latencyMs: r.latency_ms,
  message: r.message,
  details: r.details === null ? null : (JSON.parse(r.details) as Record<string, unknown>),
});

/** A row of `samples`: a raw result, compact. */
export interface SampleRow {
  at: number;
  outcome: number;
  latency: number | null;
  message: string | null;
  details: string | null;
}

export const sampleResult = (checkId: string, r: SampleRow): StoredResult => ({
  checkId,
  at: r.at,
  outcome: OUTCOME_CODES[r.outcome] ?? 'unknown',
  latencyMs: r.latency === null ? null : r.latency / 10,
  // An ok result is stored without its message: it said only that all was well.
  message: r.message ?? '',
  details: r.details === null ? null : (JSON.parse(r.details) as Record<string, unknown>),
});

/** The newest `limit` of a service's results (gathered check by check), oldest first. */
export function newestResults(all: StoredResult[], limit: number): StoredResult[] {
  // Newest first to cut, then oldest first; of two at the same instant, the check named first comes first.
  all.sort((a, b) => b.at - a.at || b.checkId.localeCompare(a.checkId));
  return all.slice(0, limit).reverse();
}

/** A row of `source_health`. */
export interface SourceHealthRow {
  source_id: string;
  last_received_at: number | null;
  received: number;
  errors: number;
  last_error: string | null;
  last_error_at: number | null;
}

export const sourceHealthFromRow = (r: SourceHealthRow): StoredSourceHealth => ({
  sourceId: r.source_id,
  lastReceivedAt: r.last_received_at,
  received: r.received,
  errors: r.errors,
  lastError: r.last_error,
  lastErrorAt: r.last_error_at,
});
