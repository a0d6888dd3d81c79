import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp, type Greenboard } from '../../../server/app';
import { silentLogger } from '../../../server/log';
import { PgStore } from '../../../server/store/postgres';
import { startBoard, type RunningBoard } from '../../helpers/board';
import { freshSchema, postgresRequirement, TEST_POSTGRES_URL } from '../../helpers/cluster';
import { configFromYaml } from '../../helpers/config';
import { startTcpProxy, type TcpProxy } from '../../helpers/tcp-proxy';
import { usersYaml } from './access-helpers';

const postgres = await postgresRequirement();
const yaml = `access:\n${await usersYaml()}services:\n  - { id: checkout, name: Checkout API }\n`;

/** A sign-in through the API (JSON), or through the page's form as a browser sends it. */
async function signInVia(url: string, way: 'api' | 'form', user: string, password: string): Promise<number> {
  const response =
    way === 'api'
      ? await fetch(`${url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user, password }) })
      : await fetch(`${url}/signin`, {
          method: 'POST',
          headers: { 'content-type': 'application/x-www-form-urlencoded', origin: url },
          body: new URLSearchParams({ user, password, next: '/' }),
          redirect: 'manual',
        });
  return response.status;
}

async function tries(url: string, user: string, count: number, way: 'api' | 'form' = 'api'): Promise<number[]> {
  const statuses: number[] = [];
  for (let i = 0; i < count; i++) statuses.push(await signInVia(url, way, user, 'wrong'));
  return statuses;
}

describe('the sign-in limit on one server', () => {
  let board: RunningBoard;
  beforeAll(async () => {
    board = await startBoard(yaml);
  });
  afterAll(() => board?.close());

  it('counts the form and the API together: five wrong through each, then 429 through either', async () => {
    expect(await tries(board.url, 'rita', 5, 'api')).toEqual(Array(5).fill(401));
    expect(await tries(board.url, 'rita', 5, 'form')).toEqual(Array(5).fill(401));
    expect(await signInVia(board.url, 'form', 'rita', 'pw-rita')).toBe(429);
    expect(await signInVia(board.url, 'api', 'rita', 'pw-rita')).toBe(429);
  });

  it('counts only failures against a name: signing in does not use up the tries', async () => {
    expect(await tries(board.url, 'vic', 9)).toEqual(Array(9).fill(401));
    expect(await signInVia(board.url, 'api', 'vic', 'pw-vic')).toBe(200);
    expect(await signInVia(board.url, 'form', 'vic', 'pw-vic')).toBe(303);
    // The tenth failure is still allowed; the eleventh try is not.
    expect(await tries(board.url, 'vic', 1)).toEqual([401]);
    expect(await signInVia(board.url, 'api', 'vic', 'pw-vic')).toBe(429);
  });

  it('stores no name as typed: a password typed into the name field is not kept in the clear', async () => {
    expect(await signInVia(board.url, 'api', 'hunter2-Secret!', 'wrong')).toBe(401);
    const db = new Database(board.dbFile, { readonly: true });
    try {
      const keys = (db.prepare('SELECT key FROM attempts').all() as Array<{ key: string }>).map((row) => row.key);
      expect(keys.length).toBeGreaterThan(0);
      expect(keys.filter((key) => /hunter2|127\.0\.0\.1/i.test(key))).toEqual([]);
    } finally {
      db.close();
    }
  });

  it('keeps the count across a restart of the server', async () => {
    expect(await tries(board.url, 'ada', 10)).toEqual(Array(10).fill(401));
    const dbFile = board.dbFile;
    await board.close();
    board = await startBoard(yaml, { dbFile });
    expect(await signInVia(board.url, 'api', 'ada', 'pw-ada')).toBe(429);
  });
});

describe.skipIf(postgres.skip)('the sign-in limit on several servers sharing one PostgreSQL', () => {
  let schema: Awaited<ReturnType<typeof freshSchema>>;
  let proxy: TcpProxy;
  const servers: Array<{ app: Greenboard; store: PgStore; url: string }> = [];

  /** A server on the shared schema, reaching PostgreSQL directly or through the proxy a test can cut. */
  async function startServer(throughProxy = false): Promise<(typeof servers)[number]> {
    const url = new URL(TEST_POSTGRES_URL);
    if (throughProxy) Object.assign(url, { hostname: '127.0.0.1', port: String(proxy.port) });
    url.searchParams.set('schema', schema.name);
    const store = new PgStore(url.toString());
    await store.migrate();
    const app = createApp({ config: configFromYaml(yaml), store, log: silentLogger(), maxInitialSpreadMs: 50 });
    const address = await app.listen(0);
    await app.start();
    const server = { app, store, url: `http://127.0.0.1:${address.port}` };
    servers.push(server);
    return server;
  }

  beforeAll(async () => {
    schema = await freshSchema('gb_signin');
    const target = new URL(TEST_POSTGRES_URL);
    proxy = await startTcpProxy(Number(target.port || 5432), target.hostname);
  });
  afterAll(async () => {
    for (const { app, store } of servers) {
      await app.stop();
      await store.close();
    }
    await proxy?.close();
    await schema?.drop();
  });

  it('tries spread over the servers count as one: ten wrong at a, then 429 at b even with the right password', async () => {
    const [a, b] = [await startServer(), await startServer()];
    expect(await tries(a.url, 'vic', 6)).toEqual(Array(6).fill(401));
    expect(await tries(b.url, 'vic', 4)).toEqual(Array(4).fill(401));
    expect(await signInVia(b.url, 'api', 'vic', 'pw-vic')).toBe(429);
    expect(await signInVia(a.url, 'form', 'vic', 'pw-vic')).toBe(429);
    // Another name from the same address is not locked out by it.
    expect(await signInVia(b.url, 'api', 'ada', 'pw-ada')).toBe(200);
  });

  it('with PostgreSQL out of reach, each server still limits the tries it sees', async () => {
    const cutOff = await startServer(true);
    proxy.cut();
    expect(await tries(cutOff.url, 'rita', 10)).toEqual(Array(10).fill(401));
    expect(await signInVia(cutOff.url, 'api', 'rita', 'pw-rita')).toBe(429);
    proxy.restore();
  });
});
