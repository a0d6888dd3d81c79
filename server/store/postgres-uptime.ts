import type { Status } from '../../shared/status';
import type { Interval } from '../uptime/model';
import type { Sql } from './postgres-pool';
import type { ServiceUptimeFacts } from './store';

/** Begins a run of an instance; its number. */
export async function startRun(sql: Sql, at: number): Promise<number> {
  const { rows } = await sql.query<{ id: number }>('INSERT INTO runs (started_at, alive_at) VALUES ($1, $1) RETURNING id', [at]);
  return rows[0]!.id;
}

/** Moves a run's end to `at`, never back: a late write must not shorten it. */
export async function runAlive(sql: Sql, id: number, at: number): Promise<void> {
  await sql.query('UPDATE runs SET alive_at = GREATEST(alive_at, $1) WHERE id = $2', [at, id]);
}

/** The runs of every instance overlapping [from, to], oldest first. */
export async function runsIn(sql: Sql, from: number, to: number): Promise<Interval[]> {
  const { rows } = await sql.query<{ started_at: number; alive_at: number }>(
    'SELECT started_at, alive_at FROM runs WHERE alive_at >= $1 AND started_at <= $2 ORDER BY started_at, id',
    [from, to],
  );
  return rows.map((r) => ({ from: r.started_at, to: r.alive_at }));
}

/**
 * Each service's uptime facts over [from, to): its status before the window, its own
 * changes inside it, when it was first seen. Two queries, whatever the number of services.
 */
export async function uptimeFactsOf(sql: Sql, serviceIds: readonly string[], from: number, to: number): Promise<Map<string, ServiceUptimeFacts>> {
  const ids = [...new Set(serviceIds)];
  const [edges, changes] = await Promise.all([
    sql.query<{ id: string; before: Status | null; first: number | null }>(
      `SELECT k.id,
        (SELECT to_status FROM transitions t WHERE t.service_id = k.id AND coalesce(t.check_id, '') = '' AND t.at < $2 ORDER BY t.at DESC, t.id DESC LIMIT 1) AS before,
        (SELECT at FROM service_first_seen f WHERE f.service_id = k.id) AS first
       FROM unnest($1::text[]) AS k(id)`,
      [ids, from],
    ),
    sql.query<{ service_id: string; to_status: Status; at: number }>(
      `SELECT service_id, to_status, at FROM transitions
       WHERE service_id = ANY($1::text[]) AND coalesce(check_id, '') = '' AND at >= $2 AND at < $3 ORDER BY at, id`,
      [ids, from, to],
    ),
  ]);
  const facts = new Map<string, ServiceUptimeFacts>();
  for (const edge of edges.rows) facts.set(edge.id, { statusBefore: edge.before, transitions: [], firstSeenAt: edge.first });
  for (const change of changes.rows) facts.get(change.service_id)?.transitions.push({ at: change.at, to: change.to_status });
  return new Map(serviceIds.map((id) => [id, facts.get(id)!]));
}
