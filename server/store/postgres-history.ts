import type pg from 'pg';
import type { Status } from '../../shared/status';
import { encodeMinutes } from '../history/rollup-codec';
import { HOUR_MS } from '../history/hour-rollup';
import { inTransaction, LOCK_IN_TRANSACTION, lockName, type Sql } from './postgres-pool';
import type { PgSeries } from './postgres-series';
import { OUTCOME_CODES, newestResults, sampleResult, storedResult, type ResultRow, type SampleRow } from './result-rows';
import { checkOfStored, DAY_MS, dayWithHour, rollupsOfRow, rowRange, storedCheck } from './rollup-rows';
import type { HourRollup, RollupFacts, RollupKey, RollupLevel, ServiceHistory, StoredRollup } from './store';

/** A service's results and transitions in [from, to] (the newest `limit` results) and each check's newest result. */
export async function serviceHistoryOf(sql: Sql, serviceId: string, from: number, to: number, limit: number): Promise<ServiceHistory> {
  const [results, transitions, latest] = await Promise.all([
    limit <= 0
      ? []
      : sql
          .query<SampleRow & { check_id: string }>(
            `SELECT s.check_id, x.at, x.outcome, x.latency, x.message, x.details FROM series s
             CROSS JOIN LATERAL (SELECT at, outcome, latency, message, details FROM samples
               WHERE series = s.id AND at BETWEEN $2 AND $3 ORDER BY at DESC LIMIT $4) x
             WHERE s.service_id = $1 AND s.check_id <> ''`,
            [serviceId, from, to, limit],
          )
          .then(({ rows }) =>
            newestResults(
              rows.map((r) => sampleResult(r.check_id, r)),
              limit,
            ),
          ),
    sql
      .query<{ check_id: string | null; from_status: Status | null; to_status: Status; at: number }>(
        'SELECT check_id, from_status, to_status, at FROM transitions WHERE service_id = $1 AND at BETWEEN $2 AND $3 ORDER BY at, id',
        [serviceId, from, to],
      )
      .then(({ rows }) => rows.map((r) => ({ checkId: r.check_id, from: r.from_status, to: r.to_status, at: r.at }))),
    sql
      .query<ResultRow>(
        `SELECT check_id, last_at AS at, last_outcome AS outcome, last_latency_ms AS latency_ms, last_message AS message, last_details AS details
         FROM check_state WHERE service_id = $1 AND last_at IS NOT NULL ORDER BY check_id`,
        [serviceId],
      )
      .then(({ rows }) => rows.map(storedResult)),
  ]);
  return { results, transitions, latest };
}

/** Every series with history, oldest first. */
export async function allRollupKeys(sql: Sql): Promise<RollupKey[]> {
  const { rows } = await sql.query<{ service_id: string; check_id: string }>('SELECT service_id, check_id FROM series ORDER BY id');
  return rows.map((r) => ({ serviceId: r.service_id, checkId: checkOfStored(r.check_id) }));
}

/** What each series' rollups over [from, to) are worked out from: three queries, whatever the number of keys. */
export async function rollupFactsOf(sql: Sql, series: PgSeries, keys: readonly RollupKey[], from: number, to: number): Promise<RollupFacts[]> {
  await series.find(sql, keys);
  const ids = keys.map((k) => series.idOf(k.serviceId, k.checkId)).filter((id): id is number => id !== undefined);
  const keyColumns = [keys.map((k) => k.serviceId), keys.map((k) => storedCheck(k.checkId))];
  const [samples, edges, changes] = await Promise.all([
    sql.query<{ series: number; at: number; outcome: number; latency: number | null }>(
      'SELECT series, at, outcome, latency FROM samples WHERE series = ANY($1::int[]) AND at >= $2 AND at < $3 ORDER BY series, at',
      [ids, from, to],
    ),
    sql.query<{ n: number; before: Status | null; first: number | null }>(
      `SELECT k.n,
        (SELECT to_status FROM transitions t WHERE t.service_id = k.s AND coalesce(t.check_id, '') = k.c AND t.at < $3 ORDER BY t.at DESC, t.id DESC LIMIT 1) AS before,
        (SELECT min(at) FROM transitions t WHERE t.service_id = k.s AND coalesce(t.check_id, '') = k.c) AS first
       FROM unnest($1::text[], $2::text[]) WITH ORDINALITY AS k(s, c, n)`,
      [...keyColumns, from],
    ),
    sql.query<{ service_id: string; c: string; to_status: Status; at: number }>(
      `SELECT t.service_id, coalesce(t.check_id, '') AS c, t.to_status, t.at FROM transitions t
       JOIN (SELECT DISTINCT * FROM unnest($1::text[], $2::text[]) AS k(s, c)) k ON t.service_id = k.s AND coalesce(t.check_id, '') = k.c
       WHERE t.at >= $3 AND t.at < $4 ORDER BY t.at, t.id`,
      [...keyColumns, from, to],
    ),
  ]);
  const bySeries = groupBy(samples.rows, (r) => String(r.series));
  const changesOf = groupBy(changes.rows, (r) => `${r.service_id}\u0000${r.c}`);
  const edgeOf = new Map(edges.rows.map((r) => [r.n, r]));
  return keys.map((key, i) => {
    const id = series.idOf(key.serviceId, key.checkId);
    const edge = edgeOf.get(i + 1);
    return {
      ...key,
      samples:
        key.checkId === null || id === undefined
          ? []
          : (bySeries.get(String(id)) ?? []).map((r) => ({ at: r.at, outcome: OUTCOME_CODES[r.outcome] ?? 'unknown', latencyTenths: r.latency })),
      statusBefore: edge?.before ?? null,
      transitions: (changesOf.get(`${key.serviceId}\u0000${storedCheck(key.checkId)}`) ?? []).map((t) => ({ at: t.at, to: t.to_status })),
      firstSeenAt: edge?.first ?? null,
    };
  });
}

function groupBy<T>(items: readonly T[], keyOf: (item: T) => string): Map<string, T[]> {
  const groups = new Map<string, T[]>();
  for (const item of items) {
    const key = keyOf(item);
    const group = groups.get(key);
    if (group) group.push(item);
    else groups.set(key, [item]);
  }
  return groups;
}

/**
 * Stores whole hours of rollups in one transaction: each hour into its day's row (read,
 * changed, written back) and its minutes as the hour's row. Under an advisory lock, so
 * two instances rolling up at once cannot each write back a day without the other's hour.
 */
export async function writeRollupHours(pool: pg.Pool, series: PgSeries, schema: string | null, hours: readonly HourRollup[]): Promise<void> {
  if (hours.length === 0) return;
  // Made before the transaction: a number cached from a rolled-back one would point nowhere.
  await series.ensure(
    pool,
    hours.map((h) => h.key),
  );
  const rows = hours.map((h) => ({ ...h, id: series.idOf(h.key.serviceId, h.key.checkId)!, day: Math.floor(h.hour / DAY_MS) }));
  await inTransaction(pool, async (client) => {
    await client.query(LOCK_IN_TRANSACTION, [lockName('rollups', schema)]);
    const { rows: stored } = await client.query<{ day: number; series: number; data: Buffer }>(
      'SELECT r.day, r.series, r.data FROM rollup_hours r JOIN unnest($1::int[], $2::int[]) AS k(day, series) ON r.day = k.day AND r.series = k.series',
      [rows.map((r) => r.day), rows.map((r) => r.id)],
    );
    const days = new Map(stored.map((r) => [`${r.day}:${r.series}`, { day: r.day, series: r.series, data: r.data }]));
    const minutes = new Map<string, { hour: number; series: number; data: Buffer }>();
    for (const row of rows) {
      const key = `${row.day}:${row.id}`;
      days.set(key, { ...dayWithHour(days.get(key)?.data, row.hour, row.rollup), series: row.id });
      if (row.minutes.size > 0) minutes.set(`${row.hour}:${row.id}`, { hour: row.hour / HOUR_MS, series: row.id, data: encodeMinutes(row.minutes) });
    }
    await upsertRollups(
      client,
      'rollup_hours',
      'day',
      [...days.values()].map((d) => ({ at: d.day, series: d.series, data: d.data })),
    );
    await upsertRollups(
      client,
      'rollup_minutes',
      'hour',
      [...minutes.values()].map((m) => ({ at: m.hour, series: m.series, data: m.data })),
    );
  });
}

async function upsertRollups(
  client: Sql,
  table: 'rollup_hours' | 'rollup_minutes',
  column: 'day' | 'hour',
  rows: Array<{ at: number; series: number; data: Buffer }>,
) {
  if (rows.length === 0) return;
  await client.query(
    `INSERT INTO ${table} (${column}, series, data) SELECT * FROM unnest($1::int[], $2::int[], $3::bytea[])
     ON CONFLICT (${column}, series) DO UPDATE SET data = excluded.data`,
    [rows.map((r) => r.at), rows.map((r) => r.series), rows.map((r) => r.data)],
  );
}

/** A service's stored rollups over [from, to) at one level, oldest first per series (series by check id). */
export async function rollupsOf(sql: Sql, serviceId: string, level: RollupLevel, from: number, to: number): Promise<StoredRollup[]> {
  const range = rowRange(level, from, to);
  if (range.to <= range.from) return [];
  const [table, column] = level === 'hour' ? ['rollup_hours', 'day'] : ['rollup_minutes', 'hour'];
  const { rows } = await sql.query<{ check_id: string; at: number; data: Buffer }>(
    `SELECT s.check_id, r.${column} AS at, r.data FROM series s JOIN ${table} r ON r.series = s.id
     WHERE s.service_id = $1 AND r.${column} >= $2 AND r.${column} < $3 ORDER BY s.check_id, r.${column}`,
    [serviceId, range.from, range.to],
  );
  return rows.flatMap((row) => rollupsOfRow(level, row, { serviceId, checkId: checkOfStored(row.check_id) }, from, to));
}

/** The time of the oldest raw result: each series' oldest, found by its key, partition by partition from the oldest. */
export async function oldestSample(sql: Sql): Promise<number | null> {
  const { rows } = await sql.query<{ at: number | null }>(
    'SELECT min(x.at) AS at FROM series s CROSS JOIN LATERAL (SELECT at FROM samples WHERE series = s.id ORDER BY at LIMIT 1) x',
  );
  return rows[0]?.at ?? null;
}

/**
 * Deletes at most `limit` rollups past `before`: minutes by the hour, hours by the day,
 * each once wholly before it.
 */
export async function pruneRollups(sql: Sql, level: RollupLevel, before: number, limit: number): Promise<number> {
  const [table, column, unit] = level === 'minute' ? ['rollup_minutes', 'hour', HOUR_MS] : ['rollup_hours', 'day', DAY_MS];
  const { rowCount } = await sql.query(
    `DELETE FROM ${table} WHERE (${column}, series) IN (SELECT ${column}, series FROM ${table} WHERE ${column} < $1 ORDER BY ${column}, series LIMIT $2)`,
    [Math.floor(before / unit), limit],
  );
  return rowCount ?? 0;
}
