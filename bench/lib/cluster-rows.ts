// The cluster benchmark's results as table rows: pure, from what each run observed.
import type { FanoutTimes } from './cluster-fanout';
import type { InstanceUse } from './cluster-instances';
import type { Rhythm } from './cluster-lateness';
import { totalChecks, type ClusterPlan } from './cluster-plan';
import { percentile, type Measure } from './measure';

/** What one run saw while the checks ran, every shard settled. */
export interface LoadResult {
  /** How the run is named in its rows (`3 instances, pubsub`). */
  label: string;
  /** Which services each instance runs, by instance id. */
  shares: Map<string, string[]>;
  /** Spawn of the instances → every service run by exactly one of them. */
  settleS: number;
  use: InstanceUse[];
  /** Redis and PostgreSQL CPU over the window, % of one core; null when the run has none. */
  redisCpu: number | null;
  postgresCpu: number | null;
  rhythm: Rhythm;
}

const LATENESS_GOAL: Measure['goal'] = { op: '<', limit: 1_000 };
const FANOUT_GOAL: Measure['goal'] = { op: '<', limit: 250 };

const row = (measure: string, value: number, unit: Measure['unit'], goal?: Measure['goal']): Measure => ({ benchmark: 'cluster', measure, value, unit, goal });

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);

/** The rows of the checks' rhythm: how far each gap between two runs was from the interval. */
function rhythmRows(plan: ClusterPlan, label: string, rhythm: Rhythm): Measure[] {
  const interval = plan.intervalS;
  return [
    row(
      `${label}: check lateness |gap − ${interval} s| between consecutive runs, p99 (${rhythm.offMs.length} gaps)`,
      percentile(rhythm.offMs, 99),
      'ms',
      LATENESS_GOAL,
    ),
    row(`${label}: check lateness |gap − ${interval} s|, max`, percentile(rhythm.offMs, 100), 'ms'),
    row(`${label}: double runs (gap < ${interval / 2} s)`, rhythm.doubles, 'count'),
    row(`${label}: missed runs (gap > ${interval * 1.5} s, or silent at the end)`, rhythm.missed, 'count'),
  ];
}

/** Per instance CPU and RSS; then the whole run's check rate, loop delay, store and dependencies. */
export function loadRows(plan: ClusterPlan, load: LoadResult): Measure[] {
  const { label, use } = load;
  const window = `over ${plan.sampleS} s`;
  const perInstance = use.flatMap((u) => {
    const name = use.length > 1 ? `${label}, instance ${u.id} (runs ${load.shares.get(u.id)?.length ?? 0} services)` : label;
    return [
      row(`${name}: CPU, average ${window}, % of one core (${totalChecks(plan)} checks / ${plan.intervalS} s in all)`, u.cpuPercent, '%'),
      row(`${name}: RSS, peak of samples ${window}`, u.peakRssMb, 'MB'),
    ];
  });
  const worst = (pick: (u: InstanceUse) => number) => Math.max(...use.map(pick));
  const dependencies = [
    ...(load.redisCpu === null ? [] : [row(`${label}: redis-server CPU, % of one core`, load.redisCpu, '%')]),
    ...(load.postgresCpu === null ? [] : [row(`${label}: PostgreSQL CPU (all its processes, other databases' too), % of one core`, load.postgresCpu, '%')]),
  ];
  return [
    row(`${label}: start → every service run by exactly one instance`, load.settleS, 's'),
    ...perInstance,
    ...(use.length > 1 ? [row(`${label}: CPU of all instances together, % of one core`, sum(use.map((u) => u.cpuPercent)), '%')] : []),
    row(
      `${label}: check runs per second, counted by the instances (ideal ${(totalChecks(plan) / plan.intervalS).toFixed(0)})`,
      sum(use.map((u) => u.runsPerSecond)),
      '/s',
    ),
    row(
      `${label}: event-loop delay p99 ${window}${use.length > 1 ? ', worst instance' : ''}`,
      worst((u) => u.loopP99Ms),
      'ms',
    ),
    row(
      `${label}: event-loop delay, longest`,
      worst((u) => u.loopMaxMs),
      'ms',
    ),
    row(
      `${label}: store write (one turn's results, one transaction), mean${use.length > 1 ? ', slowest instance' : ''}`,
      worst((u) => u.storeWriteMs),
      'ms',
    ),
    ...dependencies,
    ...rhythmRows(plan, label, load.rhythm),
  ];
}

/** Fan-out to every board, and to those of the owning instance apart from those the change reached through Redis. */
export function fanoutRows(plan: ClusterPlan, label: string, owner: string, times: FanoutTimes): Measure[] {
  const n = times.servedToLast.length;
  const connected = [...times.connected.values()];
  return [
    row(`${label}: clients connected (of ${plan.clients}, ${connected.join(' / ')} per instance)`, sum(connected), 'count'),
    row(`${label}: target answers 503/200 → last of all clients has the delta, p50 (${n} changes)`, percentile(times.servedToLast, 50), 'ms'),
    row(`${label}: target answers 503/200 → last of all clients has the delta, p99`, percentile(times.servedToLast, 99), 'ms', FANOUT_GOAL),
    row(`${label}: target answers 503/200 → last of all clients has the delta, max`, percentile(times.servedToLast, 100), 'ms'),
    row(`${label}: → last client of the instance running the service (${owner}), p99`, percentile(times.servedToLastOwner, 99), 'ms'),
    row(`${label}: → last client of each other instance (through Redis), p99`, percentile(times.servedToLastOthers, 99), 'ms'),
    row(`${label}: changes not delivered to every client within 5 s`, times.undelivered, 'count', { op: '<=', limit: 0 }),
    row(`${label}: clients dropped by the instances`, times.dropped, 'count', { op: '<=', limit: 0 }),
  ];
}

/** One instance on SQLite and on PostgreSQL, each figure side by side. */
export function singleRows(plan: ClusterPlan, loads: readonly LoadResult[]): Measure[] {
  const each = (make: (load: LoadResult, u: InstanceUse) => Measure) => loads.map((load) => make(load, load.use[0]!));
  const window = `over ${plan.sampleS} s`;
  return [
    ...each((l, u) => row(`${l.label}: CPU, average ${window}, % of one core (${totalChecks(plan)} checks / ${plan.intervalS} s)`, u.cpuPercent, '%')),
    ...each((l, u) => row(`${l.label}: RSS, peak of samples ${window}`, u.peakRssMb, 'MB')),
    ...each((l, u) => row(`${l.label}: RSS, median of samples ${window}`, u.medianRssMb, 'MB')),
    ...each((l, u) => row(`${l.label}: check runs per second (ideal ${(totalChecks(plan) / plan.intervalS).toFixed(0)})`, u.runsPerSecond, '/s')),
    ...each((l) =>
      row(`${l.label}: check lateness |gap − ${plan.intervalS} s|, p99 (${l.rhythm.offMs.length} gaps)`, percentile(l.rhythm.offMs, 99), 'ms', LATENESS_GOAL),
    ),
    ...each((l) => row(`${l.label}: check lateness, max`, percentile(l.rhythm.offMs, 100), 'ms')),
    ...each((l) => row(`${l.label}: missed runs (gap > ${plan.intervalS * 1.5} s, or silent at the end)`, l.rhythm.missed, 'count')),
    ...each((l) => row(`${l.label}: double runs (gap < ${plan.intervalS / 2} s)`, l.rhythm.doubles, 'count')),
    ...each((l, u) => row(`${l.label}: event-loop delay p99 ${window}`, u.loopP99Ms, 'ms')),
    ...each((l, u) => row(`${l.label}: store write (one turn's results, one transaction), mean`, u.storeWriteMs, 'ms')),
    ...loads.flatMap((l) =>
      l.postgresCpu === null ? [] : [row(`${l.label}: PostgreSQL CPU (all its processes, other databases' too), % of one core`, l.postgresCpu, '%')],
    ),
  ];
}
