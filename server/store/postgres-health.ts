import { setImmediate } from 'node:timers';
import type pg from 'pg';
import type { Sql } from './postgres-pool';
import { pgText } from './postgres-results';
import { sourceHealthFromRow, type SourceHealthRow } from './result-rows';
import type { StoredSourceHealth } from './store';

type Waiter = (error?: Error) => void;

/**
 * Sources' health, saved like results: what is saved in one turn of the event loop goes
 * in one statement, a source's latest replacing its earlier, each batch after the one before.
 */
export class SourceHealthWrites {
  private queued = new Map<string, { health: StoredSourceHealth; waiting: Waiter[] }>();
  private writing: Promise<void> = Promise.resolve();

  constructor(private readonly pool: pg.Pool) {}

  submit(health: StoredSourceHealth): Promise<void> {
    return new Promise((resolve, reject) => {
      const waiting = this.queued.get(health.sourceId)?.waiting ?? [];
      waiting.push((error) => (error === undefined ? resolve() : reject(error)));
      this.queued.set(health.sourceId, { health, waiting });
      if (this.queued.size === 1 && waiting.length === 1) setImmediate(() => void this.flush());
    });
  }

  /** Writes what is queued, after the batch in progress; resolves when both are done (never rejects: the waiters hear). */
  flush(): Promise<void> {
    const batch = [...this.queued.values()];
    this.queued = new Map();
    if (batch.length > 0) {
      this.writing = this.writing.then(async () => {
        let failure: Error | undefined;
        try {
          await upsertSourceHealth(
            this.pool,
            batch.map((q) => q.health),
          );
        } catch (error) {
          failure = error instanceof Error ? error : new Error(String(error));
        }
        for (const q of batch) for (const done of q.waiting) done(failure);
      });
    }
    return this.writing;
  }
}

async function upsertSourceHealth(sql: Sql, batch: readonly StoredSourceHealth[]): Promise<void> {
  await sql.query(
    `INSERT INTO source_health (source_id, last_received_at, received, errors, last_error, last_error_at)
     SELECT * FROM unnest($1::text[], $2::bigint[], $3::bigint[], $4::bigint[], $5::text[], $6::bigint[])
     ON CONFLICT (source_id) DO UPDATE SET last_received_at = excluded.last_received_at, received = excluded.received,
     errors = excluded.errors, last_error = excluded.last_error, last_error_at = excluded.last_error_at`,
    [
      batch.map((h) => h.sourceId),
      batch.map((h) => h.lastReceivedAt),
      batch.map((h) => h.received),
      batch.map((h) => h.errors),
      batch.map((h) => (h.lastError === null ? null : pgText(h.lastError))),
      batch.map((h) => h.lastErrorAt),
    ],
  );
}

/** The saved health of every source, by id. */
export async function loadSourceHealth(sql: Sql): Promise<StoredSourceHealth[]> {
  const { rows } = await sql.query<SourceHealthRow>('SELECT * FROM source_health ORDER BY source_id');
  return rows.map(sourceHealthFromRow);
}
