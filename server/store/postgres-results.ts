import type pg from 'pg';
import { dayOf, type SamplePartitions } from './postgres-partitions';
import { inTransaction, type Sql } from './postgres-pool';
import type { PgSeries } from './postgres-series';
import { latencyTenths, outcomeCode } from './result-rows';
import type { ResultWrite, RollupKey, Transition } from './store';

/** One write of history, in the order it was made: a result with what it changed, or a service's status change no result caused. */
export type HistoryWrite = { kind: 'result'; write: ResultWrite } | { kind: 'service'; serviceId: string; transition: Transition };

/** PostgreSQL text cannot hold the NUL character; a check's message may (a banner, a binary answer). */
export const pgText = (text: string) => (text.includes('\u0000') ? text.replaceAll('\u0000', '\uFFFD') : text);

interface SampleInsert {
  series: number;
  at: number;
  outcome: number;
  latency: number | null;
  message: string | null;
  details: string | null;
}

/** The rows a batch of writes makes, as columns for unnest: one statement per table, whatever the batch's size. */
export interface BatchRows {
  samples: SampleInsert[];
  /** Each check's newest state in the batch (one upsert may not touch a row twice). */
  checks: Array<[string, string, string, number | null, number, number, number, string, string, number | null, string | null]>;
  /** Every status change, in order. */
  transitions: Array<[string, string | null, string | null, string, number]>;
  /** Each service's newest status in the batch. */
  services: Array<[string, string, number]>;
  /** Each service's first status change in the batch. */
  firstSeen: Array<[string, number]>;
}

/** The series a batch writes to: each result's check, and the service's own for each service change. */
export function seriesOfBatch(batch: readonly HistoryWrite[]): RollupKey[] {
  return batch.flatMap((w): RollupKey[] => {
    if (w.kind === 'service') return [{ serviceId: w.serviceId, checkId: null }];
    const check = { serviceId: w.write.serviceId, checkId: w.write.checkId };
    return w.write.serviceTransition ? [check, { serviceId: w.write.serviceId, checkId: null }] : [check];
  });
}

/** The rows of a batch, later writes of one check or service replacing earlier ones as they would one by one. Pure. */
export function rowsOfBatch(batch: readonly HistoryWrite[], seriesId: (serviceId: string, checkId: string | null) => number): BatchRows {
  const samples: SampleInsert[] = [];
  const checks = new Map<string, BatchRows['checks'][number]>();
  const transitions: BatchRows['transitions'] = [];
  const services = new Map<string, BatchRows['services'][number]>();
  const firstSeen = new Map<string, BatchRows['firstSeen'][number]>();
  const serviceChange = (serviceId: string, t: Transition) => {
    services.set(serviceId, [serviceId, t.to, t.at]);
    transitions.push([serviceId, null, t.from, t.to, t.at]);
    if (!firstSeen.has(serviceId)) firstSeen.set(serviceId, [serviceId, t.at]);
  };
  for (const item of batch) {
    if (item.kind === 'service') {
      serviceChange(item.serviceId, item.transition);
      continue;
    }
    const { serviceId, checkId, result: r, machine: m } = item.write;
    const details = r.details ? JSON.stringify(r.details) : null;
    const ok = r.outcome === 'ok';
    const message = pgText(r.message);
    // An ok result keeps neither message nor details: its check's state has them, as its latest.
    samples.push({
      series: seriesId(serviceId, checkId),
      at: r.at,
      outcome: outcomeCode(r.outcome),
      latency: latencyTenths(r.latencyMs),
      message: ok ? null : message,
      details: ok ? null : details,
    });
    checks.set(`${serviceId}\u0000${checkId}`, [
      serviceId,
      checkId,
      m.status,
      m.since,
      m.failures,
      m.successes,
      r.at,
      r.outcome,
      message,
      r.latencyMs,
      details,
    ]);
    if (item.write.checkTransition) {
      const t = item.write.checkTransition;
      transitions.push([serviceId, checkId, t.from, t.to, t.at]);
    }
    if (item.write.serviceTransition) serviceChange(serviceId, item.write.serviceTransition);
  }
  return { samples, checks: [...checks.values()], transitions, services: [...services.values()], firstSeen: [...firstSeen.values()] };
}

/** Rows as columns: unnest takes one array per column. */
const columnsOf = <Row extends unknown[]>(rows: readonly Row[], width: number): unknown[][] =>
  Array.from({ length: width }, (_, i) => rows.map((row) => row[i]));

const sampleKey = (series: number, at: number) => `${series}:${at}`;

/**
 * Moves each sample whose (series, millisecond) is taken to the next free millisecond,
 * in order, as SQLite does: two pushes of one check in the same millisecond are both
 * kept, the second a millisecond later. `taken` grows with the places given. Pure.
 */
export function spreadSamples(samples: readonly SampleInsert[], taken: Set<string>): SampleInsert[] {
  return samples.map((sample) => {
    let at = sample.at;
    while (taken.has(sampleKey(sample.series, at))) at++;
    taken.add(sampleKey(sample.series, at));
    return at === sample.at ? sample : { ...sample, at };
  });
}

/** Inserts samples; those whose millisecond another write took already move on by one, until all are in. */
async function insertSamples(client: Sql, samples: readonly SampleInsert[]): Promise<void> {
  const taken = new Set<string>();
  let pending = spreadSamples(samples, taken);
  while (pending.length > 0) {
    const { rows } = await client.query<{ series: number; at: number }>(
      `INSERT INTO samples (series, at, outcome, latency, message, details)
       SELECT * FROM unnest($1::int[], $2::bigint[], $3::smallint[], $4::int[], $5::text[], $6::text[])
       ON CONFLICT (series, at) DO NOTHING RETURNING series, at`,
      [
        pending.map((s) => s.series),
        pending.map((s) => s.at),
        pending.map((s) => s.outcome),
        pending.map((s) => s.latency),
        pending.map((s) => s.message),
        pending.map((s) => s.details),
      ],
    );
    if (rows.length === pending.length) return;
    const written = new Set(rows.map((r) => sampleKey(r.series, r.at)));
    pending = spreadSamples(
      pending.filter((s) => !written.has(sampleKey(s.series, s.at))),
      taken,
    );
  }
}

/** Writes a batch's rows; run inside one transaction. */
async function writeRows(client: Sql, rows: BatchRows): Promise<void> {
  if (rows.samples.length > 0) await insertSamples(client, rows.samples);
  if (rows.checks.length > 0) {
    await client.query(
      `INSERT INTO check_state (service_id, check_id, status, since, failures, successes, last_at, last_outcome, last_message, last_latency_ms, last_details)
       SELECT * FROM unnest($1::text[], $2::text[], $3::text[], $4::bigint[], $5::bigint[], $6::bigint[], $7::bigint[], $8::text[], $9::text[], $10::float8[], $11::text[])
       ON CONFLICT (service_id, check_id) DO UPDATE SET status = excluded.status, since = excluded.since, failures = excluded.failures,
       successes = excluded.successes, last_at = excluded.last_at, last_outcome = excluded.last_outcome, last_message = excluded.last_message,
       last_latency_ms = excluded.last_latency_ms, last_details = excluded.last_details`,
      columnsOf(rows.checks, 11),
    );
  }
  if (rows.transitions.length > 0) {
    // In the order given: of two changes at one instant, the one made first reads first.
    await client.query(
      `INSERT INTO transitions (service_id, check_id, from_status, to_status, at)
       SELECT s, c, f, t, a FROM unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::bigint[]) WITH ORDINALITY AS x(s, c, f, t, a, n) ORDER BY n`,
      columnsOf(rows.transitions, 5),
    );
  }
  if (rows.services.length > 0) {
    await client.query(
      `INSERT INTO service_state (service_id, status, since) SELECT * FROM unnest($1::text[], $2::text[], $3::bigint[])
       ON CONFLICT (service_id) DO UPDATE SET status = excluded.status, since = excluded.since`,
      columnsOf(rows.services, 3),
    );
  }
  if (rows.firstSeen.length > 0) {
    await client.query(
      'INSERT INTO service_first_seen (service_id, at) SELECT * FROM unnest($1::text[], $2::bigint[]) ON CONFLICT (service_id) DO NOTHING',
      columnsOf(rows.firstSeen, 2),
    );
  }
}

/** What writing history needs. */
export interface HistoryWriting {
  pool: pg.Pool;
  series: PgSeries;
  partitions: SamplePartitions;
}

/** A write into a day that has no partition: another instance dropped one this one thought it had. */
const noPartition = (error: unknown) => (error as { code?: string }).code === '23514' && /no partition/i.test((error as Error).message);

/** Writes a batch of history in one transaction: the series and day partitions it needs first, then one statement per table. */
export async function writeHistoryBatch(to: HistoryWriting, batch: readonly HistoryWrite[]): Promise<void> {
  await to.series.ensure(to.pool, seriesOfBatch(batch));
  const rows = rowsOfBatch(batch, (serviceId, checkId) => to.series.idOf(serviceId, checkId)!);
  const days = rows.samples.map((s) => dayOf(s.at));
  await to.partitions.ensure(days);
  try {
    await inTransaction(to.pool, (client) => writeRows(client, rows));
  } catch (error) {
    if (!noPartition(error)) throw error;
    to.partitions.forget();
    await to.partitions.ensure(days);
    await inTransaction(to.pool, (client) => writeRows(client, rows));
  }
}
