import { resolve } from 'node:path';
import { AppError } from '../errors';
import { SqliteStore } from './sqlite';
import type { Store } from './store';

export const DEFAULT_SQLITE_FILE = './data/greenboard.db';

/**
 * Opens the store a DATABASE_URL names: nothing or `sqlite:PATH` / `file:PATH` for a
 * SQLite file (default ./data/greenboard.db).
 */
export async function openStore(databaseUrl: string | undefined): Promise<Store> {
  const url = databaseUrl?.trim() || `sqlite:${DEFAULT_SQLITE_FILE}`;
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
