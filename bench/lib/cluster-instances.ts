// Greenboard instances as users run them (each its own process, `npm start`'s bundle), and
// what the benchmark reads of them: who runs which services, and what each uses.
import type { ClusterResponse } from '../../shared/api';
import { SHARD_COUNT } from '../../server/cluster/shards';
import { histogramMean, histogramQuantile } from './cluster-histogram';
import { SENDER_VARIABLE } from './cluster-plan';
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
      Object.assign(
        await launchServer(`${options.name}-${id}`, options.board, options.cpuProfDir, {
          env: { ...options.env, GREENBOARD_INSTANCE_ID: id, [SENDER_VARIABLE]: id },
        }),
        {
          id,
        },
      ),
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

/** Who holds what now, as each instance says: `a 22 shards / 690 services, 3 alive`. */
export type Shares = Map<string, { shards: number; services: string[]; members: number }>;

export const describeShares = (shares: Shares) => [...shares].map(([id, s]) => `${id} ${s.shards} shards / ${s.services.length} services`).join(', ');

async function sharesNow(instances: readonly Instance[]): Promise<Shares> {
  const views = await Promise.all(instances.map((i) => clusterOf(i.url).catch(() => null)));
  return new Map(
    instances.map((instance, i) => [
      instance.id,
      { shards: views[i]?.shards.length ?? 0, services: views[i]?.services ?? [], members: views[i]?.members ?? 0 },
    ]),
  );
}

/**
 * Whether the work is settled: every instance counts all of them alive, none holds more
 * than its fair share (64 / instances, rounded up) so none will let any go, all 64 shards
 * are held so none is left to take, and the services add up to `services`, each run once.
 */
export function isSettled(shares: Shares, services: number): boolean {
  const all = [...shares.values()];
  const share = Math.ceil(SHARD_COUNT / all.length);
  const ran = all.flatMap((s) => s.services);
  return (
    all.every((s) => s.members === all.length && s.shards <= share) &&
    all.reduce((sum, s) => sum + s.shards, 0) === SHARD_COUNT &&
    ran.length === services &&
    new Set(ran).size === services
  );
}

/** Waits until the work is settled (see `isSettled`); returns who runs what. */
export async function settled(instances: readonly Instance[], services: number, timeoutMs: number): Promise<Shares> {
  let last: Shares = new Map();
  try {
    return await waitFor(
      `the ${instances.length} instances to share ${services} services`,
      async () => {
        last = await sharesNow(instances);
        return isSettled(last, services) ? last : undefined;
      },
      timeoutMs,
      500,
    );
  } catch (error) {
    throw new Error(`${(error as Error).message}; last seen: ${describeShares(last)}`);
  }
}

/** Who runs what now, if the work is settled; else null. */
export async function settledNow(instances: readonly Instance[], services: number): Promise<Shares | null> {
  const shares = await sharesNow(instances);
  return isSettled(shares, services) ? shares : null;
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
  /**
   * A result's store write, submitted → written, as the instance times it: what each
   * check run waits for before it frees its slot (writes go one transaction at a time). ms.
   */
  resultWriteMs: number;
  /** Its p99, to the resolution of the metric's buckets. */
  resultWriteP99Ms: number;
  /** Mean time of a check run that got an answer, as the instance timed it (request → answer), ms. */
  checkMs: number;
  /** Writing one `service:update` to all its boards, as the instance times it: mean, and p99 to the metric's buckets. ms. */
  broadcastMs: number;
  broadcastP99Ms: number;
}

const MS = 1_000;
const RESULT_WRITES = 'operation="writeResult"';
const DELTAS = 'event="service:update"';

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
          resultWriteMs: histogramMean(b, a, 'greenboard_store_write_seconds', RESULT_WRITES) * MS,
          resultWriteP99Ms: histogramQuantile(b, a, 'greenboard_store_write_seconds', 0.99, RESULT_WRITES) * MS,
          checkMs: histogramMean(b, a, 'greenboard_check_duration_seconds') * MS,
          broadcastMs: histogramMean(b, a, 'greenboard_board_broadcast_seconds', DELTAS) * MS,
          broadcastP99Ms: histogramQuantile(b, a, 'greenboard_board_broadcast_seconds', 0.99, DELTAS) * MS,
        };
      });
    },
  };
}
