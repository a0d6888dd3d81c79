import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../server/store/sqlite';
import { startBoard, type RunningBoard } from '../helpers/board';
import { startHttpTarget, type HttpTarget } from '../helpers/targets';
import { waitFor } from '../helpers/wait';

const DAY_MS = 86_400_000;

describe('keeping history', () => {
  let target: HttpTarget;
  let board: RunningBoard;

  afterAll(async () => {
    await board?.close();
    await target?.close();
  });

  it('at start, raw results past the retention go once rolled up; status changes stay', async () => {
    target = await startHttpTarget('up');
    const dbFile = join(mkdtempSync(join(tmpdir(), 'gb-retention-')), 'greenboard.db');
    const seed = new SqliteStore(dbFile);
    await seed.migrate();
    const at = (days: number) => Date.now() - days * DAY_MS;
    const old = { at: at(40), outcome: 'failed' as const, message: 'from long ago', latencyMs: 3 };
    const recent = { at: at(2), outcome: 'degraded' as const, message: 'from this week', latencyMs: 3 };
    await seed.writeResult({
      serviceId: 'checkout',
      checkId: 'health',
      result: old,
      machine: { status: 'down', since: old.at, failures: 1, successes: 0 },
      checkTransition: { from: null, to: 'down', at: old.at },
    });
    await seed.writeResult({
      serviceId: 'checkout',
      checkId: 'health',
      result: recent,
      machine: { status: 'up', since: recent.at, failures: 0, successes: 1 },
    });
    await seed.close();

    board = await startBoard(
      `services:\n  - id: checkout\n    name: Checkout\n    checks:\n      - { id: health, type: http, url: "${target.url}/health", interval: 1h }\n`,
      { dbFile, resultRetentionMs: 30 * DAY_MS },
    );
    const window = { from: at(60), to: Date.now() + DAY_MS };
    await waitFor(async () => {
      const history = await board.store.serviceHistory('checkout', window.from, window.to, 100);
      return !history.results.some((r) => r.message === 'from long ago');
    }, 'the 40-day-old result pruned');
    const history = await board.store.serviceHistory('checkout', window.from, window.to, 100);
    expect(history.results.map((r) => r.message)).toContain('from this week');
    expect(history.transitions.map((t) => [t.to, t.at])).toContainEqual(['down', old.at]);
    // Its hour was rolled up before it went: the run is still counted there.
    const hourOf = Math.floor(old.at / 3_600_000) * 3_600_000;
    const hours = await board.store.rollups('checkout', 'hour', hourOf, hourOf + 3_600_000);
    expect(hours.filter((h) => h.checkId === 'health').map((h) => [h.at, h.rollup.runs.failed])).toEqual([[hourOf, 1]]);
  });
});
