// The soak's board and its weather, as values: which checks exist and how often they
// run, which target paths fail now and then, and the arithmetic on what was observed.
// Shared by the orchestrator (bench/soak.ts) and its target process.
import type { BoardSpec, CheckSpec, ServiceSpec } from './server';

export const SOAK_SERVICES = 500;
/** Four checks a service: three http and, for every other service, a tcp port (else a fourth http). */
export const CHECKS_PER_SERVICE = 4;
const TEAMS = 20;
/** Intervals are spread over 30–60 s in 5 s steps. */
const INTERVALS_S = [30, 35, 40, 45, 50, 55, 60];
/** Every twelfth service has a `ready` check whose path fails now and then. */
const FLAKY_EVERY = 12;
const FLAKY_INTERVAL_S = 30;

/** A flaky path answers 503 for FLAP_DOWN_MS in every FLAP_PERIOD_MS, each at its own phase. */
export const FLAP_PERIOD_MS = 6 * 60_000;
export const FLAP_DOWN_MS = 90_000;

/** The small body a healthy path answers with; some checks look for it. */
export const HEALTHY_BODY = '{"status":"ok"}';
const HEALTHY_MARK = '"status":"ok"';

/** The path a check of a service asks for at the HTTP target. */
export const targetPath = (serviceId: string, checkId: string) => `/${serviceId}/${checkId}`;

export interface SoakPlan {
  board: BoardSpec;
  /** Per HTTP check's target path, its interval in ms. */
  httpIntervals: Map<string, number>;
  /** Per flaky path, where in FLAP_PERIOD_MS its 503s begin. */
  flaky: Record<string, number>;
  /** Check runs per second if every check kept its interval. */
  idealRunsPerSecond: number;
}

/**
 * 500 services × 4 checks = 2,000: mostly http (some with `bodyContains`), 250 tcp, and a
 * `ready` check on every twelfth service against a path that fails now and then. Twenty
 * teams whose incidents are told to a webhook receiver, as a team's chat channel would be.
 */
export function soakPlan(ports: { http: number; tcp: number }): SoakPlan {
  const http = (path: string) => `http://127.0.0.1:${ports.http}${path}`;
  const httpIntervals = new Map<string, number>();
  const flakyPaths: string[] = [];
  let runsPerSecond = 0;
  const services: ServiceSpec[] = Array.from({ length: SOAK_SERVICES }, (_, s) => {
    const id = `service-${String(s).padStart(3, '0')}`;
    const flaky = s % FLAKY_EVERY === 0;
    const every = (c: number) => (flaky && c === 2 ? FLAKY_INTERVAL_S : INTERVALS_S[(s + 3 * c) % INTERVALS_S.length]!);
    const httpCheck = (c: number, checkId: string, bodyContains?: string): CheckSpec => {
      const path = targetPath(id, checkId);
      httpIntervals.set(path, every(c) * 1_000);
      if (flaky && checkId === 'ready') flakyPaths.push(path);
      return {
        id: checkId,
        type: 'http',
        url: http(path),
        interval: `${every(c)}s`,
        timeout: '5s',
        expect: { status: 200, ...(bodyContains ? { bodyContains } : {}) },
      };
    };
    const checks = [
      httpCheck(0, 'health'),
      httpCheck(1, 'api', HEALTHY_MARK),
      httpCheck(2, 'ready'),
      s % 2 === 0
        ? { id: 'port', type: 'tcp' as const, host: '127.0.0.1', port: ports.tcp, interval: `${every(3)}s`, timeout: '5s' }
        : httpCheck(3, 'metrics', HEALTHY_MARK),
    ];
    runsPerSecond += checks.reduce((sum, _, c) => sum + 1 / every(c), 0);
    return { id, name: `Service ${s}`, team: `team-${s % TEAMS}`, links: { runbook: `https://runbooks.example.com/${id}` }, checks };
  });
  const teams: Array<{ id: string; name: string; notify: Array<{ via: string; url: string }> }> = Array.from({ length: TEAMS }, (_, t) => ({
    id: `team-${t}`,
    name: `Team ${t}`,
    notify: [{ via: 'team-hook', url: http('/pages') }],
  }));
  const flaky = Object.fromEntries(flakyPaths.map((path, i) => [path, Math.round((i / flakyPaths.length) * FLAP_PERIOD_MS)]));
  return {
    // A quiet period shorter than a flaky path's healthy stretch: each failure is an incident of its own.
    board: { teams, services, notifiers: [{ id: 'team-hook', type: 'webhook' }], paging: { quietPeriod: '2m' } },
    httpIntervals,
    flaky,
    idealRunsPerSecond: runsPerSecond,
  };
}

/** Whether a flaky path whose 503s begin at `phaseMs` answers 503 `elapsedMs` after the weather began. */
export function flapping(phaseMs: number, elapsedMs: number): boolean {
  const into = (((elapsedMs - phaseMs) % FLAP_PERIOD_MS) + FLAP_PERIOD_MS) % FLAP_PERIOD_MS;
  return into < FLAP_DOWN_MS;
}

/**
 * How late each run of one check reached its target, from the arrival times alone. Runs
 * after the first keep a fixed grid one interval apart, so each arrival minus its grid
 * turn is the grid's phase plus that run's delay; the smallest is taken as no delay. The
 * first arrival is the start-up run, off the grid, and is left out; only runs from `from`
 * on (Date.now()) are reported, so the busy start-up is not. Also counts the grid turns
 * between the first and the last of those that never arrived (skipped turns).
 */
export function gridLateness(arrivals: readonly number[], intervalMs: number, from = -Infinity): { lateMs: number[]; missed: number } {
  const onGrid = arrivals.slice(1);
  if (onGrid.length === 0) return { lateMs: [], missed: 0 };
  const base = onGrid[0]!;
  const turns = onGrid.map((at) => Math.round((at - base) / intervalMs));
  const offsets = onGrid.map((at, i) => at - turns[i]! * intervalMs);
  const earliest = Math.min(...offsets);
  const counted = onGrid.flatMap((at, i) => (at >= from ? [i] : []));
  if (counted.length === 0) return { lateMs: [], missed: 0 };
  const span = turns[counted.at(-1)!]! - turns[counted[0]!]! + 1;
  return { lateMs: counted.map((i) => offsets[i]! - earliest), missed: span - new Set(counted.map((i) => turns[i])).size };
}

/** A memory reading's change from a reference reading, in % of the reference. */
export const changePercent = (reference: number, now: number) => ((now - reference) / reference) * 100;

/**
 * The sample growth is judged from: minute 5 of a run of 6 minutes or more, else the
 * first sample at or after 40 % of the run (a short run has no steady minute 5).
 */
export function referenceSecond(runSeconds: number, sampleEverySeconds: number): number {
  const wanted = runSeconds >= 360 ? 300 : 0.4 * runSeconds;
  return Math.min(runSeconds, Math.ceil(wanted / sampleEverySeconds) * sampleEverySeconds);
}
