import pg from 'pg';
import { isUnreachable } from './postgres-errors';

/** What runs a query: the pool, or one client inside a transaction. */
export type Sql = Pick<pg.ClientBase, 'query'>;

/**
 * BIGINT (epoch-ms times, counts, ids) read as JS numbers: times up to year 287,396 and
 * counts up to 2^53 fit exactly. Set on this pool alone, not on pg's global parsers.
 */
const types: pg.CustomTypesConfig = {
  getTypeParser: (oid, format) => (oid === pg.types.builtins.INT8 && format !== 'binary' ? Number : (pg.types.getTypeParser(oid, format) as unknown)),
};

/** A pool whose idle connections may die (a restart, a cut network) without the error reaching the process. */
export function createPool(config: pg.PoolConfig): pg.Pool {
  const pool = new pg.Pool({ ...config, types });
  // An idle client that loses its connection is dropped by the pool; the next query finds out.
  pool.on('error', () => undefined);
  return pool;
}

/**
 * Runs `work` with a connection of its own, given back after. `broken` marks it as not
 * to be used again (one that cannot roll back or unlock is gone); so does losing it.
 */
export async function withClient<T>(pool: pg.Pool, work: (client: pg.PoolClient, broken: (error: unknown) => void) => Promise<T>): Promise<T> {
  const client = await pool.connect();
  let lost: Error | undefined;
  const broken = (error: unknown) => {
    lost ??= error instanceof Error ? error : new Error(String(error));
  };
  // A connection lost while checked out fails the query in progress; its 'error' event,
  // unheard, would end the process.
  client.on('error', broken);
  try {
    return await work(client, broken);
  } finally {
    client.off('error', broken);
    client.release(lost);
  }
}

/** Runs `work` in one transaction on one connection: committed when it resolves, rolled back when it throws. */
export function inTransaction<T>(pool: pg.Pool, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
  return withClient(pool, async (client, broken) => {
    await client.query('BEGIN');
    try {
      const result = await work(client);
      await client.query('COMMIT');
      return result;
    } catch (error) {
      // A connection lost or gone silent is not asked to roll back (it would wait as long
      // again): dropped, it rolls back on the server's side.
      if (isUnreachable(error)) broken(error);
      else await client.query('ROLLBACK').catch(broken);
      throw error;
    }
  });
}

/**
 * The advisory lock of one job in one schema, as SQL taking it until the transaction
 * ends: instances sharing a schema take turns; other schemas (other tests, other
 * Greenboards on the same server) are not held up.
 */
export const LOCK_IN_TRANSACTION = 'SELECT pg_advisory_xact_lock(hashtextextended($1, 0))';

/** The name of a lock: the job and the schema it is for. */
export const lockName = (job: string, schema: string | null) => `greenboard:${job}:${schema ?? ''}`;
