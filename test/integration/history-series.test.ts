import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { HistoryResponse } from '../../shared/api';
import { SqliteStore } from '../../server/store/sqlite';
import { startBoard, type RunningBoard } from '../helpers/board';
import { waitFor } from '../helpers/wait';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

let board: RunningBoard | null = null;
afterEach(async () => {
  await board?.close();
  board = null;
});

/**
 * Ten days of a 5-minute check: every run 20 ms, except one failed run each day at noon
 * (UTC) answering in 900 ms, and a two-hour hole three days ago when nothing ran.
 */
async function seeded(now: number): Promise<{ dbFile: string; runs: number; failed: number; hole: { from: number; to: number } }> {
  const dbFile = join(mkdtempSync(join(tmpdir(), 'gb-history-series-')), 'greenboard.db');
  const store = new SqliteStore(dbFile);
  await store.migrate();
  const start = Math.floor((now - 10 * DAY) / HOUR) * HOUR;
  const hole = { from: Math.floor((now - 3 * DAY) / HOUR) * HOUR, to: Math.floor((now - 3 * DAY) / HOUR) * HOUR + 2 * HOUR };
  let runs = 0;
  let failed = 0;
  const writes: Array<Promise<void>> = [];
  for (let at = start; at < now - 30 * MINUTE; at += 5 * MINUTE) {
    if (at >= hole.from && at < hole.to) continue;
    const noon = new Date(at).getUTCHours() === 12 && new Date(at).getUTCMinutes() === 0;
    runs += 1;
    if (noon) failed += 1;
    writes.push(
      store.writeResult({
        serviceId: 'checkout',
        checkId: 'health',
        result: noon
          ? { at, outcome: 'failed', message: 'expected status 200, got 503', latencyMs: 900 }
          : { at, outcome: 'ok', message: 'HTTP 200', latencyMs: 20 },
        machine: { status: 'up', since: start, failures: 0, successes: 1 },
        checkTransition: at === start ? { from: null, to: 'up', at } : undefined,
        serviceTransition: at === start ? { from: null, to: 'up', at } : undefined,
      }),
    );
  }
  await Promise.all(writes);
  await store.close();
  return { dbFile, runs, failed, hole };
}

const yaml = `services:\n  - id: checkout\n    name: Checkout\n    checks:\n      - { id: health, type: tcp, host: 127.0.0.1, port: 9, interval: 1h }\n`;

describe("a service's history over a long window", () => {
  it('is complete, from rollups and raw results alike, with no slice where nothing ran', async () => {
    const now = Date.now();
    const { dbFile, runs, failed, hole } = await seeded(now);
    // The check's own first run is a day away: only the seeded history is there.
    board = await startBoard(yaml, { dbFile, maxInitialSpreadMs: DAY, resultRetentionMs: 2 * DAY });
    const store = board.store;
    await waitFor(async () => ((await store.rolledUpThrough()) ?? 0) >= Math.floor((now - 2 * MINUTE) / HOUR) * HOUR, 'every finished hour rolled up');
    // Raw results older than two days went once rolled up.
    await waitFor(async () => ((await store.oldestResult()) ?? 0) >= now - 2 * DAY - HOUR, 'old raw results pruned');

    const from = new Date(now - 10 * DAY - HOUR).toISOString();
    const res = await fetch(`${board.url}/api/services/checkout/history?from=${from}`);
    const body = (await res.json()) as HistoryResponse;
    const [series] = body.series;
    expect(series!.checkId).toBe('health');
    // Ten days at most 1,500 slices: 15 minutes each.
    expect(series!.stepMs).toBe(15 * MINUTE);
    const total = (outcome: 'ok' | 'failed') => series!.buckets.reduce((sum, b) => sum + (b.runs[outcome] ?? 0), 0);
    expect(total('ok') + total('failed')).toBe(runs);
    expect(total('failed')).toBe(failed);
    // The raw results stop two days back; the series does not.
    expect(body.results.length).toBeLessThan(runs);
    expect(series!.buckets.some((b) => Date.parse(b.at) >= hole.from && Date.parse(b.at) < hole.to)).toBe(false);
    const noon = series!.buckets.find((b) => b.runs.failed === 1)!;
    expect(noon.maxMs).toBe(900);
    expect(noon.p95Ms).toBeGreaterThan(20);
    const quiet = series!.buckets.find((b) => b.runs.failed === undefined)!;
    expect(quiet.p50Ms).toBeCloseTo(20, -0.5);
    expect(quiet.maxMs).toBe(20);

    // Ninety days: three-hour slices (an hour each would be 2,160), the same runs.
    const long = (await (await fetch(`${board.url}/api/services/checkout/history?from=${new Date(now - 90 * DAY).toISOString()}`)).json()) as HistoryResponse;
    expect(long.series[0]!.stepMs).toBe(3 * HOUR);
    expect(long.series[0]!.buckets.reduce((sum, b) => sum + (b.runs.ok ?? 0) + (b.runs.failed ?? 0), 0)).toBe(runs);
  });
});
