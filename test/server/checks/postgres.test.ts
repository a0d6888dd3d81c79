import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { postgresCheck } from '../../../server/checks/postgres';
import { runCheck } from '../../../server/checks/runner';
import { checkSchema } from '../../../server/config/schema';
import { configFromYaml } from '../../helpers/config';
import { requirement } from '../../helpers/requirements';
import { closedPort, startTcpTarget } from '../../helpers/targets';
import { byTimeout } from '../../helpers/timing';
import { waitFor } from '../../helpers/wait';

const URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
/** The same server and user, with a password in the URL (trust auth on loopback ignores it). */
const SECRET = 'hunter2-pg-secret';
const withPassword = (url: string) => Object.assign(new globalThis.URL(url), { password: SECRET }).toString();

/** A client for the test itself: to see whether the server runs and what the check left behind. */
async function connect(): Promise<pg.Client | null> {
  const client = new pg.Client({ connectionString: URL, connectionTimeoutMillis: 2_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return client;
  } catch {
    client.connection.stream.destroy();
    return null;
  }
}

/** Sockets of this process still connected to `port` on loopback. */
function socketsTo(port: number): Socket[] {
  const handles = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles();
  return handles.filter((h): h is Socket => (h as Socket)?.remotePort === port && !(h as Socket).destroyed);
}

const observer = await connect();
const server = requirement('PostgreSQL', observer !== null, `no PostgreSQL at ${URL}; start it, or set TEST_POSTGRES_URL`);

const check = (fields: Record<string, unknown>) => checkSchema.parse({ id: 'db', type: 'postgres', url: URL, timeout: '2s', ...fields });

describe.skipIf(server.skip)('the postgres check against a real PostgreSQL', () => {
  afterAll(async () => {
    await observer?.end();
  });

  it('the default query is ok and says how many rows came back', async () => {
    const result = await runCheck(postgresCheck, check({}));
    expect(result).toMatchObject({ outcome: 'ok', message: 'query returned 1 row', details: { rows: 1, value: '1' } });
    expect(result.latencyMs).toBeGreaterThan(0);
  });

  it('a row count that matches is ok; one that does not is failed with both counts', async () => {
    const query = 'SELECT generate_series(1, 3)';
    expect(await runCheck(postgresCheck, check({ query, expect: { rows: 3 } }))).toMatchObject({ outcome: 'ok', message: 'query returned 3 rows' });
    expect(await runCheck(postgresCheck, check({ query, expect: { rows: '>= 1' } }))).toMatchObject({ outcome: 'ok' });
    expect(await runCheck(postgresCheck, check({ query, expect: { rows: 1 } }))).toMatchObject({ outcome: 'failed', message: 'expected 1 row, got 3' });
    const none = await runCheck(postgresCheck, check({ query: 'SELECT 1 WHERE false', expect: { rows: '> 0' } }));
    expect(none).toMatchObject({ outcome: 'failed', message: 'expected > 0 rows, got 0' });
  });

  it('a value that differs is failed with both values', async () => {
    const result = await runCheck(postgresCheck, check({ query: "SELECT 'degraded' AS status", expect: { value: 'ok' } }));
    expect(result).toMatchObject({ outcome: 'failed', message: "expected value 'ok', got 'degraded'", details: { rows: 1, value: 'degraded' } });
  });

  it('numbers, bigints and booleans compare as values, not as text', async () => {
    const count = 'SELECT count(*) FROM generate_series(1, 3)'; // bigint
    expect(await runCheck(postgresCheck, check({ query: count, expect: { value: 3 } }))).toMatchObject({ outcome: 'ok' });
    expect(await runCheck(postgresCheck, check({ query: count, expect: { value: '> 5' } }))).toMatchObject({
      outcome: 'failed',
      message: 'expected value > 5, got 3',
    });
    expect(await runCheck(postgresCheck, check({ query: 'SELECT 2.50::numeric', expect: { value: 2.5 } }))).toMatchObject({ outcome: 'ok' });
    expect(await runCheck(postgresCheck, check({ query: 'SELECT pg_is_in_recovery()', expect: { value: false } }))).toMatchObject({ outcome: 'ok' });
  });

  it('an SQL error is failed and says the query failed, without the password from the URL', async () => {
    const result = await runCheck(postgresCheck, check({ url: withPassword(URL), query: 'SELEC 1' }));
    expect(result).toEqual({ outcome: 'failed', message: 'query failed: syntax error at or near "SELEC"', latencyMs: null });
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });

  it('a database that does not exist is failed with its name', async () => {
    const url = Object.assign(new globalThis.URL(withPassword(URL)), { pathname: '/greenboard_no_such_db' }).toString();
    const result = await runCheck(postgresCheck, check({ url }));
    expect(result).toMatchObject({ outcome: 'failed', message: 'database "greenboard_no_such_db" does not exist' });
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });

  it('a user that does not exist is failed with the user named and the password nowhere', async () => {
    const url = Object.assign(new globalThis.URL(withPassword(URL)), { username: 'greenboard_nobody' }).toString();
    const result = await runCheck(postgresCheck, check({ url }));
    expect(result).toMatchObject({ outcome: 'failed', message: 'role "greenboard_nobody" does not exist' });
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });

  it('a query that would write is refused by the read-only transaction and leaves nothing behind', async () => {
    const table = `greenboard_probe_${randomUUID().slice(0, 8)}`;
    const created = await runCheck(postgresCheck, check({ query: `CREATE TABLE ${table} (x int)` }));
    expect(created).toMatchObject({ outcome: 'failed', message: 'query failed: cannot execute CREATE TABLE in a read-only transaction' });
    const escaped = await runCheck(postgresCheck, check({ query: `COMMIT; CREATE TABLE ${table} (x int)` }));
    expect(escaped).toMatchObject({ outcome: 'failed', message: 'query failed: cannot insert multiple commands into a prepared statement' });
    const left = await observer!.query('SELECT to_regclass($1) AS found', [table]);
    expect(left.rows[0].found).toBeNull();
  });

  it('a query slower than the timeout is cut, and the server stops it and drops the connection', async () => {
    const marker = `greenboard-slow-${randomUUID()}`;
    const port = Number(new globalThis.URL(URL).port || 5432);
    const before = new Set(socketsTo(port)); // the observer's
    const result = await runCheck(postgresCheck, check({ query: `SELECT pg_sleep(30) /* ${marker} */`, timeout: '300ms' }));
    expect(result).toEqual({ outcome: 'failed', message: 'timed out after 300ms', latencyMs: null });
    await waitFor(async () => {
      const sessions = await observer!.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE query LIKE $1 AND pid <> pg_backend_pid()', [
        `%${marker}%`,
      ]);
      return sessions.rows[0].n === 0;
    }, 'the slow query to be gone from the server');
    await waitFor(() => socketsTo(port).every((socket) => before.has(socket)), "the check's own connection to close");
  });
});

describe('the postgres check against broken servers', () => {
  it('a closed port is failed: connection refused', async () => {
    const result = await runCheck(postgresCheck, check({ url: `postgres://reader:${SECRET}@127.0.0.1:${await closedPort()}/orders` }));
    expect(result).toEqual({ outcome: 'failed', message: 'connection refused', latencyMs: null });
  });

  describe('a server that accepts the connection and never speaks', () => {
    let target: Awaited<ReturnType<typeof startTcpTarget>>;
    beforeAll(async () => {
      target = await startTcpTarget();
    });
    afterAll(async () => {
      await target.close();
    });

    it('is cut at the timeout, and the check leaves no socket open to it', async () => {
      const started = Date.now();
      const result = await runCheck(postgresCheck, check({ url: `postgres://reader:${SECRET}@127.0.0.1:${target.port}/orders`, timeout: '300ms' }));
      expect(Date.now() - started).toBeLessThan(byTimeout(300));
      expect(result).toEqual({ outcome: 'failed', message: 'timed out after 300ms', latencyMs: null });
      await waitFor(() => socketsTo(target.port).length === 0, 'the check to close its socket to the silent server');
    });
  });
});

describe('postgres config', () => {
  const yaml = (fields: string) => `services:\n  - id: orders\n    name: Orders\n    checks:\n      - id: db\n        type: postgres\n${fields}`;

  it('takes its URL from the environment and defaults to SELECT 1', () => {
    const config = configFromYaml(yaml('        url: ${ORDERS_DB_URL}\n'), { ORDERS_DB_URL: 'postgres://reader:pw@db:5432/orders' });
    expect(config.services[0]!.checks[0]).toMatchObject({ url: 'postgres://reader:pw@db:5432/orders', query: 'SELECT 1' });
    expect(postgresCheck.describe(check({ url: 'postgresql://reader:pw@db:6432/orders' }) as never)).toBe('PostgreSQL db:6432/orders');
  });

  it('a URL of another kind is refused at its line', () => {
    expect(() => configFromYaml(yaml('        url: mysql://db/orders\n'))).toThrow(
      'test.yaml:7: services[0].checks[0].url: expected a postgres:// or postgresql:// URL',
    );
  });

  it('a row expectation that is not a count or comparison is refused at its line', () => {
    expect(() => configFromYaml(yaml('        url: postgres://db/orders\n        expect:\n          rows: some\n'))).toThrow(
      'test.yaml:9: services[0].checks[0].expect.rows: "some" is not a row count or a comparison such as "> 0"',
    );
  });

  it('an unknown expectation is refused', () => {
    expect(() => configFromYaml(yaml('        url: postgres://db/orders\n        expect:\n          row: 1\n'))).toThrow('unknown field "row"');
  });
});
