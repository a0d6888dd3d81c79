import { join, resolve } from 'node:path';
import { AppError } from '../errors';
import { openFailureCause, pathFacts } from './open-errors';
import { PgStore } from './postgres';
import { postgresErrorCause } from './postgres-errors';
import { parsePostgresUrl } from './postgres-url';
import { SqliteStore } from './sqlite';
import type { Store } from './store';

/** The SQLite file used when DATABASE_URL is not set: in the data directory. */
export const SQLITE_FILE_NAME = 'greenboard.db';

/**
 * Opens the store a DATABASE_URL names: `postgres://…` / `postgresql://…` for PostgreSQL,
 * `sqlite:PATH` / `file:PATH` for a SQLite file, or nothing for `greenboard.db` in the
 * data directory.
 */
export async function openStore(databaseUrl: string | undefined, dataDir = './data'): Promise<Store> {
  const url = databaseUrl?.trim() || `sqlite:${join(dataDir, SQLITE_FILE_NAME)}`;
  if (/^(sqlite|file):/.test(url)) return openSqlite(resolve(url.replace(/^(sqlite|file):(\/\/)?/, '')));
  if (/^postgres(ql)?:\/\//.test(url)) return openPostgres(url);
  throw new AppError('bad_database_url', 'DATABASE_URL must start with postgres://, sqlite: or file:');
}

/** Opens and upgrades a SQLite file; a failure names the file and the cause. */
async function openSqlite(file: string): Promise<Store> {
  let store: SqliteStore | undefined;
  try {
    store = new SqliteStore(file);
    await store.migrate();
    return store;
  } catch (error) {
    await store?.close().catch(() => undefined);
    const cause = openFailureCause(error, pathFacts(file));
    throw new AppError('store_unavailable', `cannot open the database ${file}: ${cause}`, { cause: error });
  }
}

/** Connects to PostgreSQL and upgrades its schema; a failure names the server and database and the cause, never the password. */
async function openPostgres(url: string): Promise<Store> {
  const target = parsePostgresUrl(url);
  const store = new PgStore(target);
  try {
    await store.migrate();
    return store;
  } catch (error) {
    await store.close().catch(() => undefined);
    const cause = postgresErrorCause(error, target.password);
    throw new AppError('store_unavailable', `cannot open the PostgreSQL database ${target.where}: ${cause}`, { cause: error });
  }
}
