import { forkEntry, nextMessage, ofType } from './lib/child';
import { stopChild } from './lib/cleanup';
import { sleep, type Benchmark, type Measure } from './lib/measure';
import { peakRssMb, ProcSampler } from './lib/proc';
import { launchServer, type ServiceSpec } from './lib/server';
import type { TargetReply } from './lib/target-process';

const SERVICES = 200;
const CHECKS_PER_SERVICE = 10;
const INTERVAL_S = 10;
const SAMPLE_S = 60;

/**
 * capacity: 2,000 http checks (200 services × 10) every 10 s against a target in its own
 * process. After one interval of warm-up, the server's CPU (utime + stime) and RSS are
 * read from /proc for 60 s; the target counts the checks that actually reached it.
 */
export const capacity: Benchmark = async ({ cpuProfDir }) => {
  const target = forkEntry('target-process');
  const { port } = await nextMessage(target, ofType<Extract<TargetReply, { type: 'ready' }>>('ready'), 15_000, 'the target');
  const requests = async () => {
    const reply = nextMessage(target, ofType<Extract<TargetReply, { type: 'count' }>>('count'), 5_000, 'a count');
    target.send({ cmd: 'count' });
    return (await reply).requests;
  };

  const services: ServiceSpec[] = Array.from({ length: SERVICES }, (_, s) => ({
    id: `service-${s}`,
    name: `Service ${s}`,
    checks: Array.from({ length: CHECKS_PER_SERVICE }, (_, c) => ({
      id: `check-${c}`,
      type: 'http' as const,
      url: `http://127.0.0.1:${port}/service-${s}/check-${c}`,
      interval: `${INTERVAL_S}s`,
      timeout: '5s',
      expect: { status: 200 },
    })),
  }));
  const server = await launchServer('capacity', { services }, cpuProfDir);
  try {
    await server.ready();
    await sleep(INTERVAL_S * 1_000);
    const before = await requests();
    const sampler = new ProcSampler(server.pid);
    await sleep(SAMPLE_S * 1_000);
    const after = await requests();
    const { cpuPercent, peakRssMb: peak, medianRssMb, seconds } = sampler.finish();
    const hwm = peakRssMb(server.pid);
    const skipped = server.problems().filter((line) => line.includes('skipping this turn')).length;
    const m = (measure: string, value: number, unit: Measure['unit'], goal?: Measure['goal']): Measure => ({
      benchmark: 'capacity',
      measure,
      value,
      unit,
      goal,
    });
    const total = SERVICES * CHECKS_PER_SERVICE;
    return [
      m(`server CPU, average over ${SAMPLE_S} s, % of one core (${total} checks / ${INTERVAL_S} s)`, cpuPercent, '%', { op: '<', limit: 25 }),
      m(`server RSS, peak of samples over ${SAMPLE_S} s`, peak, 'MB', { op: '<', limit: 250 }),
      m(`server RSS, median of samples over ${SAMPLE_S} s`, medianRssMb, 'MB'),
      m('server RSS, peak since start (VmHWM)', hwm, 'MB'),
      m(`checks completed per second, counted at the target (ideal ${total / INTERVAL_S})`, (after - before) / seconds, '/s'),
      m('check turns skipped (previous run still in flight)', skipped, 'count'),
    ];
  } finally {
    await server.stop();
    await stopChild(target, 2_000);
  }
};
