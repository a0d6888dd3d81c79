import type Database from 'better-sqlite3';
import type { Status } from '../../shared/status';
import type { Interval } from '../uptime/model';
import type { ServiceUptimeFacts } from './store';

/**
 * When Greenboard ran (time outside every run is time nobody watched: `unknown` in
 * uptime), and when each service was first seen (time before it is not counted at all).
 */
export const UPTIME_MIGRATION = `
  CREATE TABLE runs (
    id INTEGER PRIMARY KEY,
    started_at INTEGER NOT NULL,
    alive_at INTEGER NOT NULL
  );
  CREATE INDEX runs_alive ON runs (alive_at);
  -- A service's own transitions, apart from its checks', with all uptime reads of them (no row lookups).
  CREATE INDEX transitions_service_level ON transitions (service_id, at, to_status) WHERE check_id IS NULL;
  CREATE TABLE service_first_seen (
    service_id TEXT PRIMARY KEY,
    at INTEGER NOT NULL
  );
  INSERT INTO service_first_seen (service_id, at)
    SELECT service_id, MIN(at) FROM transitions WHERE check_id IS NULL GROUP BY service_id;
  -- History from before runs were recorded was recorded by a running server: it counts as
  -- watched, from the first transition to this upgrade, rather than all unknown.
  INSERT INTO runs (started_at, alive_at)
    SELECT MIN(at), MAX(MAX(at), CAST(strftime('%s', 'now') AS INTEGER) * 1000) FROM transitions HAVING COUNT(*) > 0;
  `;

export function prepareUptimeStatements(db: Database.Database) {
  return {
    startRun: db.prepare('INSERT INTO runs (started_at, alive_at) VALUES (?, ?)'),
    runAlive: db.prepare('UPDATE runs SET alive_at = MAX(alive_at, ?) WHERE id = ?'),
    runs: db.prepare('SELECT started_at, alive_at FROM runs WHERE alive_at >= ? AND started_at <= ? ORDER BY started_at'),
    firstSeen: db.prepare('INSERT INTO service_first_seen (service_id, at) VALUES (?, ?) ON CONFLICT (service_id) DO NOTHING'),
    firstSeenOf: db.prepare('SELECT at FROM service_first_seen WHERE service_id = ?'),
    statusBefore: db.prepare('SELECT to_status FROM transitions WHERE service_id = ? AND check_id IS NULL AND at < ? ORDER BY at DESC, id DESC LIMIT 1'),
    transitionsIn: db.prepare('SELECT to_status, at FROM transitions WHERE service_id = ? AND check_id IS NULL AND at >= ? AND at < ? ORDER BY at, id').raw(),
  };
}

type UptimeStatements = ReturnType<typeof prepareUptimeStatements>;

export function runsIn(sql: UptimeStatements, from: number, to: number): Interval[] {
  return (sql.runs.all(from, to) as Array<{ started_at: number; alive_at: number }>).map((r) => ({ from: r.started_at, to: r.alive_at }));
}

export function uptimeFactsOf(sql: UptimeStatements, serviceId: string, from: number, to: number): ServiceUptimeFacts {
  const before = sql.statusBefore.get(serviceId, from) as { to_status: Status } | undefined;
  const first = sql.firstSeenOf.get(serviceId) as { at: number } | undefined;
  // Rows as arrays: a 90-day board answer reads some 60,000 of them, and objects cost a third more.
  const transitions = (sql.transitionsIn.all(serviceId, from, to) as Array<[Status, number]>).map(([to, at]) => ({ at, to }));
  return { statusBefore: before?.to_status ?? null, transitions, firstSeenAt: first?.at ?? null };
}
