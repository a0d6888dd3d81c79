// Fan-out across instances: boards spread evenly over the instances, one service flipped
// down and up, and each change timed to the last board of every instance.
import { ClientPool, type WaveReport } from './clients';
import { sampleInstances, type Instance, type InstanceUse } from './cluster-instances';
import { sleep } from './measure';
import type { Target } from './target';

export interface FanoutTimes {
  /** Clients that got their snapshot, per instance id. */
  connected: Map<string, number>;
  /** Per delivered change: the target's first response with the new status → the last client of all. */
  servedToLast: number[];
  /** The same, to the last client of the instance that runs the service (no Redis between). */
  servedToLastOwner: number[];
  /** The same, to the last client of each other instance (each change counted once per instance). */
  servedToLastOthers: number[];
  /** Changes that did not reach every client within 5 s. */
  undelivered: number;
  /** Clients the instances dropped during the run. */
  dropped: number;
  /** What each instance used while the changes were made, the timing of its broadcasts included. */
  during: InstanceUse[];
}

const DELIVERY_TIMEOUT_MS = 5_000;

/**
 * Boards per load-generating process, as in the single-instance fanout: each board is a
 * browser of its own in life, and one process reading a thousand sockets in turn would
 * add its own queue to the time measured.
 */
const BOARDS_PER_PROCESS = 500;

/** Connects `clients` boards, an equal share to each instance through its own pool; the clients connected, by instance id. */
async function connectSpread(instances: readonly Instance[], pools: readonly ClientPool[], clients: number): Promise<Map<string, number>> {
  const per = Math.floor(clients / instances.length);
  const waves: WaveReport[] = [];
  // One instance at a time: a wave of snapshots to a third of the boards is what an instance would see after a restart.
  for (const [i, pool] of pools.entries())
    waves.push(await pool.connect(instances[i]!.url, per + (i < clients % instances.length ? 1 : 0), 120_000, { light: true }));
  const took = waves.map((w, i) => `${instances[i]!.id} ${(w.wallMs / 1_000).toFixed(1)} s`).join(', ');
  console.log(`  ${clients} clients have their snapshots (each instance's share connected in ${took})`);
  return new Map(instances.map((instance, i) => [instance.id, waves[i]!.ok]));
}

/** Flips the target once; per pool, its first response with the new status → that pool's last client with the delta, or null if one missed it. */
async function flipOnce(pools: readonly ClientPool[], target: Target, serviceId: string, down: boolean): Promise<number[] | null> {
  const status = down ? 'down' : 'up';
  const since = Date.now();
  const arrivals = Promise.all(pools.map((pool) => pool.delivered(serviceId, status, since, DELIVERY_TIMEOUT_MS)));
  target.flip(down ? 503 : 200);
  const perPool = await arrivals;
  const served = target.firstServedAt;
  if (served === null || perPool.some((a) => a === null)) return null;
  return perPool.map((a) => a!.last - served);
}

/**
 * Opens `clients` boards, an equal share on each instance (load-generating processes of
 * BOARDS_PER_PROCESS light clients each: see clients-process.ts), then flips `target`
 * `changes` times.
 * The judged interval starts when the target wrote the first response with the new
 * status: the earliest moment the owner could see it.
 */
export async function timeFanout(options: {
  instances: readonly Instance[];
  owner: string;
  serviceId: string;
  target: Target;
  clients: number;
  changes: number;
}): Promise<FanoutTimes> {
  const { instances } = options;
  const perInstance = Math.ceil(options.clients / instances.length);
  const pools = instances.map(() => new ClientPool(Math.ceil(perInstance / BOARDS_PER_PROCESS)));
  const times: FanoutTimes = {
    connected: new Map(),
    servedToLast: [],
    servedToLastOwner: [],
    servedToLastOthers: [],
    undelivered: 0,
    dropped: 0,
    during: [],
  };
  try {
    times.connected = await connectSpread(instances, pools, options.clients);
    const sampling = await sampleInstances(instances);
    for (let change = 0; change < options.changes; change += 1) {
      // Off the check's 1 s grid by a random amount, so the wait for the next run is not always the same.
      await sleep(300 + Math.random() * 1_000);
      const lasts = await flipOnce(pools, options.target, options.serviceId, change % 2 === 0);
      if (!lasts) {
        times.undelivered += 1;
        // Let every board settle on the expected state before the next flip.
        await sleep(2_000);
        continue;
      }
      times.servedToLast.push(Math.max(...lasts));
      instances.forEach((instance, i) => (instance.id === options.owner ? times.servedToLastOwner : times.servedToLastOthers).push(lasts[i]!));
    }
    times.during = await sampling.finish();
  } finally {
    const dropped = await Promise.all(pools.map((pool) => pool.close()));
    times.dropped = dropped.reduce((a, b) => a + b, 0);
  }
  return times;
}
