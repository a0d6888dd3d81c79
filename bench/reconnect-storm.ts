import { ClientPool } from './lib/clients';
import { percentile, type Benchmark, type Measure } from './lib/measure';
import { openFilesLimit, ProcSampler } from './lib/proc';
import { allChecked, launchServer, manyServices } from './lib/server';
import { Target } from './lib/target';

const SERVICES = 2_000;
const CLIENTS = 1_000;
const PROCESSES = 2;

/**
 * reconnect-storm: the 2,000-service board of first-paint; 1,000 socket.io clients in two
 * child processes connect at the same moment (as after a server restart or a network
 * blip). Time from the first connect attempt until the last client has its snapshot.
 */
export const reconnectStorm: Benchmark = async ({ cpuProfDir }) => {
  const target = new Target();
  await target.listen();
  const server = await launchServer('reconnect-storm', manyServices(SERVICES, target.url(), '60s'), cpuProfDir);
  const pool = new ClientPool(PROCESSES);
  try {
    await server.ready();
    await allChecked(server.url, 40_000);
    const fdLimit = openFilesLimit(server.pid);
    // Every board is one socket, i.e. one file descriptor, in the server.
    if (fdLimit < CLIENTS + 200) console.warn(`  the server may open only ${fdLimit} files: raise \`ulimit -n\` or connections will fail`);
    const sampler = new ProcSampler(server.pid, 200);
    const clientSamplers = pool.pids.map((pid) => new ProcSampler(pid, 1_000));
    const wave = await pool.connect(server.url, CLIENTS, 40_000);
    const { peakRssMb, cpuPercent } = sampler.finish();
    const clientsCpu = clientSamplers.reduce((sum, s) => sum + s.finish().cpuPercent, 0);
    await pool.close();
    const failed = Object.values(wave.failed).reduce((a, b) => a + b, 0);
    const reasons = Object.entries(wave.failed)
      .map(([reason, n]) => `${n}× ${reason}`)
      .join('; ');
    const m = (measure: string, value: number, unit: Measure['unit'], goal?: Measure['goal']): Measure => ({
      benchmark: 'reconnect-storm',
      measure,
      value,
      unit,
      goal,
    });
    return [
      m(`${CLIENTS} clients connect at once → last has its snapshot (${SERVICES} services)`, wave.wallMs / 1_000, 's', { op: '<', limit: 10 }),
      m(`connections refused or failed${reasons ? ` (${reasons})` : ''}`, failed, 'count', { op: '<=', limit: 0 }),
      m('one client: connect start → its snapshot, p50', percentile(wave.snapshotMs, 50), 'ms'),
      m('one client: connect start → its snapshot, p99', percentile(wave.snapshotMs, 99), 'ms'),
      m('server CPU during the storm, % of one core', cpuPercent, '%'),
      m(`load-generator processes' CPU during the storm (same machine), % of one core`, clientsCpu, '%'),
      m('server RSS, peak during the storm', peakRssMb, 'MB'),
      m('server open-files limit (needs > clients + checks)', fdLimit, 'count'),
    ];
  } finally {
    await pool.close();
    await server.stop();
    await target.close();
  }
};
