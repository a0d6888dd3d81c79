import Database from 'better-sqlite3';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { HistoryRoller } from '../../../server/history/roller';
import { silentLogger } from '../../../server/log';
import { SqliteStore } from '../../../server/store/sqlite';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;
const EVERY = 5 * MINUTE;
/** A fixed "now" on a whole hour plus a bit, so the expected rows are exact. */
const NOW = Date.UTC(2026, 11, 1, 9, 30);
const START = NOW - 365 * DAY;
const retention = { raw: 14 * DAY, minutes: 90 * DAY, hours: 180 * DAY };

let store: SqliteStore | null = null;
afterEach(async () => {
  await store?.close();
  store = null;
});

/** A year of one 5-minute check: every run ok in 20 ms but one failed each day at 03:00; the server ran all along. */
async function yearOfHistory(file: string): Promise<SqliteStore> {
  const s = new SqliteStore(file);
  await s.migrate();
  await s.startRun(START);
  const writes: Array<Promise<void>> = [];
  for (let at = START; at < NOW; at += EVERY) {
    const failed = new Date(at).getUTCHours() === 3 && new Date(at).getUTCMinutes() === 0;
    writes.push(
      s.writeResult({
        serviceId: 'checkout',
        checkId: 'health',
        result: failed ? { at, outcome: 'failed', message: 'refused', latencyMs: null } : { at, outcome: 'ok', message: 'HTTP 200', latencyMs: 20 },
        machine: { status: 'up', since: START, failures: 0, successes: 1 },
        checkTransition: at === START ? { from: null, to: 'up', at } : undefined,
        serviceTransition: at === START ? { from: null, to: 'up', at } : undefined,
      }),
    );
  }
  await Promise.all(writes);
  const [run] = await s.runs(START, NOW);
  await s.runAlive(1, NOW);
  expect(run).toBeDefined();
  return s;
}

const runsIn = (from: number, to: number) => Math.ceil((to - from) / EVERY);

describe('rolling up and pruning a year of history', () => {
  it('leaves raw results for 14 days, minutes for 90 and hours for 180, adding up to the runs they replace, in a small file', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'gb-roller-')), 'greenboard.db');
    store = await yearOfHistory(file);
    const roller = new HistoryRoller({ store, log: silentLogger(), retention: () => retention, now: () => NOW });
    await roller.pass();

    const lastWhole = Math.floor((NOW - 2 * MINUTE) / HOUR) * HOUR;
    expect(await store.rolledUpThrough()).toBe(lastWhole);
    // Raw: the last 14 days, to the run.
    expect(await store.oldestResult()).toBe(START + Math.ceil((NOW - retention.raw - START) / EVERY) * EVERY);

    // Hours: 180 days back (whole hours), each with its 12 runs, and every day's failure.
    const hourFrom = Math.floor((NOW - retention.hours) / HOUR) * HOUR;
    const hours = (await store.rollups('checkout', 'hour', 0, NOW)).filter((r) => r.checkId === 'health');
    expect(hours[0]!.at).toBe(hourFrom);
    expect(hours).toHaveLength((lastWhole - hourFrom) / HOUR);
    expect(hours.every((h) => h.rollup.runs.ok + h.rollup.runs.failed === 12)).toBe(true);
    expect(hours.reduce((n, h) => n + h.rollup.runs.failed, 0)).toBe(180);
    expect(hours.every((h) => h.rollup.statusMs.up === HOUR)).toBe(true);
    // The service's own series: its status time, hour by hour.
    const own = (await store.rollups('checkout', 'hour', 0, NOW)).filter((r) => r.checkId === null);
    expect(own).toHaveLength(hours.length);

    // Minutes: 90 days back, each with its time up, and those with a run one run each.
    const minutes = (await store.rollups('checkout', 'minute', 0, NOW)).filter((r) => r.checkId === 'health');
    const minuteFrom = Math.floor((NOW - retention.minutes) / HOUR) * HOUR;
    expect(minutes[0]!.at).toBe(minuteFrom);
    expect(minutes).toHaveLength((lastWhole - minuteFrom) / MINUTE);
    expect(minutes.every((m) => m.rollup.statusMs.up === MINUTE)).toBe(true);
    const withRuns = minutes.filter((m) => m.rollup.runs.ok + m.rollup.runs.failed > 0);
    expect(withRuns).toHaveLength(runsIn(minuteFrom, lastWhole));
    expect(withRuns.every((m) => m.rollup.runs.ok + m.rollup.runs.failed === 1)).toBe(true);

    // Size: raw results a few dozen bytes each, rollups bounded.
    const db = new Database(file, { readonly: true });
    const bytes = (table: string) => db.prepare('SELECT SUM(pgsize) FROM dbstat WHERE name = ?').pluck().get(table) as number;
    const raw = runsIn(NOW - retention.raw, NOW);
    expect(bytes('samples') / raw).toBeLessThan(40);
    // 180 days of hours and 90 of minutes, of the check and of the service (about 360 KB).
    expect(bytes('rollup_hours') + bytes('rollup_minutes')).toBeLessThan(450 * 1024);
    db.close();
  });

  it('doing hours again after a restart midway changes nothing, and a stopped roller stops', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'gb-roller-')), 'greenboard.db');
    store = await yearOfHistory(file);
    const short = { raw: 400 * DAY, minutes: 400 * DAY, hours: 400 * DAY };
    // Only the last three days, to keep it quick: as if everything older were rolled up.
    await store.setRolledUpThrough(NOW - 3 * DAY - (NOW % HOUR));
    const roller = new HistoryRoller({ store, log: silentLogger(), retention: () => short, now: () => NOW });
    await roller.pass();
    const before = await store.rollups('checkout', 'minute', NOW - 3 * DAY, NOW);
    // A restart that lost the last five hours' mark: they are rolled up again.
    const mark = (await store.rolledUpThrough())!;
    await store.setRolledUpThrough(mark - 5 * HOUR);
    await new HistoryRoller({ store, log: silentLogger(), retention: () => short, now: () => NOW }).pass();
    expect(await store.rolledUpThrough()).toBe(mark);
    expect(await store.rollups('checkout', 'minute', NOW - 3 * DAY, NOW)).toEqual(before);

    // Nothing was pruned: raw results stay for their 400 days.
    expect(await store.oldestResult()).toBe(START);
    await store.setRolledUpThrough(mark - 10 * HOUR);
    const stopped = new HistoryRoller({ store, log: silentLogger(), retention: () => short, now: () => NOW });
    await stopped.stop();
    await stopped.pass();
    expect(await store.rolledUpThrough()).toBe(mark - 10 * HOUR);
  });
});
