import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../server/store/sqlite';
import { startBoard, type RunningBoard } from '../helpers/board';
import { waitFor } from '../helpers/wait';

const DAY_MS = 86_400_000;

/** A store holding one result of checkout's check from each of these many days ago. */
async function seededStore(daysAgo: number[]): Promise<string> {
  const dbFile = join(mkdtempSync(join(tmpdir(), 'gb-retention-config-')), 'greenboard.db');
  const seed = new SqliteStore(dbFile);
  await seed.migrate();
  for (const days of daysAgo) {
    const at = Date.now() - days * DAY_MS;
    await seed.writeResult({
      serviceId: 'checkout',
      checkId: 'health',
      result: { at, outcome: 'failed', message: `${days} days ago`, latencyMs: 3 },
      machine: { status: 'up', since: at, failures: 0, successes: 1 },
    });
  }
  await seed.close();
  return dbFile;
}

// The check never runs in the test (an hour apart, first run spread out): only the seeded results are there.
const yaml = (retention: string) =>
  `${retention}services:\n  - id: checkout\n    name: Checkout\n    checks:\n      - { id: health, type: tcp, host: 127.0.0.1, port: 9, interval: 1h }\n`;

let board: RunningBoard | null = null;
afterEach(async () => {
  await board?.close();
  board = null;
});

const messages = async () => (await board!.store.serviceHistory('checkout', 0, Date.now() + DAY_MS, 100)).results.map((r) => r.message);

describe('raw results are kept as long as the config says', () => {
  it('with retention.raw of 2 days, a result from 3 days ago goes and one from yesterday stays', async () => {
    board = await startBoard(yaml('retention: { raw: 2d }\n'), { dbFile: await seededStore([3, 1]), maxInitialSpreadMs: DAY_MS });
    await waitFor(async () => !(await messages()).includes('3 days ago'), 'the 3-day-old result pruned');
    expect(await messages()).toContain('1 days ago');
  });

  it('a retention given to the app outright wins over the config', async () => {
    board = await startBoard(yaml('retention: { raw: 2d }\n'), {
      dbFile: await seededStore([40, 3]),
      resultRetentionMs: 30 * DAY_MS,
      maxInitialSpreadMs: DAY_MS,
    });
    // Both are judged in the same pass: once the 40-day-old one is gone, the 3-day-old one was kept.
    await waitFor(async () => !(await messages()).includes('40 days ago'), 'the 40-day-old result pruned');
    expect(await messages()).toContain('3 days ago');
  });
});
