import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../server/store/open';
import { SqliteStore } from '../../../server/store/sqlite';
import { describeStoreContract } from './store-contract';

let file = '';
describeStoreContract('SQLite', {
  async open() {
    file = join(mkdtempSync(join(tmpdir(), 'gb-sqlite-')), 'nested', 'greenboard.db');
    const store = new SqliteStore(file);
    await store.migrate();
    return store;
  },
  async reopen() {
    const store = new SqliteStore(file);
    await store.migrate();
    return store;
  },
});

describe('choosing a store from DATABASE_URL', () => {
  it('sqlite:PATH opens that file', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'gb-open-')), 'x.db');
    const store = await openStore(`sqlite:${path}`);
    expect(store).toBeInstanceOf(SqliteStore);
    expect((store as SqliteStore).file).toBe(path);
    await store.close();
  });

  it('without a URL, greenboard.db in the data directory, made if missing', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'gb-open-')), 'data');
    const store = await openStore(undefined, dataDir);
    expect((store as SqliteStore).file).toBe(join(dataDir, 'greenboard.db'));
    expect(existsSync(join(dataDir, 'greenboard.db'))).toBe(true);
    await store.close();
  });

  it('a postgres URL is refused with a clear message that does not echo the URL', async () => {
    const attempt = openStore('postgres://admin:hunter2@127.0.0.1/gb');
    await expect(attempt).rejects.toThrow(/PostgreSQL/);
    await expect(attempt).rejects.not.toThrow(/hunter2/);
  });

  it('an unknown scheme is refused', async () => {
    await expect(openStore('mysql://127.0.0.1/gb')).rejects.toThrow(/DATABASE_URL must start with/);
  });
});
