// The cluster benchmark's results as table rows: pure, from what each run observed.
import type { FanoutTimes } from './cluster-fanout';
import type { InstanceUse } from './cluster-instances';
import type { Rhythm } from './cluster-lateness';
import { totalChecks, type ClusterPlan } from './cluster-plan';
import { percentile, type Measure } from './measure';

/** What one run saw while the checks ran, every shard settled. */
export interface LoadResult {
  /** How the run is named in its rows (`3 instances, REDIS_ADAPTER=pubsub`). */
  label: string;
  /** Which services each instance runs, by instance id. */
  shares: Map<string, string[]>;
  /** Spawn of the instances → every service run by exactly one of them. */
  settleS: number;
  use: InstanceUse[];
  /** Redis's, PostgreSQL's and the target's CPU over the window, % of one core; null when the run has none. */
  redisCpu: number | null;
  /** Through Redis per second: KB the instances published, KB it passed on, commands. */
  redisTraffic: { inKBps: number; outKBps: number; commandsPerSecond: number } | null;
  postgresCpu: number | null;
  targetCpu: number;
  rhythm: Rhythm;
}

const LATENESS_GOAL: Measure['goal'] = { op: '<', limit: 1_000 };
const FANOUT_GOAL: Measure['goal'] = { op: '<', limit: 250 };
const NONE_GOAL: Measure['goal'] = { op: '<=', limit: 0 };

const row = (measure: string, value: number, unit: Measure['unit'], goal?: Measure['goal']): Measure => ({ benchmark: 'cluster', measure, value, unit, goal });

const sum = (values: readonly number[]) => values.reduce((a, b) => a + b, 0);
const mean = (values: readonly number[]) => sum(values) / values.length;
const ideal = (plan: ClusterPlan) => (totalChecks(plan) / plan.intervalS).toFixed(0);

/** How far each gap between two runs of a check was from the interval, and the turns run twice or never. */
function rhythmRows(plan: ClusterPlan, label: string, rhythm: Rhythm): Measure[] {
  const interval = plan.intervalS;
  const off = rhythm.offMs;
  return [
    row(`${label}: check lateness |gap − ${interval} s| between consecutive runs, p99 (${off.length} gaps)`, percentile(off, 99), 'ms', LATENESS_GOAL),
    row(`${label}: check lateness |gap − ${interval} s|, max`, percentile(off, 100), 'ms'),
    row(`${label}: double runs (gap < ${interval / 2} s)`, rhythm.doubles, 'count'),
    row(`${label}: double runs by two different instances (one turn run twice)`, rhythm.doublesAcross, 'count'),
    row(`${label}: missed runs (gap > ${interval * 1.5} s, or silent at the end)`, rhythm.missed, 'count'),
  ];
}

/** Where the time of a check run goes, and what the processes around the instances spent: the evidence for a bottleneck. */
function whyRows(load: LoadResult, window: string): Measure[] {
  const { label, use } = load;
  const worst = (pick: (u: InstanceUse) => number) => Math.max(...use.map(pick));
  const of = use.length > 1 ? ', worst instance' : '';
  return [
    row(
      `${label}: event-loop delay p99 ${window}${of}`,
      worst((u) => u.loopP99Ms),
      'ms',
    ),
    row(
      `${label}: event-loop delay, longest`,
      worst((u) => u.loopMaxMs),
      'ms',
    ),
    row(
      `${label}: check request → answer, as the instance times it, mean${of}`,
      worst((u) => u.checkMs),
      'ms',
    ),
    row(
      `${label}: a result's store write, submitted → written (the run holds its slot meanwhile), mean${of}`,
      worst((u) => u.resultWriteMs),
      'ms',
    ),
    row(
      `${label}: a result's store write, p99 (to the metric's bucket)${of}`,
      worst((u) => u.resultWriteP99Ms),
      'ms',
    ),
    row(`${label}: the target's process CPU (answers every check), % of one core`, load.targetCpu, '%'),
    ...(load.redisCpu === null ? [] : [row(`${label}: redis-server CPU, % of one core`, load.redisCpu, '%')]),
    ...(load.redisTraffic === null
      ? []
      : [
          row(`${label}: Redis, KB a second published by the instances (what each tells the others)`, load.redisTraffic.inKBps, '/s'),
          row(`${label}: Redis, KB a second passed on to the instances`, load.redisTraffic.outKBps, '/s'),
          row(`${label}: Redis, commands a second`, load.redisTraffic.commandsPerSecond, '/s'),
        ]),
    ...(load.postgresCpu === null ? [] : [row(`${label}: PostgreSQL CPU (all its processes, other databases' too), % of one core`, load.postgresCpu, '%')]),
  ];
}

/** Per instance CPU and RSS; then the whole run's check rate, its rhythm, and why. */
export function loadRows(plan: ClusterPlan, load: LoadResult): Measure[] {
  const { label, use } = load;
  const window = `over ${plan.sampleS} s`;
  const perInstance = use.flatMap((u) => {
    const name = `${label}, instance ${u.id} (runs ${load.shares.get(u.id)?.length ?? 0} services)`;
    return [
      row(`${name}: CPU, average ${window}, % of one core (${totalChecks(plan)} checks / ${plan.intervalS} s in all)`, u.cpuPercent, '%'),
      row(`${name}: RSS, peak of samples ${window}`, u.peakRssMb, 'MB'),
    ];
  });
  return [
    row(`${label}: start → every service run by exactly one instance`, load.settleS, 's'),
    ...perInstance,
    row(`${label}: CPU of all instances together, % of one core`, sum(use.map((u) => u.cpuPercent)), '%'),
    row(`${label}: check runs per second, counted by the instances (ideal ${ideal(plan)})`, sum(use.map((u) => u.runsPerSecond)), '/s'),
    ...rhythmRows(plan, label, load.rhythm),
    ...whyRows(load, window),
  ];
}

/** Fan-out to every board; apart, to those of the instance running the service and to those the change reached through Redis. */
export function fanoutRows(plan: ClusterPlan, label: string, owner: string, times: FanoutTimes): Measure[] {
  const n = times.servedToLast.length;
  const connected = [...times.connected.values()];
  const toAll = `${label}: target answers 503/200 → last of all clients has the delta`;
  return [
    row(`${label}: clients connected (of ${plan.clients}, ${connected.join(' / ')} per instance)`, sum(connected), 'count'),
    row(`${toAll}, p50 (${n} changes)`, percentile(times.servedToLast, 50), 'ms'),
    row(`${toAll}, p99`, percentile(times.servedToLast, 99), 'ms', FANOUT_GOAL),
    row(`${toAll}, max`, percentile(times.servedToLast, 100), 'ms'),
    row(`${label}: → last client of the instance running the service (${owner}), p99`, percentile(times.servedToLastOwner, 99), 'ms'),
    row(`${label}: → last client of each other instance (through Redis), p99`, percentile(times.servedToLastOthers, 99), 'ms'),
    row(
      `${label}: an instance writes one change to its ${Math.round(plan.clients / times.connected.size)} boards (its own timing), mean over instances`,
      mean(times.during.map((u) => u.broadcastMs)),
      'ms',
    ),
    row(`${label}: the same, p99 (to the metric's bucket), worst instance`, Math.max(...times.during.map((u) => u.broadcastP99Ms)), 'ms'),
    row(`${label}: changes not delivered to every client within 5 s`, times.undelivered, 'count', NONE_GOAL),
    row(`${label}: clients dropped by the instances`, times.dropped, 'count', NONE_GOAL),
  ];
}

/** One instance on SQLite and on PostgreSQL: each figure's rows side by side. */
export function singleRows(plan: ClusterPlan, loads: readonly LoadResult[]): Measure[] {
  const window = `over ${plan.sampleS} s`;
  const each = (make: (load: LoadResult, u: InstanceUse) => Measure) => loads.map((load) => make(load, load.use[0]!));
  const sideBySide = (rows: (load: LoadResult) => Measure[]) => {
    const perLoad = loads.map(rows);
    return perLoad[0]?.flatMap((_, i) => perLoad.map((r) => r[i]!)) ?? [];
  };
  return [
    ...each((l, u) => row(`${l.label}: CPU, average ${window}, % of one core (${totalChecks(plan)} checks / ${plan.intervalS} s)`, u.cpuPercent, '%')),
    ...each((l, u) => row(`${l.label}: RSS, peak of samples ${window}`, u.peakRssMb, 'MB')),
    ...each((l, u) => row(`${l.label}: RSS, median of samples ${window}`, u.medianRssMb, 'MB')),
    ...each((l, u) => row(`${l.label}: check runs per second (ideal ${ideal(plan)})`, u.runsPerSecond, '/s')),
    ...sideBySide((l) => rhythmRows(plan, l.label, l.rhythm).filter((r) => !r.measure.includes('different instances'))),
    ...sideBySide((l) => whyRows({ ...l, postgresCpu: null }, window)),
    ...loads.flatMap((l) => whyRows(l, window).filter((r) => r.measure.includes('PostgreSQL CPU'))),
  ];
}
