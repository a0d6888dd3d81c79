import { join, resolve } from 'node:path';
import { AppError } from '../errors';
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
  let store: Store;
  if (/^(sqlite|file):/.test(url)) {
    store = new SqliteStore(resolve(url.replace(/^(sqlite|file):(\/\/)?/, '')));
  } else if (/^postgres(ql)?:\/\//.test(url)) {
    throw new AppError('unsupported_database', 'DATABASE_URL names PostgreSQL, which this version cannot use yet; unset it to use SQLite');
  } else {
    throw new AppError('bad_database_url', 'DATABASE_URL must start with postgres://, sqlite: or file:');
  }
  await store.migrate();
  return store;
}
