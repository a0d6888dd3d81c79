import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { afterAll, afterEach, describe, expect, it } from 'vitest';
import type { Page } from '../../../server/incidents/model';
import { openStore } from '../../../server/store/open';
import { PgStore, type PgStoreOptions } from '../../../server/store/postgres';
import { UNREACHABLE_REASON } from '../../../server/store/postgres-errors';
import { MIGRATIONS } from '../../../server/store/postgres-migrations';
import type { ResultWrite } from '../../../server/store/store';
import { requirement } from '../../helpers/requirements';
import { startTcpProxy, type TcpProxy } from '../../helpers/tcp-proxy';
import { waitFor } from '../../helpers/wait';
import { describeStoreContract } from './store-contract';

const URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** The test's own connection: to see whether the server runs, to look at what the store left, and to drop its schemas. */
async function connect(): Promise<pg.Client | null> {
  const client = new pg.Client({ connectionString: URL, connectionTimeoutMillis: 2_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return client;
  } catch {
    return null;
  }
}

const admin = await connect();
const server = requirement('PostgreSQL', admin !== null, `no PostgreSQL at ${URL}; start it, or set TEST_POSTGRES_URL`);

/** Every schema a test made, dropped at the end: tests share the database, never a schema. */
const schemas: string[] = [];
const freshSchema = () => {
  const schema = `gb_test_${randomBytes(6).toString('hex')}`;
  schemas.push(schema);
  return schema;
};

/** The test server's URL with a schema, and optionally another host and port (a proxy's) or parameters. */
function urlOf(schema: string, { port, params = {} }: { port?: number; params?: Record<string, string> } = {}): string {
  const url = new globalThis.URL(URL);
  if (port !== undefined) Object.assign(url, { hostname: '127.0.0.1', port: String(port) });
  url.searchParams.set('schema', schema);
  for (const [name, value] of Object.entries(params)) url.searchParams.set(name, value);
  return url.toString();
}

/** Rows the test reads itself, from one schema. */
async function rowsIn<T>(schema: string, sql: string, params: unknown[] = []): Promise<T[]> {
  await admin!.query(`SET search_path TO "${schema}"`);
  return (await admin!.query(sql, params)).rows as T[];
}

afterAll(async () => {
  if (!admin) return;
  for (const schema of schemas) await admin.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  await admin.end();
});

/** A store on the schema, migrated (by `instances` at once, all but one closed after). */
async function migratedStore(schema: string, instances = 1): Promise<PgStore> {
  const stores = Array.from({ length: instances }, () => new PgStore(urlOf(schema)));
  await Promise.all(stores.map((store) => store.migrate()));
  await Promise.all(stores.slice(1).map((store) => store.close()));
  return stores[0]!;
}

describe.skipIf(server.skip)('PostgreSQL', () => {
  let contractSchema = '';
  describeStoreContract('PostgreSQL', {
    open: () => migratedStore((contractSchema = freshSchema())),
    reopen: () => migratedStore(contractSchema),
  });
  // Several instances starting at once on a fresh schema leave it as one would.
  describeStoreContract('PostgreSQL, its schema migrated by five instances at once', {
    open: () => migratedStore((contractSchema = freshSchema()), 5),
    reopen: () => migratedStore(contractSchema),
  });
});

/** A result of checkout/health at `at`, changing nothing else. */
const result = (at: number, message = `run at ${at}`, overrides: Partial<ResultWrite['result']> = {}): ResultWrite => ({
  serviceId: 'checkout',
  checkId: 'health',
  result: { at, outcome: 'failed', message, latencyMs: 5, ...overrides },
  machine: { status: 'down', since: at, failures: 1, successes: 0 },
});

describe.skipIf(server.skip)('the PostgreSQL store, as several instances share it', () => {
  const open: PgStore[] = [];
  const storeOn = (url: string, options?: PgStoreOptions) => {
    const store = new PgStore(url, options);
    open.push(store);
    return store;
  };
  afterEach(async () => {
    await Promise.all(open.splice(0).map((store) => store.close()));
  });

  it('five instances starting at once on a fresh schema all migrate it; each version is applied once', async () => {
    const schema = freshSchema();
    const stores = Array.from({ length: 5 }, () => storeOn(urlOf(schema)));
    await Promise.all(stores.map((store) => store.migrate()));
    const versions = await rowsIn<{ version: number }>(schema, 'SELECT version FROM schema_migrations ORDER BY version');
    expect(versions.map((v) => v.version)).toEqual(MIGRATIONS.map((_, i) => i + 1));

    // And they work as one store: what one writes, the others read.
    await stores[0]!.writeResult({ ...result(1_000), serviceTransition: { from: null, to: 'down', at: 1_000 } });
    expect((await stores[4]!.loadState()).services).toEqual([{ serviceId: 'checkout', status: 'down', since: 1_000 }]);
    expect((await stores[2]!.serviceHistory('checkout', 0, 10_000, 10)).results.map((r) => r.message)).toEqual(['run at 1000']);
  });

  it('instances deciding at once agree: the first setting written wins, and a page is stored once', async () => {
    const schema = freshSchema();
    const stores = Array.from({ length: 5 }, () => storeOn(urlOf(schema)));
    await Promise.all(stores.map((store) => store.migrate()));
    const values = await Promise.all(stores.map((store, i) => store.setting('ack-signing-key', `key-${i}`)));
    expect(new Set(values).size).toBe(1);
    const page: Page = {
      id: 'page-1',
      incidentId: 'inc-1',
      kind: 'trigger',
      step: 'primary',
      recipient: { kind: 'person', id: 'alice', name: 'Alice' },
      channel: 'mail',
      channelType: 'email',
      route: 0,
      address: 'alice@example.com',
      status: 'pending',
      attempts: 0,
      createdAt: 1_000,
      sentAt: null,
      nextAttemptAt: null,
      lastError: null,
    };
    const stored = await Promise.all(stores.map((store, i) => store.addPage({ ...page, id: `page-${i}` })));
    expect(stored.filter(Boolean)).toHaveLength(1);
    expect(await stores[0]!.unfinishedPages()).toHaveLength(1);
  });

  it('two instances writing one check in the same millisecond both keep their result, a millisecond apart', async () => {
    const schema = freshSchema();
    const [a, b] = [storeOn(urlOf(schema)), storeOn(urlOf(schema))];
    await a.migrate();
    await b.migrate();
    await a.writeResult(result(5_000, 'from a'));
    await b.writeResult(result(5_000, 'from b'));
    await a.writeResult(result(5_000, 'from a again'));
    const { results } = await b.serviceHistory('checkout', 0, 10_000, 10);
    expect(results.map((r) => [r.at, r.message])).toEqual([
      [5_000, 'from a'],
      [5_001, 'from b'],
      [5_002, 'from a again'],
    ]);
  });
});

describe.skipIf(server.skip)('what the PostgreSQL store keeps, and how', () => {
  let schema = '';
  let store: PgStore;
  const day = (date: string) => Date.parse(`${date}T00:00:00Z`);
  const partitions = async () =>
    (
      await rowsIn<{ name: string }>(
        schema,
        "SELECT c.relname AS name FROM pg_inherits i JOIN pg_class c ON c.oid = i.inhrelid WHERE i.inhparent = 'samples'::regclass ORDER BY 1",
      )
    ).map((r) => r.name);

  afterEach(async () => {
    await store.close();
  });
  const openFresh = async (options?: PgStoreOptions) => {
    schema = freshSchema();
    store = new PgStore(urlOf(schema), options);
    await store.migrate();
  };

  it('times of today are kept to the millisecond and read back as numbers', async () => {
    await openFresh();
    const at = Date.now();
    await store.writeResult({ ...result(at), serviceTransition: { from: 'up', to: 'down', at } });
    const { results, transitions } = await store.serviceHistory('checkout', at - 1, at + 1, 10);
    expect(results[0]!.at).toBe(at);
    expect(transitions[0]!.at).toBe(at);
    expect(await store.oldestResult()).toBe(at);
    expect((await store.loadState()).services[0]!.since).toBe(at);
  });

  it('raw results go into one partition per UTC day, made as days come, and pruning drops the days wholly past', async () => {
    await openFresh();
    for (const date of ['2024-03-01', '2024-03-02', '2024-03-03']) await store.writeResult(result(day(date) + 12 * 3_600_000));
    // Each day written has its partition, and so has the day after the last: midnight finds it ready.
    expect(await partitions()).toEqual(['samples_2024_03_01', 'samples_2024_03_02', 'samples_2024_03_03', 'samples_2024_03_04']);

    expect(await store.prune('raw', day('2024-03-03') + 13 * 3_600_000, 100)).toBe(3);
    expect(await partitions()).toEqual(['samples_2024_03_03', 'samples_2024_03_04']);
    expect(await store.serviceHistory('checkout', 0, day('2024-03-05'), 10)).toMatchObject({ results: [] });
    // A result for a day already dropped (a late push) makes its partition again.
    await store.writeResult(result(day('2024-03-01') + 1_000));
    expect(await store.oldestResult()).toBe(day('2024-03-01') + 1_000);
  });

  it('a past day goes whole in one prune, however many rows it holds; rows of the day `before` falls in go a few at a time', async () => {
    await openFresh();
    for (let i = 0; i < 5; i++) await store.writeResult(result(day('2024-03-01') + i * 60_000));
    for (let i = 0; i < 3; i++) await store.writeResult(result(day('2024-03-02') + i * 60_000));
    const before = day('2024-03-02') + 3_600_000;

    expect(await store.prune('raw', before, 2)).toBe(5 + 2);
    expect(await partitions()).not.toContain('samples_2024_03_01');
    expect(await store.oldestResult()).toBe(day('2024-03-02') + 2 * 60_000);
    expect(await store.prune('raw', before, 2)).toBe(1);
    expect(await store.prune('raw', before, 2)).toBe(0);
    expect(await store.oldestResult()).toBeNull();
    expect(await partitions()).toContain('samples_2024_03_02');
  });

  it('the results written in one turn of the event loop go in one transaction; so do the sources’ health', async () => {
    await openFresh();
    await Promise.all(Array.from({ length: 50 }, (_, i) => store.writeResult({ ...result(1_000 + i), checkId: `check-${i % 5}` })));
    await Promise.all(
      ['am', 'ci', 'push'].map((sourceId) =>
        store.writeSourceHealth({ sourceId, lastReceivedAt: 1_000, received: 1, errors: 0, lastError: null, lastErrorAt: null }),
      ),
    );
    // Rows one transaction wrote share its id (xmin).
    expect(await rowsIn(schema, 'SELECT DISTINCT xmin::text FROM samples')).toHaveLength(1);
    expect(await rowsIn(schema, 'SELECT DISTINCT xmin::text FROM check_state')).toHaveLength(1);
    expect(await rowsIn(schema, 'SELECT DISTINCT xmin::text FROM source_health')).toHaveLength(1);
    expect((await store.serviceHistory('checkout', 0, 10_000, 100)).results).toHaveLength(50);
  });

  it('a write PostgreSQL refuses is rejected alone and says why; the rest of its batch is kept', async () => {
    await openFresh();
    const writes = await Promise.allSettled([
      store.writeResult(result(1_000)),
      // A response time of 3 years does not fit the column: refused by the server, not lost in the network.
      store.writeResult(result(2_000, 'absurd', { latencyMs: 1e11 })),
      store.writeResult(result(3_000)),
    ]);
    expect(writes.map((w) => w.status)).toEqual(['fulfilled', 'rejected', 'fulfilled']);
    expect(((writes[1] as PromiseRejectedResult).reason as Error).message).toMatch(/out of range/);
    expect(store.bufferedResults()).toBe(0);
    expect((await store.serviceHistory('checkout', 0, 10_000, 10)).results.map((r) => r.at)).toEqual([1_000, 3_000]);
    // Until a write succeeds again, history is said not to be saved, and why.
    await expect(store.writeResult(result(4_000, 'absurd', { latencyMs: 1e11 }))).rejects.toThrow();
    expect(store.writeProblem()?.reason).toMatch(/out of range/);
    await expect(store.ping()).rejects.toThrow(/out of range/);
    await store.writeResult(result(5_000));
    expect(store.writeProblem()).toBeNull();
  });

  it('a message with a NUL character (a binary banner) is stored, the NUL shown as a replacement character', async () => {
    await openFresh();
    await store.writeResult(result(1_000, 'got \u0000\u0001 instead of a greeting'));
    expect((await store.serviceHistory('checkout', 0, 10_000, 10)).results[0]!.message).toBe('got \uFFFD\u0001 instead of a greeting');
  });
});

describe.skipIf(server.skip)('when PostgreSQL cannot be reached', () => {
  let proxy: TcpProxy;
  let store: PgStore;
  afterEach(async () => {
    await store.close();
    await proxy.close();
  });

  /** A store that reaches the test server through a proxy the test can cut. */
  async function openBehindProxy(options?: PgStoreOptions, params?: Record<string, string>): Promise<void> {
    proxy = await startTcpProxy(Number(new globalThis.URL(URL).port || 5432), new globalThis.URL(URL).hostname);
    store = new PgStore(urlOf(freshSchema(), { port: proxy.port, params }), options);
    await store.migrate();
  }
  const messages = async () => (await store.serviceHistory('checkout', 0, 100_000, 100)).results.map((r) => r.message);

  it('results are accepted and held in memory, readiness fails with one unchanging reason, and all are written in order once it is back', async () => {
    await openBehindProxy();
    await store.writeResult(result(1_000, 'before the cut'));
    proxy.cut();

    for (let i = 1; i <= 5; i++) await store.writeResult(result(1_000 + i * 1_000, `held ${i}`));
    expect(store.bufferedResults()).toBe(5);
    expect(store.droppedResults()).toBe(0);
    const problem = store.writeProblem();
    expect(problem?.reason).toBe(UNREACHABLE_REASON);
    await expect(store.ping()).rejects.toThrow(UNREACHABLE_REASON);
    // More results held change nothing a board would announce again.
    await store.writeServiceTransition('checkout', { from: 'down', to: 'unknown', at: 7_000 });
    expect(store.writeProblem()).toEqual(problem);

    proxy.restore();
    await waitFor(() => store.writeProblem() === null, 'the held results to be written');
    expect(store.bufferedResults()).toBe(0);
    expect(await messages()).toEqual(['before the cut', 'held 1', 'held 2', 'held 3', 'held 4', 'held 5']);
    expect((await store.loadState()).services).toEqual([{ serviceId: 'checkout', status: 'unknown', since: 7_000 }]);
    await expect(store.ping()).resolves.toBeUndefined();
  });

  it('a server gone silent holds writes no longer than the query timeout, then they are held like the rest', async () => {
    await openBehindProxy({}, { query_timeout: '300' });
    await store.writeResult(result(1_000, 'before the silence'));
    proxy.stall();
    await store.writeResult(result(2_000, 'during the silence'));
    expect(store.writeProblem()?.reason).toBe(UNREACHABLE_REASON);
    expect(store.bufferedResults()).toBe(1);

    proxy.restore();
    await waitFor(() => store.writeProblem() === null, 'the held result to be written');
    expect(await messages()).toEqual(['before the silence', 'during the silence']);
  });

  it('past its bound the buffer drops the oldest and counts them', async () => {
    await openBehindProxy({ maxBufferedResults: 3 });
    proxy.cut();
    for (let i = 1; i <= 5; i++) await store.writeResult(result(i * 1_000, `held ${i}`));
    expect(store.bufferedResults()).toBe(3);
    expect(store.droppedResults()).toBe(2);

    proxy.restore();
    await waitFor(() => store.bufferedResults() === 0 && store.writeProblem() === null, 'the held results to be written');
    expect(await messages()).toEqual(['held 3', 'held 4', 'held 5']);
    expect(store.droppedResults()).toBe(2);
  });
});

describe.skipIf(server.skip)('opening PostgreSQL from DATABASE_URL', () => {
  it('a postgres:// or postgresql:// URL opens the PostgreSQL store, its schema made and migrated', async () => {
    for (const scheme of ['postgres:', 'postgresql:']) {
      const schema = freshSchema();
      const url = Object.assign(new globalThis.URL(urlOf(schema)), { protocol: scheme }).toString();
      const store = await openStore(url);
      expect(store).toBeInstanceOf(PgStore);
      expect(await rowsIn(schema, 'SELECT version FROM schema_migrations')).toHaveLength(MIGRATIONS.length);
      await store.close();
    }
  });

  it('a server that cannot be reached is named with its cause, never with the password', async () => {
    const closed = await startTcpProxy(1);
    const port = closed.port;
    await closed.close(); // a port that was just free: nothing listens there
    const attempt = openStore(`postgres://greenboard:hunter2-secret@127.0.0.1:${port}/greenboard?schema=gb`);
    await expect(attempt).rejects.toMatchObject({ code: 'store_unavailable' });
    await expect(attempt).rejects.toThrow(`cannot open the PostgreSQL database 127.0.0.1:${port}/greenboard: connection refused`);
    await expect(attempt).rejects.not.toThrow(/hunter2/);
  });
});
