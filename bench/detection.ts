import { BoardClient } from './lib/board-client';
import { percentile, sleep, type Benchmark, type Measure } from './lib/measure';
import { launchServer } from './lib/server';
import { Target } from './lib/target';

const TRIALS = 20;
const SERVICE = 'flipper';

/**
 * detection: one http check (interval 1s, failureThreshold 1) against a target we flip
 * to 503 at a random moment; time from the flip until a connected board gets the
 * `service:update` saying down. The target and the board client share this process,
 * so both ends of the interval are read from one performance.now().
 */
export const detection: Benchmark = async ({ cpuProfDir }) => {
  const target = new Target();
  await target.listen();
  const server = await launchServer(
    'detection',
    {
      services: [
        { id: SERVICE, name: 'Flipper', checks: [{ id: 'health', type: 'http', url: target.url(), interval: '1s', timeout: '900ms', failureThreshold: 1 }] },
      ],
    },
    cpuProfDir,
  );
  let board: BoardClient | undefined;
  try {
    await server.ready();
    board = await BoardClient.connect(server.url);
    if ((await board.when(SERVICE, 'up', 15_000)) === null) throw new Error('the flipper never came up');
    const samples: number[] = [];
    let missed = 0;
    for (let trial = 0; trial < TRIALS; trial += 1) {
      // A random phase against the check's 1 s grid.
      await sleep(300 + Math.random() * 1_000);
      const heard = board.when(SERVICE, 'down', 5_000);
      const flippedAt = performance.now();
      target.flip(503);
      const at = await heard;
      if (at === null) missed += 1;
      else samples.push(at - flippedAt);
      const up = board.when(SERVICE, 'up', 5_000);
      target.flip(200);
      if ((await up) === null) throw new Error('the flipper did not come back up');
    }
    const m = (measure: string, value: number, goal?: Measure['goal']): Measure => ({ benchmark: 'detection', measure, value, unit: 'ms', goal });
    return [
      m(`target flips to 503 → board gets down, p50 (${samples.length} trials)`, percentile(samples, 50)),
      m(`target flips to 503 → board gets down, p99 (= max at ${TRIALS} trials)`, percentile(samples, 99), { op: '<=', limit: 1_150 }),
      m('target flips to 503 → board gets down, max', Math.max(...samples)),
      { benchmark: 'detection', measure: 'flips never reported within 5 s', value: missed, unit: 'count', goal: { op: '<=', limit: 0 } },
    ];
  } finally {
    board?.close();
    await server.stop();
    await target.close();
  }
};
