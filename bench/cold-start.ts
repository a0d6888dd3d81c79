import { percentile, waitFor, type Benchmark, type Measure } from './lib/measure';
import { fetchServices, launchServer, type ServiceSpec } from './lib/server';
import { Target } from './lib/target';

const RUNS = 3;
const SERVICES = 5;

/** One cold start: ms from spawn until GET / is 200, and until every check has a result. */
async function coldStartOnce(target: Target, cpuProfDir?: string): Promise<{ page: number; results: number }> {
  const services: ServiceSpec[] = Array.from({ length: SERVICES }, (_, i) => ({
    id: `service-${i}`,
    name: `Service ${i}`,
    checks: [{ id: 'health', type: 'http', url: target.url(`/service-${i}`), interval: '30s', timeout: '2s' }],
  }));
  const server = await launchServer('cold-start', { services }, cpuProfDir);
  try {
    const alive = () => {
      if (server.child.exitCode !== null) throw new Error(`server exited with ${server.child.exitCode}: ${server.problems().slice(-3).join(' | ')}`);
    };
    const page = await waitFor(
      'GET / to answer 200',
      async () => {
        alive();
        const res = await fetch(`${server.url}/`).catch(() => null);
        await res?.arrayBuffer();
        return res?.status === 200 ? performance.now() - server.spawnedAt : undefined;
      },
      20_000,
      5,
    );
    const results = await waitFor(
      'every check to have a result',
      async () => {
        alive();
        const services = await fetchServices(server.url);
        return services.every((s) => s.checks.every((c) => c.lastCheckedAt !== null)) ? performance.now() - server.spawnedAt : undefined;
      },
      20_000,
      10,
    );
    return { page, results };
  } finally {
    await server.stop();
  }
}

/**
 * cold-start: spawn what `npm start` runs (scripts/start.mjs, which imports the prebuilt
 * server bundle; both bundle and board are built beforehand) with five http checks at a
 * usual 30 s interval; poll GET / and /api/services. The scheduler runs every check
 * once within 500 ms of start, whatever its interval.
 */
export const coldStart: Benchmark = async ({ cpuProfDir }) => {
  const target = new Target();
  await target.listen();
  try {
    const runs: Array<{ page: number; results: number }> = [];
    for (let i = 0; i < RUNS; i += 1) runs.push(await coldStartOnce(target, cpuProfDir));
    const page = runs.map((r) => r.page);
    const results = runs.map((r) => r.results);
    const m = (measure: string, value: number, goal?: Measure['goal']): Measure => ({ benchmark: 'cold-start', measure, value, unit: 'ms', goal });
    return [
      m(`spawn → GET / answers 200, median of ${RUNS}`, percentile(page, 50)),
      m(`spawn → GET / answers 200, worst of ${RUNS}`, Math.max(...page), { op: '<', limit: 1_000 }),
      m(`spawn → all ${SERVICES} checks have a result, median of ${RUNS}`, percentile(results, 50)),
      m(`spawn → all ${SERVICES} checks have a result, worst of ${RUNS}`, Math.max(...results), { op: '<', limit: 1_000 }),
    ];
  } finally {
    await target.close();
  }
};
