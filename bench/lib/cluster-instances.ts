// Greenboard instances as users run them (each its own process, `npm start`'s bundle), and
// what the benchmark reads of them: who runs which services, and what each uses.
import type { ClusterResponse } from '../../shared/api';
import { SHARD_COUNT } from '../../server/cluster/shards';
import { waitFor } from './measure';
import { ProcSampler } from './proc';
import { launchServer, type BoardSpec, type ServerUnderTest } from './server';
import { metricTotal, scrapeMetrics } from './server-metrics';

export type Instance = ServerUnderTest & { id: string };

/** Starts one instance per id, together, with the same board and environment; resolves once each is ready. */
export async function launchInstances(options: {
  name: string;
  board: BoardSpec;
  ids: readonly string[];
  env: Record<string, string>;
  cpuProfDir: string | undefined;
}): Promise<Instance[]> {
  const instances = await Promise.all(
    options.ids.map(async (id) =>
      Object.assign(await launchServer(`${options.name}-${id}`, options.board, options.cpuProfDir, { env: { ...options.env, GREENBOARD_INSTANCE_ID: id } }), {
        id,
      }),
    ),
  );
  await Promise.all(instances.map((instance) => instance.ready(120_000)));
  return instances;
}

export async function clusterOf(url: string): Promise<ClusterResponse> {
  const res = await fetch(`${url}/api/cluster`);
  if (!res.ok) throw new Error(`GET /api/cluster answered ${res.status}`);
  return (await res.json()) as ClusterResponse;
}

/**
 * Which services each instance runs, by instance id, once the work is settled: each counts
 * all of them alive, holds its fair share of the shards (64 / instances, rounded down or
 * up), and the services they run add up to `services`, each run by exactly one. Else null.
 */
export async function shares(instances: readonly Instance[], services: number): Promise<Map<string, string[]> | null> {
  const views = await Promise.all(instances.map((i) => clusterOf(i.url).catch(() => null)));
  const n = instances.length;
  const fair = (v: ClusterResponse | null) =>
    v !== null && v.members === n && v.shards.length >= Math.floor(SHARD_COUNT / n) && v.shards.length <= Math.ceil(SHARD_COUNT / n);
  if (!views.every(fair)) return null;
  const all = views.flatMap((v) => v!.services);
  if (all.length !== services || new Set(all).size !== services) return null;
  return new Map(instances.map((instance, i) => [instance.id, views[i]!.services]));
}

/** Waits until the work is settled (see `shares`). */
export function settled(instances: readonly Instance[], services: number, timeoutMs: number): Promise<Map<string, string[]>> {
  return waitFor(
    `the ${instances.length} instances to share ${services} services`,
    async () => (await shares(instances, services)) ?? undefined,
    timeoutMs,
    500,
  );
}

/** What one instance used over a sampling window. */
export interface InstanceUse {
  id: string;
  cpuPercent: number;
  peakRssMb: number;
  medianRssMb: number;
  /** Event-loop delay over the window, from the instance's /metrics (reset at each scrape). */
  loopP99Ms: number;
  loopMaxMs: number;
  /** Check runs per second, counted by the instance. */
  runsPerSecond: number;
  /** Mean time of a store write (results of one turn in one transaction), ms. */
  storeWriteMs: number;
}

const MS = 1_000;

/** Starts sampling every instance's CPU, RSS and own metrics; `finish()` ends the window. */
export async function sampleInstances(instances: readonly Instance[]): Promise<{ finish(): Promise<InstanceUse[]> }> {
  // A scrape first: it resets the event-loop histogram, so the next one covers the window alone.
  const before = await Promise.all(instances.map((i) => scrapeMetrics(i.url)));
  const samplers = instances.map((i) => new ProcSampler(i.pid));
  return {
    async finish() {
      const used = samplers.map((s) => s.finish());
      const after = await Promise.all(instances.map((i) => scrapeMetrics(i.url)));
      return instances.map((instance, i) => {
        const [b, a, u] = [before[i]!, after[i]!, used[i]!];
        const delta = (name: string) => metricTotal(a, name) - metricTotal(b, name);
        return {
          id: instance.id,
          cpuPercent: u.cpuPercent,
          peakRssMb: u.peakRssMb,
          medianRssMb: u.medianRssMb,
          loopP99Ms: metricTotal(a, 'nodejs_eventloop_lag_p99_seconds') * MS,
          loopMaxMs: metricTotal(a, 'nodejs_eventloop_lag_max_seconds') * MS,
          runsPerSecond: delta('greenboard_check_runs_total') / u.seconds,
          storeWriteMs: (delta('greenboard_store_write_seconds_sum') / delta('greenboard_store_write_seconds_count')) * MS,
        };
      });
    },
  };
}
