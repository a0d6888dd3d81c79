import Database from 'better-sqlite3';
import type { HistoryResponse, ServiceUptimeResponse, UptimeResponse } from '../shared/api';
import { hourRollupOf } from '../server/history/hour-rollup';
import type { Rollup } from '../server/history/rollup';
import { encodeHours, encodeMinutes } from '../server/history/rollup-codec';
import { SqliteStore } from '../server/store/sqlite';
import { percentile, quickRun, type Benchmark, type Measure } from './lib/measure';
import { allChecked, launchServer, manyServices } from './lib/server';
import { Target } from './lib/target';

const SERVICES = quickRun ? 200 : 1_000;
const DAYS = 90;
const RAW_DAYS = 2;
const CHECK_EVERY_MS = 30_000;
const TIMED_REQUESTS = 10;
const DAY = 86_400_000;
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

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
  /** Bytes the raw results take in the file (their table, by page). */
  resultBytes: number;
  /** Bytes the rollups take: minutes and hours of every check and service, 90 days. */
  rollupBytes: number;
  /** Of the rollups' bytes, the share that is hours (the rest is minutes). */
  hourShare: number;
  /** Bytes everything else takes (transitions, runs, first-seen, state). */
  otherBytes: number;
}

const tableBytes = (db: Database.Database, ...tables: string[]) =>
  tables.reduce((sum, table) => sum + ((db.prepare('SELECT SUM(pgsize) FROM dbstat WHERE name = ?').pluck().get(table) as number | null) ?? 0), 0);
const fileBytes = (db: Database.Database) => (db.pragma('page_count', { simple: true }) as number) * (db.pragma('page_size', { simple: true }) as number);

interface HourTemplate {
  rollup: Rollup;
  minutes: Buffer;
}

/** Rollups of typical hours of a 30 s check answering in 20–50 ms, all up, made by the real roll-up code: hours are picked from these. */
function hourTemplates(next: () => number, count: number): HourTemplate[] {
  return Array.from({ length: count }, () => {
    const samples = Array.from({ length: 120 }, (_, i) => ({ at: i * CHECK_EVERY_MS, outcome: 'ok' as const, latencyTenths: Math.round(200 + next() * 300) }));
    const facts = { serviceId: 's', checkId: 'health', samples, statusBefore: 'up' as const, transitions: [], firstSeenAt: -1 };
    const rolled = hourRollupOf(facts, [{ from: -1, to: HOUR }], 0)!;
    return { rollup: rolled.rollup, minutes: encodeMinutes(rolled.minutes) };
  });
}

/** A service's own rollup of an hour all up: its status time only. */
function serviceTemplate(): HourTemplate {
  const facts = { serviceId: 's', checkId: null, samples: [], statusBefore: 'up' as const, transitions: [], firstSeenAt: -1 };
  const rolled = hourRollupOf(facts, [{ from: -1, to: HOUR }], 0)!;
  return { rollup: rolled.rollup, minutes: encodeMinutes(rolled.minutes) };
}

/**
 * Writes 90 days of one service's life per service straight into the store, as the
 * retention policy leaves it and in the order a running server writes it (time by time,
 * every service in turn): every transition (an outage every one to five days, lasting
 * 2–30 minutes, service and check alike), the server's runs (a restart each week, five
 * minutes unwatched), rollups of every hour for 90 days (minutes and hours, of the check
 * and of the service), and the raw results of the last two days (a 30 s check).
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
  const addSeries = db.prepare('INSERT INTO series (service_id, check_id) VALUES (?, ?) RETURNING id').pluck();
  const dayRow = db.prepare('INSERT OR REPLACE INTO rollup_hours (day, series, data) VALUES (?, ?, ?)');
  const minutesRow = db.prepare('INSERT INTO rollup_minutes (hour, series, data) VALUES (?, ?, ?)');
  const sample = db.prepare('INSERT INTO samples (series, at, outcome, latency, message, details) VALUES (?, ?, ?, ?, NULL, NULL)');
  // As the roller does: each hour its minutes, and its day's row written again with one hour more.
  const days = new Map<number, Map<number, Rollup>>();
  const rollup = (series: number, hour: number, t: HourTemplate) => {
    const day = Math.floor(hour / DAY);
    let hours = days.get(series);
    if (!hours || hour % DAY === 0) days.set(series, (hours = new Map<number, Rollup>()));
    hours.set((hour - day * DAY) / HOUR, t.rollup);
    dayRow.run(day, series, encodeHours(hours));
    minutesRow.run(hour / HOUR, series, t.minutes);
  };
  let transitions = 0;
  const series = new Map<string, { check: number; own: number }>();
  db.transaction(() => {
    for (let week = start; week < now; week += 7 * DAY) run.run(week, Math.min(now - MINUTE, week + 7 * DAY - 5 * MINUTE));
    for (const id of ids) {
      series.set(id, { check: addSeries.get(id, 'health') as number, own: addSeries.get(id, '') as number });
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
  const otherBytes = fileBytes(db);

  const templates = hourTemplates(next, 64);
  const own = serviceTemplate();
  const lastHour = Math.floor((now - 3 * MINUTE) / HOUR) * HOUR;
  for (let hour = Math.floor(start / HOUR) * HOUR; hour < lastHour; hour += HOUR) {
    db.transaction(() => {
      for (const id of ids) {
        const t = templates[Math.floor(next() * templates.length)]!;
        const s = series.get(id)!;
        rollup(s.check, hour, t);
        rollup(s.own, hour, own);
      }
    })();
  }
  db.prepare("INSERT INTO settings (key, value) VALUES ('rollups.through', ?)").run(String(lastHour));

  let results = 0;
  for (let at = now - RAW_DAYS * DAY; at < now; at += CHECK_EVERY_MS) {
    db.transaction(() => {
      for (const id of ids) {
        // Each service's check runs at its own offset in the interval, as the scheduler spreads them.
        sample.run(series.get(id)!.check, Math.round(at + (Number(id.slice(-4)) * CHECK_EVERY_MS) / SERVICES), 0, Math.round(200 + next() * 300));
        results += 1;
      }
    })();
  }
  db.pragma('wal_checkpoint(TRUNCATE)');
  const written = {
    transitions,
    results,
    resultBytes: tableBytes(db, 'samples'),
    rollupBytes: tableBytes(db, 'rollup_hours', 'rollup_minutes'),
    hourShare: tableBytes(db, 'rollup_hours') / tableBytes(db, 'rollup_hours', 'rollup_minutes'),
    otherBytes,
  };
  db.close();
  return written;
}

/**
 * Times `url`, each request with its own `run=` marker: identical questions within five
 * seconds share one answer on the server, and it is the answer's cost that is measured.
 */
async function timed(url: string): Promise<{ ms: number[]; bytes: number }> {
  const ms: number[] = [];
  let bytes = 0;
  const marked = (i: number) => `${url}${url.includes('?') ? '&' : '?'}run=${i}`;
  // One warm-up: the first answer also pays for reading the file into the page cache.
  await (await fetch(marked(-1))).arrayBuffer();
  for (let i = 0; i < TIMED_REQUESTS; i += 1) {
    const started = performance.now();
    const res = await fetch(marked(i));
    const body = await res.arrayBuffer();
    ms.push(performance.now() - started);
    if (!res.ok) throw new Error(`${url} answered ${res.status}`);
    bytes = body.byteLength;
  }
  return { ms, bytes };
}

/** Bytes of rollups one service keeps in a steady year: its minutes part as written (90 days), its hours part four times over. */
function rollupsPerYear(w: Written): number {
  const perService = w.rollupBytes / SERVICES;
  return perService * (1 - w.hourShare) + perService * w.hourShare * (365 / DAYS);
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
    // Measured in the steady state: every check has run once (their first runs are spread over the interval).
    await allChecked(server.url, 120_000);
    const all = await timed(`${server.url}/api/uptime?window=90d`);
    const sample = (await (await fetch(`${server.url}/api/uptime?window=90d`)).json()) as UptimeResponse;
    const outages = sample.services.reduce((sum, s) => sum + s.incidents, 0);
    const one = await timed(`${server.url}/api/services/service-0042/uptime?window=90d&buckets=day`);
    const days = ((await (await fetch(`${server.url}/api/services/service-0042/uptime?window=90d&buckets=day`)).json()) as ServiceUptimeResponse).days!.length;
    const from = new Date(now - DAYS * DAY).toISOString();
    const history = await timed(`${server.url}/api/services/service-0042/history?from=${from}`);
    const chart = ((await (await fetch(`${server.url}/api/services/service-0042/history?from=${from}`)).json()) as HistoryResponse).series[0]!;
    const charted = chart.buckets.reduce((sum, b) => sum + (b.runs.ok ?? 0), 0);
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
      m(
        `its 90-day chart: runs in ${chart.buckets.length} slices of ${chart.stepMs / HOUR} h (${DAYS} days of a 30 s check: ${(DAYS * 2880).toLocaleString('en')})`,
        charted,
        'count',
      ),
      m(`store: bytes per raw result (${w.results.toLocaleString('en')} results of a 30 s check, ${RAW_DAYS} days)`, w.resultBytes / w.results, 'count', {
        op: '<=',
        limit: 40,
      }),
      m(`store: rollups per service for ${DAYS} days (minutes and hours, check and service)`, w.rollupBytes / SERVICES / 1024, 'KB'),
      // A year keeps 90 days of minutes (the default) and 365 days of hours.
      m('store: rollups per service-year (90 days of minutes, a year of hours)', rollupsPerYear(w) / 1024, 'KB', { op: '<=', limit: 1024 }),
      m(`store: everything else, per service for ${DAYS} days (transitions, runs, state)`, w.otherBytes / SERVICES / 1024, 'KB'),
    ];
  } finally {
    await server.stop();
    await target.close();
  }
};
