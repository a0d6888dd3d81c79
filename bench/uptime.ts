import Database from 'better-sqlite3';
import type { ServiceUptimeResponse, UptimeResponse } from '../shared/api';
import { SqliteStore } from '../server/store/sqlite';
import { percentile, quickRun, type Benchmark, type Measure } from './lib/measure';
import { launchServer, manyServices } from './lib/server';
import { Target } from './lib/target';

const SERVICES = quickRun ? 200 : 1_000;
const DAYS = 90;
const RAW_DAYS = 2;
const CHECK_EVERY_MS = 30_000;
const TIMED_REQUESTS = 10;
const DAY = 86_400_000;
const MINUTE = 60_000;

/** A repeatable random sequence, so every run writes the same history. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

interface Written {
  transitions: number;
  results: number;
  /** Bytes the raw results added to the file. */
  resultBytes: number;
  /** Bytes everything but the raw results takes (transitions, runs, first-seen, state). */
  otherBytes: number;
}

const fileBytes = (db: Database.Database) => (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number);

/**
 * Writes 90 days of one service's life per service straight into the store, as the
 * retention policy leaves it: every transition (an outage every one to five days, lasting
 * 2–30 minutes, service and check alike), the server's runs (a restart each week, five
 * minutes unwatched), and the raw results of the last two days (a 30 s check).
 */
export async function writeHistory(dbFile: string, now: number): Promise<Written> {
  const store = new SqliteStore(dbFile);
  await store.migrate();
  await store.close();
  const db = new Database(dbFile);
  db.pragma('journal_mode = WAL');
  const next = random(42);
  const ids = Array.from({ length: SERVICES }, (_, i) => `service-${String(i).padStart(4, '0')}`);
  const start = now - DAYS * DAY;
  const transition = db.prepare('INSERT INTO transitions (service_id, check_id, from_status, to_status, at) VALUES (?, ?, ?, ?, ?)');
  const firstSeen = db.prepare('INSERT INTO service_first_seen (service_id, at) VALUES (?, ?)');
  const run = db.prepare('INSERT INTO runs (started_at, alive_at) VALUES (?, ?)');
  const result = db.prepare('INSERT INTO results (service_id, check_id, at, outcome, latency_ms, message, details) VALUES (?, ?, ?, ?, ?, ?, ?)');
  let transitions = 0;
  db.transaction(() => {
    for (let week = start; week < now; week += 7 * DAY) run.run(week, Math.min(now - MINUTE, week + 7 * DAY - 5 * MINUTE));
    for (const id of ids) {
      firstSeen.run(id, start);
      const both = (from: string | null, to: string, at: number) => {
        transition.run(id, null, from, to, at);
        transition.run(id, 'health', from, to, at);
        transitions += 2;
      };
      both(null, 'up', start);
      for (let at = start + DAY + next() * 4 * DAY; at < now - DAY; at += DAY + next() * 4 * DAY) {
        both('up', 'down', at);
        both('down', 'up', at + 2 * MINUTE + next() * 28 * MINUTE);
      }
    }
  })();
  const before = fileBytes(db);
  let results = 0;
  for (const id of ids) {
    db.transaction(() => {
      for (let at = now - RAW_DAYS * DAY; at < now; at += CHECK_EVERY_MS) {
        result.run(id, 'health', Math.round(at), 'ok', 20 + next() * 30, 'status 200', null);
        results += 1;
      }
    })();
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  const after = fileBytes(db);
  db.close();
  return { transitions, results, resultBytes: after - before, otherBytes: before };
}

async function timed(url: string): Promise<{ ms: number[]; bytes: number }> {
  const ms: number[] = [];
  let bytes = 0;
  // One warm-up: the first answer also pays for reading the file into the page cache.
  await (await fetch(url)).arrayBuffer();
  for (let i = 0; i < TIMED_REQUESTS; i += 1) {
    const started = performance.now();
    const res = await fetch(url);
    const body = await res.arrayBuffer();
    ms.push(performance.now() - started);
    if (!res.ok) throw new Error(`${url} answered ${res.status}`);
    bytes = body.byteLength;
  }
  return { ms, bytes };
}

/**
 * uptime: 90 days of history for 1,000 services with a 30 s check each, written straight
 * into the store before the server starts; then `GET /api/uptime?window=90d`, one
 * service's 90 days by day, and its 90-day history are timed (10 requests each after a
 * warm-up), and the store's size per raw result and per service is read from the file.
 */
export const uptime: Benchmark = async ({ cpuProfDir }) => {
  const target = new Target();
  await target.listen();
  const now = Date.now();
  let written: Written | null = null;
  const board = manyServices(SERVICES, target.url(), '30s');
  const server = await launchServer('uptime', board, cpuProfDir, {
    beforeStart: async (dbFile) => {
      written = await writeHistory(dbFile, now);
    },
  });
  try {
    await server.ready(120_000);
    const all = await timed(`${server.url}/api/uptime?window=90d`);
    const sample = (await (await fetch(`${server.url}/api/uptime?window=90d`)).json()) as UptimeResponse;
    const outages = sample.services.reduce((sum, s) => sum + s.incidents, 0);
    const one = await timed(`${server.url}/api/services/service-0042/uptime?window=90d&buckets=day`);
    const days = ((await (await fetch(`${server.url}/api/services/service-0042/uptime?window=90d&buckets=day`)).json()) as ServiceUptimeResponse).days!.length;
    const from = new Date(now - DAYS * DAY).toISOString();
    const history = await timed(`${server.url}/api/services/service-0042/history?from=${from}`);
    const w = written!;
    const m = (measure: string, value: number, unit: Measure['unit'], goal?: Measure['goal']): Measure => ({ benchmark: 'uptime', measure, value, unit, goal });
    return [
      m(`history written: ${SERVICES} services × ${DAYS} days, transitions`, w.transitions, 'count'),
      m(`GET /api/uptime?window=90d (${SERVICES} services), p50 of ${TIMED_REQUESTS}`, percentile(all.ms, 50), 'ms'),
      m('GET /api/uptime?window=90d, max', percentile(all.ms, 100), 'ms', { op: '<', limit: 200 }),
      m('GET /api/uptime?window=90d, body (uncompressed JSON)', all.bytes / 1024, 'KB'),
      m('incidents counted over the services (none were written: outages without incidents)', outages, 'count'),
      m(`GET /api/services/{id}/uptime?window=90d&buckets=day (${days} days), max`, percentile(one.ms, 100), 'ms', { op: '<', limit: 200 }),
      m("a service page's 90-day history (GET …/history), max", percentile(history.ms, 100), 'ms', { op: '<', limit: 200 }),
      m(`store: bytes per raw result (${w.results.toLocaleString('en')} results of a 30 s check, ${RAW_DAYS} days)`, w.resultBytes / w.results, 'count', {
        op: '<=',
        limit: 40,
      }),
      m(`store: everything but raw results, per service for ${DAYS} days (transitions, runs, state)`, w.otherBytes / SERVICES / 1024, 'KB'),
    ];
  } finally {
    await server.stop();
    await target.close();
  }
};
