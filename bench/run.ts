// `npm run bench [-- NAME ...] [-- --cpu-prof]`: runs the benchmarks one after another
// against the real server in its own process, then prints one table of results.
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { join } from 'node:path';
import { capacity } from './capacity';
import { cluster } from './cluster';
import { coldStart } from './cold-start';
import { detection } from './detection';
import { fanout } from './fanout';
import { firstPaint } from './first-paint';
import { ingest } from './ingest';
import { oncall } from './oncall';
import { pagingStorm } from './paging-storm';
import { uptime } from './uptime';
import { wallPaint } from './wall-paint';
import { ROOT } from './lib/child';
import { cleanupAll, keepDir, tempDir } from './lib/cleanup';
import type { Benchmark, Measure } from './lib/measure';
import { summarizeProfiles } from './lib/profile';
import { MachineLoad } from './lib/proc';
import { machineLine, markdownTable, textTable } from './lib/table';
import { reconnectStorm } from './reconnect-storm';
import { soak } from './soak';
import { webhookFanout } from './webhook-fanout';

const BENCHMARKS: Record<string, Benchmark> = {
  detection,
  fanout,
  capacity,
  'first-paint': firstPaint,
  'reconnect-storm': reconnectStorm,
  'cold-start': coldStart,
  'webhook-fanout': webhookFanout,
  ingest,
  oncall,
  'paging-storm': pagingStorm,
  uptime,
  'wall-paint': wallPaint,
  soak,
  cluster,
};

/**
 * Run only when named: the soak takes half an hour (`npm run bench -- soak`); the cluster
 * benchmark needs PostgreSQL and redis-server, and a quarter of an hour (`npm run bench -- cluster`).
 */
const ON_REQUEST = new Set(['soak', 'cluster']);

/** As `npm start` would, before any server is timed: the board and the server bundle. */
function ensureBuilt(): void {
  const build = spawnSync(process.execPath, [join(ROOT, 'scripts/build.mjs')], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('the board or the server did not build');
}

async function main(): Promise<number> {
  const args = process.argv.slice(2);
  const names = args.filter((a) => !a.startsWith('--'));
  const unknown = names.filter((n) => !(n in BENCHMARKS));
  if (unknown.length > 0) {
    console.error(`unknown benchmark ${unknown.join(', ')}; known: ${Object.keys(BENCHMARKS).join(', ')}`);
    return 2;
  }
  const cpuProfDir = args.includes('--cpu-prof') ? tempDir('profiles') : undefined;
  if (cpuProfDir) keepDir(cpuProfDir);
  ensureBuilt();

  const measures: Measure[] = [];
  let failures = 0;
  for (const name of names.length > 0 ? names : Object.keys(BENCHMARKS).filter((n) => !ON_REQUEST.has(n))) {
    const started = performance.now();
    const load = new MachineLoad();
    const loadAverage = loadavg()[0]!.toFixed(1);
    console.log(`▶ ${name}`);
    try {
      const result = await BENCHMARKS[name]!({ cpuProfDir });
      measures.push(...result);
    } catch (error) {
      failures += 1;
      console.error(`  ${name} failed: ${(error as Error).stack ?? String(error)}`);
      measures.push({ benchmark: name, measure: `did not complete: ${(error as Error).message}`, value: NaN, unit: 'count', goal: { op: '<=', limit: 0 } });
    } finally {
      await cleanupAll();
    }
    // Context, not a result: other processes on this machine compete for the same cores.
    const others = load.othersPercent();
    measures.push({
      benchmark: name,
      measure: `CPU used by processes not ours meanwhile, % of all cores (load avg ${loadAverage} at start)`,
      value: others,
      unit: '%',
    });
    console.log(`  done in ${((performance.now() - started) / 1_000).toFixed(1)} s; others used ${others.toFixed(0)} % of all cores`);
  }

  const heading = `Greenboard benchmarks — ${machineLine()}`;
  console.log(`\n${heading}\n\n${textTable(measures)}\n`);
  console.log(`Markdown, for bench/RESULTS.md:\n\n**${heading}**\n\n${markdownTable(measures)}\n`);
  if (cpuProfDir) console.log(summarizeProfiles(cpuProfDir));
  return failures > 0 ? 1 : 0;
}

let exiting = false;
for (const signal of ['SIGINT', 'SIGTERM'] as const) {
  process.on(signal, () => {
    if (exiting) return;
    exiting = true;
    void cleanupAll().finally(() => process.exit(130));
  });
}

main()
  .then(async (code) => {
    await cleanupAll();
    process.exit(code);
  })
  .catch(async (error: unknown) => {
    console.error(error);
    await cleanupAll();
    process.exit(1);
  });
