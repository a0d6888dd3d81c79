import type Database from 'better-sqlite3';
import type { Status } from '../../shared/status';
import { encodeMinutes } from '../history/rollup-codec';
import type { Rollup } from '../history/rollup';
import { HOUR_MS } from '../history/hour-rollup';
import { OUTCOME_CODES } from './result-rows';
import { checkOfStored, DAY_MS, dayWithHour, rollupsOfRow, rowRange, storedCheck } from './rollup-rows';
import type { RollupFacts, RollupKey, RollupLevel, StoredRollup } from './store';

/**
 * Raw results kept small (a few dozen bytes each): a check's results are found by a
 * number (`series`) rather than two names, clustered by (series, time) in a table
 * without row ids, the outcome a small number (ok is 0, which SQLite stores in no bytes),
 * the response time whole tenths of a millisecond, and the message only when the run
 * was not ok (an ok result's message is kept as its check's latest). Rollups are one
 * row per series and day holding its hours, and one per series and hour holding its minutes,
each packed and deflated (see rollup-codec.ts). The service's
 * own rollups (its status time) are the series whose check is ''. Rollups are keyed by
time first: new rows are appended at the end of the table, so its pages stay full, and
pruning deletes from its start, freeing whole pages.
 */
export const HISTORY_MIGRATION = `
  CREATE TABLE series (
    id INTEGER PRIMARY KEY,
    service_id TEXT NOT NULL,
    check_id TEXT NOT NULL,
    UNIQUE (service_id, check_id)
  );
  CREATE TABLE samples (
    series INTEGER NOT NULL,
    at INTEGER NOT NULL,
    outcome INTEGER NOT NULL,
    latency INTEGER,
    message TEXT,
    details TEXT,
    PRIMARY KEY (series, at)
  ) WITHOUT ROWID;
  INSERT INTO series (service_id, check_id)
    SELECT DISTINCT service_id, check_id FROM results
    UNION SELECT service_id, check_id FROM check_state
    UNION SELECT service_id, '' FROM service_first_seen;
  INSERT OR REPLACE INTO samples (series, at, outcome, latency, message, details)
    SELECT s.id, r.at,
      -- The order of OUTCOME_CODES (result-rows.ts).
      CASE r.outcome WHEN 'ok' THEN 0 WHEN 'failed' THEN 1 WHEN 'degraded' THEN 2 WHEN 'unknown' THEN 3 ELSE 4 END,
      CAST(ROUND(r.latency_ms * 10) AS INTEGER),
      CASE WHEN r.outcome = 'ok' THEN NULL ELSE r.message END,
      r.details
    FROM results r JOIN series s ON s.service_id = r.service_id AND s.check_id = r.check_id
    ORDER BY r.id;
  DROP TABLE results;
  CREATE TABLE rollup_hours (
    day INTEGER NOT NULL,
    series INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (day, series)
  ) WITHOUT ROWID;
  CREATE TABLE rollup_minutes (
    hour INTEGER NOT NULL,
    series INTEGER NOT NULL,
    data BLOB NOT NULL,
    PRIMARY KEY (hour, series)
  ) WITHOUT ROWID;
  `;

export function prepareHistoryStatements(db: Database.Database) {
  return {
    seriesId: db.prepare('SELECT id FROM series WHERE service_id = ? AND check_id = ?').pluck(),
    addSeries: db.prepare('INSERT INTO series (service_id, check_id) VALUES (?, ?) ON CONFLICT DO NOTHING'),
    allSeries: db.prepare('SELECT id, service_id, check_id FROM series ORDER BY id'),
    seriesOf: db.prepare('SELECT id, check_id FROM series WHERE service_id = ? ORDER BY check_id'),
    insertSample: db.prepare('INSERT OR IGNORE INTO samples (series, at, outcome, latency, message, details) VALUES (?, ?, ?, ?, ?, ?)'),
    samplesNewest: db.prepare('SELECT at, outcome, latency, message, details FROM samples WHERE series = ? AND at BETWEEN ? AND ? ORDER BY at DESC LIMIT ?'),
    samplesIn: db.prepare('SELECT at, outcome, latency FROM samples WHERE series = ? AND at >= ? AND at < ? ORDER BY at'),
    oldestSample: db.prepare('SELECT at FROM samples WHERE series = ? ORDER BY at LIMIT 1').pluck(),
    pruneSamples: db.prepare(
      'DELETE FROM samples WHERE series = @series AND at IN (SELECT at FROM samples WHERE series = @series AND at < @before ORDER BY at LIMIT @limit)',
    ),
    seriesStatusBefore: db
      .prepare('SELECT to_status FROM transitions WHERE service_id = ? AND check_id IS ? AND at < ? ORDER BY at DESC, id DESC LIMIT 1')
      .pluck(),
    seriesTransitionsIn: db.prepare('SELECT to_status, at FROM transitions WHERE service_id = ? AND check_id IS ? AND at >= ? AND at < ? ORDER BY at, id'),
    firstTransition: db.prepare('SELECT MIN(at) FROM transitions WHERE service_id = ? AND check_id IS ?').pluck(),
    dayOf: db.prepare('SELECT data FROM rollup_hours WHERE day = ? AND series = ?').pluck(),
    putDay: db.prepare('INSERT OR REPLACE INTO rollup_hours (day, series, data) VALUES (?, ?, ?)'),
    putMinutes: db.prepare('INSERT OR REPLACE INTO rollup_minutes (hour, series, data) VALUES (?, ?, ?)'),
    // One look-up per day or hour of the window (the key is time first), walked in SQLite itself.
    daysOf: db.prepare(
      'WITH RECURSIVE d(day) AS (SELECT @from UNION ALL SELECT day + 1 FROM d WHERE day + 1 < @to) SELECT r.day AS at, r.data FROM d CROSS JOIN rollup_hours r ON r.day = d.day AND r.series = @series',
    ),
    minutesOf: db.prepare(
      'WITH RECURSIVE h(hour) AS (SELECT @from UNION ALL SELECT hour + 1 FROM h WHERE hour + 1 < @to) SELECT r.hour AS at, r.data FROM h CROSS JOIN rollup_minutes r ON r.hour = h.hour AND r.series = @series',
    ),
    pruneMinutes: db.prepare(
      'DELETE FROM rollup_minutes WHERE (hour, series) IN (SELECT hour, series FROM rollup_minutes WHERE hour < @before ORDER BY hour, series LIMIT @limit)',
    ),
    pruneDays: db.prepare(
      'DELETE FROM rollup_hours WHERE (day, series) IN (SELECT day, series FROM rollup_hours WHERE day < @before ORDER BY day, series LIMIT @limit)',
    ),
    mark: db.prepare("SELECT value FROM settings WHERE key = 'rollups.through'").pluck(),
    setMark: db.prepare("INSERT INTO settings (key, value) VALUES ('rollups.through', ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value"),
  };
}

type HistoryStatements = ReturnType<typeof prepareHistoryStatements>;

/**
 * Series ids by service and check, cached: they never change once made, and every
 * result needs one.
 */
export class SeriesIds {
  private readonly ids = new Map<string, number>();
  constructor(private readonly sql: () => HistoryStatements) {}

  /** The id of this check's series, made if it has none. */
  idOf(serviceId: string, checkId: string | null): number {
    const key = `${serviceId}\u0000${storedCheck(checkId)}`;
    let id = this.ids.get(key);
    if (id === undefined) {
      this.sql().addSeries.run(serviceId, storedCheck(checkId));
      id = this.sql().seriesId.get(serviceId, storedCheck(checkId)) as number;
      this.ids.set(key, id);
    }
    return id;
  }

  /** The id, or undefined when the check never had a series (without making one). */
  find(serviceId: string, checkId: string | null): number | undefined {
    const key = `${serviceId}\u0000${storedCheck(checkId)}`;
    const id = this.ids.get(key) ?? (this.sql().seriesId.get(serviceId, storedCheck(checkId)) as number | undefined);
    if (id !== undefined) this.ids.set(key, id);
    return id;
  }
}

export function allRollupKeys(sql: HistoryStatements): RollupKey[] {
  return (sql.allSeries.all() as Array<{ id: number; service_id: string; check_id: string }>).map((r) => ({
    serviceId: r.service_id,
    checkId: checkOfStored(r.check_id),
  }));
}

export function rollupFactsOf(sql: HistoryStatements, series: SeriesIds, key: RollupKey, from: number, to: number): RollupFacts {
  const check = key.checkId;
  const id = series.find(key.serviceId, check);
  const samples =
    check === null || id === undefined
      ? []
      : (sql.samplesIn.all(id, from, to) as Array<{ at: number; outcome: number; latency: number | null }>).map((r) => ({
          at: r.at,
          outcome: OUTCOME_CODES[r.outcome] ?? 'unknown',
          latencyTenths: r.latency,
        }));
  const transitions = (sql.seriesTransitionsIn.all(key.serviceId, check, from, to) as Array<{ to_status: Status; at: number }>).map((t) => ({
    at: t.at,
    to: t.to_status,
  }));
  return {
    ...key,
    samples,
    statusBefore: (sql.seriesStatusBefore.get(key.serviceId, check, from) as Status | undefined) ?? null,
    transitions,
    firstSeenAt: (sql.firstTransition.get(key.serviceId, check) as number | null) ?? null,
  };
}

/** Writes one series' hour: its minutes, and the hour into its day's row. */
export function putRollup(
  sql: HistoryStatements,
  series: SeriesIds,
  row: { key: RollupKey; hour: number; rollup: Rollup; minutes: ReadonlyMap<number, Rollup> },
): void {
  const id = series.idOf(row.key.serviceId, row.key.checkId);
  const { day, data } = dayWithHour(sql.dayOf.get(Math.floor(row.hour / DAY_MS), id) as Buffer | undefined, row.hour, row.rollup);
  sql.putDay.run(day, id, data);
  if (row.minutes.size > 0) sql.putMinutes.run(row.hour / HOUR_MS, id, encodeMinutes(row.minutes));
}

/** The stored rollups of a service's series over [from, to), at one level, oldest first per series. */
export function rollupsOf(sql: HistoryStatements, serviceId: string, level: RollupLevel, from: number, to: number): StoredRollup[] {
  const out: StoredRollup[] = [];
  const rows = rowRange(level, from, to);
  if (rows.to <= rows.from) return out;
  const statement = level === 'hour' ? sql.daysOf : sql.minutesOf;
  for (const s of sql.seriesOf.all(serviceId) as Array<{ id: number; check_id: string }>) {
    const series = { serviceId, checkId: checkOfStored(s.check_id) };
    for (const row of statement.all({ ...rows, series: s.id }) as Array<{ at: number; data: Buffer }>) out.push(...rollupsOfRow(level, row, series, from, to));
  }
  return out;
}
