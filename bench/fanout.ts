import { ClientPool } from './lib/clients';
import { percentile, sleep, waitFor, type Benchmark, type Measure } from './lib/measure';
import { fetchServices, launchServer } from './lib/server';
import { Target } from './lib/target';

const CLIENTS = 1_000;
const PROCESSES = 2;
const CHANGES = 20;
const SERVICE = 'flipper';

/**
 * fanout: 1,000 socket.io clients in two child processes watch a board; we flip a target
 * 20 times (down, up, …) and time each delta's arrival. The server's emit moment is not
 * observable from outside, so the judged interval starts earlier, when the target wrote
 * the first response with the new status: it covers result handling + broadcast.
 */
export const fanout: Benchmark = async ({ cpuProfDir }) => {
  const target = new Target();
  await target.listen();
  const server = await launchServer(
    'fanout',
    {
      services: [
        { id: SERVICE, name: 'Flipper', checks: [{ id: 'health', type: 'http', url: target.url(), interval: '1s', timeout: '900ms', failureThreshold: 1 }] },
      ],
    },
    cpuProfDir,
  );
  const pool = new ClientPool(PROCESSES);
  try {
    await server.ready();
    const wave = await pool.connect(server.url, CLIENTS, 30_000);
    await waitFor('the flipper to be up', async () => ((await fetchServices(server.url))[0]?.status === 'up' ? true : undefined), 15_000, 200);
    const servedToLast: number[] = [];
    const spread: number[] = [];
    const flipToLast: number[] = [];
    let undelivered = 0;
    for (let change = 0; change < CHANGES; change += 1) {
      await sleep(300 + Math.random() * 1_000);
      const down = change % 2 === 0;
      const since = Date.now();
      const arrival = pool.delivered(SERVICE, down ? 'down' : 'up', since, 5_000);
      const flippedAt = target.flip(down ? 503 : 200);
      const times = await arrival;
      const served = target.firstServedAt;
      if (!times || served === null) {
        undelivered += 1;
        // Let the board settle on the expected state before the next flip.
        await sleep(2_000);
        continue;
      }
      servedToLast.push(times.last - served);
      spread.push(times.last - times.first);
      flipToLast.push(times.last - flippedAt);
    }
    const dropped = await pool.close();
    const m = (measure: string, value: number, goal?: Measure['goal']): Measure => ({ benchmark: 'fanout', measure, value, unit: 'ms', goal });
    const n = servedToLast.length;
    return [
      { benchmark: 'fanout', measure: `clients connected (of ${CLIENTS}, ${PROCESSES} processes)`, value: wave.ok, unit: 'count' },
      m(`target answers 503/200 → last of ${wave.ok} clients has the delta, p50 (${n} changes)`, percentile(servedToLast, 50)),
      m('target answers 503/200 → last client has the delta, p99', percentile(servedToLast, 99), { op: '<', limit: 250 }),
      m('first client → last client has the delta (spread), p50', percentile(spread, 50)),
      m('first client → last client has the delta (spread), p99', percentile(spread, 99)),
      m('target flips → last client (includes ≤ 1 s until next check), p50', percentile(flipToLast, 50)),
      m('target flips → last client (includes ≤ 1 s until next check), p99', percentile(flipToLast, 99)),
      { benchmark: 'fanout', measure: 'changes not delivered to every client within 5 s', value: undelivered, unit: 'count', goal: { op: '<=', limit: 0 } },
      { benchmark: 'fanout', measure: 'clients dropped by the server during the run', value: dropped, unit: 'count', goal: { op: '<=', limit: 0 } },
    ];
  } finally {
    await pool.close();
    await server.stop();
    await target.close();
  }
};
