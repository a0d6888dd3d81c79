import type pg from 'pg';
import { DAY_MS } from './rollup-rows';
import { inTransaction, LOCK_IN_TRANSACTION, lockName } from './postgres-pool';

/** The UTC day (days since 1970-01-01) a time falls in. */
export const dayOf = (at: number) => Math.floor(at / DAY_MS);

/** The partition of `samples` holding one UTC day: `samples_2024_03_15`. */
export const partitionName = (day: number) => `samples_${new Date(day * DAY_MS).toISOString().slice(0, 10).replaceAll('-', '_')}`;

const PARTITION_NAME = /^samples_(\d{4})_(\d{2})_(\d{2})$/;

/** The day a partition holds, or null for a table that is not one of ours. */
export function dayOfPartition(name: string): number | null {
  const match = PARTITION_NAME.exec(name);
  return match ? dayOf(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))) : null;
}

/**
 * The day partitions of `samples`: made when a day is first written (with the next
 * day's, so midnight finds its partition ready), and dropped whole when pruned. Making
 * and dropping are done under one advisory lock per schema, so two instances never
 * race on the catalog; the days known to exist are cached.
 */
export class SamplePartitions {
  private readonly known = new Set<number>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly schema: string | null,
  ) {}

  /** Makes the partitions of these days (and each next day) that this instance has not seen made. */
  async ensure(days: Iterable<number>): Promise<void> {
    const wanted = new Set<number>();
    for (const day of days) wanted.add(day).add(day + 1);
    const missing = [...wanted].filter((day) => !this.known.has(day)).sort((a, b) => a - b);
    if (missing.length === 0) return;
    // Its own transaction, before any write takes a lock on `samples`: making a partition
    // locks the parent table, and a writer holding it while waiting here could deadlock.
    await inTransaction(this.pool, async (client) => {
      await client.query(LOCK_IN_TRANSACTION, [lockName('partitions', this.schema)]);
      for (const day of missing) {
        await client.query(
          `CREATE TABLE IF NOT EXISTS ${partitionName(day)} PARTITION OF samples FOR VALUES FROM (${day * DAY_MS}) TO (${(day + 1) * DAY_MS})`,
        );
      }
    });
    for (const day of missing) this.known.add(day);
  }

  /** Forgets what it knew: another instance may have dropped a day this one thought it had. */
  forget(): void {
    this.known.clear();
  }

  /** The days that have a partition, oldest first. */
  async days(): Promise<number[]> {
    const { rows } = await this.pool.query<{ name: string }>(
      "SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'samples'::regclass",
    );
    return rows
      .map((r) => dayOfPartition(r.name))
      .filter((day): day is number => day !== null)
      .sort((a, b) => a - b);
  }

  /**
   * Deletes raw results older than `before`; how many went. A day wholly before `before`
   * goes by dropping its partition, whatever its size: no rows deleted one by one, no
   * space left to vacuum, and it costs the same for a day of a hundred results as of a
   * million. Only results of the day `before` falls in are deleted as rows, at most
   * `maxRows` of them, as the Store asks.
   */
  async prune(before: number, maxRows: number): Promise<number> {
    let dropped = 0;
    for (const day of await this.days()) {
      if ((day + 1) * DAY_MS > before) break;
      dropped += await this.drop(day);
    }
    return dropped + (await this.deleteOldest(before, maxRows));
  }

  /** Drops one day's partition; how many rows it held. */
  private async drop(day: number): Promise<number> {
    const table = partitionName(day);
    const rows = await inTransaction(this.pool, async (client) => {
      await client.query(LOCK_IN_TRANSACTION, [lockName('partitions', this.schema)]);
      const { rows: found } = await client.query<{ here: boolean }>('SELECT to_regclass($1) IS NOT NULL AS here', [table]);
      if (!found[0]!.here) return 0; // another instance dropped it first
      const { rows: counted } = await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table}`);
      await client.query(`DROP TABLE ${table}`);
      return counted[0]!.n;
    });
    this.known.delete(day);
    return rows;
  }

  /** Deletes at most `limit` of the oldest results before `before`, series by series, by the primary key. */
  private async deleteOldest(before: number, limit: number): Promise<number> {
    const { rowCount } = await this.pool.query(
      `DELETE FROM samples WHERE at < $1 AND (series, at) IN (
        SELECT x.series, x.at FROM series s
        CROSS JOIN LATERAL (SELECT series, at FROM samples WHERE series = s.id AND at < $1 ORDER BY at LIMIT $2) x
        LIMIT $2)`,
      [before, limit],
    );
    return rowCount ?? 0;
  }
}
