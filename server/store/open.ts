import { join, resolve } from 'node:path';
import { AppError } from '../errors';
import { openFailureCause, pathFacts } from './open-errors';
import { SqliteStore } from './sqlite';
import type { Store } from './store';

/** The SQLite file used when DATABASE_URL is not set: in the data directory. */
export const SQLITE_FILE_NAME = 'greenboard.db';

/**
 * Opens the store a DATABASE_URL names: `sqlite:PATH` / `file:PATH` for a SQLite file,
 * or nothing for `greenboard.db` in the data directory.
 */
export async function openStore(databaseUrl: string | undefined, dataDir = './data'): Promise<Store> {
  const url = databaseUrl?.trim() || `sqlite:${join(dataDir, SQLITE_FILE_NAME)}`;
  if (/^(sqlite|file):/.test(url)) return openSqlite(resolve(url.replace(/^(sqlite|file):(\/\/)?/, '')));
  if (/^postgres(ql)?:\/\//.test(url)) {
    throw new AppError('unsupported_database', 'DATABASE_URL names PostgreSQL, which this version cannot use yet; unset it to use SQLite');
  }
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
