import { webhookBody } from './lib/alert-payloads';
import { ClientPool } from './lib/clients';
import { percentile, quickRun, sleep, waitFor, type Benchmark, type Measure } from './lib/measure';
import { fetchServices, launchServer, type ServiceSpec } from './lib/server';

const CLIENTS = 1_000;
const PROCESSES = 2;
const SAMPLES = quickRun ? 40 : 200;
const SERVICES = 20;
const SERVICE = 'service-07';
const ALERTS = 2;
const TOKEN = 'bench-alertmanager-0123456789abcdef';

/**
 * webhook-fanout: an Alertmanager webhook turns a service down (then up) on 1,000 boards.
 * The server has an `alertmanager` source and 20 services; 1,000 socket.io clients in two
 * child processes watch the board. Each sample POSTs a genuine-shaped webhook (two alerts
 * of one group, firing, then resolved) and times from just before the POST is sent until
 * every client has the `service:update` with the new status.
 */
export const webhookFanout: Benchmark = async ({ cpuProfDir }) => {
  const services: ServiceSpec[] = Array.from({ length: SERVICES }, (_, i) => ({
    id: `service-${String(i).padStart(2, '0')}`,
    name: `Service ${i}`,
    checks: [],
  }));
  const server = await launchServer(
    'webhook-fanout',
    { services, sources: [{ id: 'alertmanager', type: 'alertmanager', token: '${BENCH_AM_TOKEN}' }], env: { BENCH_AM_TOKEN: TOKEN } },
    cpuProfDir,
  );
  const pool = new ClientPool(PROCESSES);
  try {
    await server.ready();
    const wave = await pool.connect(server.url, CLIENTS, 30_000);
    await waitFor(
      'the service to be up',
      async () => ((await fetchServices(server.url)).find((s) => s.id === SERVICE)?.status === 'up' ? true : undefined),
      15_000,
      100,
    );
    const postToLast: number[] = [];
    const postToAnswer: number[] = [];
    const spread: number[] = [];
    let undelivered = 0;
    let refused = 0;
    for (let sample = 0; sample < SAMPLES; sample += 1) {
      // Spaced so that one change has reached every board before the next is sent.
      await sleep(100 + Math.random() * 150);
      const firing = sample % 2 === 0;
      const body = webhookBody(SERVICE, ALERTS, { resolved: firing ? new Set() : new Set([0, 1]) });
      const since = Date.now();
      const arrival = pool.delivered(SERVICE, firing ? 'down' : 'up', since, 5_000);
      const answer = await fetch(`${server.url}/api/sources/alertmanager/webhook`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${TOKEN}` },
        body,
      });
      postToAnswer.push(Date.now() - since);
      if (answer.status !== 202) refused += 1;
      const times = await arrival;
      if (!times) {
        undelivered += 1;
        await sleep(2_000);
        continue;
      }
      postToLast.push(times.last - since);
      spread.push(times.last - times.first);
    }
    const dropped = await pool.close();
    const n = postToLast.length;
    const m = (measure: string, value: number, goal?: Measure['goal']): Measure => ({ benchmark: 'webhook-fanout', measure, value, unit: 'ms', goal });
    const count = (measure: string, value: number, goal?: Measure['goal']): Measure => ({ benchmark: 'webhook-fanout', measure, value, unit: 'count', goal });
    return [
      count(`clients connected (of ${CLIENTS}, ${PROCESSES} processes)`, wave.ok),
      m(`webhook POST sent → last of ${wave.ok} clients has the delta, p50 (${n} changes)`, percentile(postToLast, 50)),
      m('webhook POST sent → last client has the delta, p95', percentile(postToLast, 95)),
      m('webhook POST sent → last client has the delta, p99', percentile(postToLast, 99), { op: '<', limit: 50 }),
      m('webhook POST sent → last client has the delta, max', percentile(postToLast, 100)),
      m('webhook POST sent → 202 received, p50', percentile(postToAnswer, 50)),
      m('first client → last client has the delta (spread), p50', percentile(spread, 50)),
      count('webhooks not answered 202', refused, { op: '<=', limit: 0 }),
      count('changes not delivered to every client within 5 s', undelivered, { op: '<=', limit: 0 }),
      count('clients dropped by the server during the run', dropped, { op: '<=', limit: 0 }),
    ];
  } finally {
    await pool.close();
    await server.stop();
  }
};
