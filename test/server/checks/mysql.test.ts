import { randomUUID } from 'node:crypto';
import type { Socket } from 'node:net';
import { createConnection, type Connection } from 'mysql2/promise';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { mysqlCheck } from '../../../server/checks/mysql';
import { runCheck } from '../../../server/checks/runner';
import { checkSchema } from '../../../server/config/schema';
import { configFromYaml } from '../../helpers/config';
import { requirement } from '../../helpers/requirements';
import { closedPort, startTcpTarget } from '../../helpers/targets';
import { byTimeout } from '../../helpers/timing';
import { waitFor } from '../../helpers/wait';

const URL = process.env.TEST_MYSQL_URL ?? 'mysql://root@127.0.0.1:3306/test';
const SECRET = 'hunter2-mysql-secret';
const urlWith = (parts: { username?: string; password?: string; pathname?: string }) => Object.assign(new globalThis.URL(URL), parts).toString();

/** A connection for the test itself: to see whether the server runs and what the check left behind. */
async function connect(): Promise<Connection | null> {
  return createConnection({ uri: URL, connectTimeout: 2_000 }).catch(() => null);
}

/** Sockets of this process still connected to `port` on loopback. */
function socketsTo(port: number): Socket[] {
  const handles = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles();
  return handles.filter((h): h is Socket => (h as Socket)?.remotePort === port && !(h as Socket).destroyed);
}

const observer = await connect();
const server = requirement('MariaDB or MySQL', observer !== null, `no MySQL-compatible server at ${URL}; start it, or set TEST_MYSQL_URL`);

const check = (fields: Record<string, unknown>) => checkSchema.parse({ id: 'db', type: 'mysql', url: URL, timeout: '2s', ...fields });
const THREE_ROWS = 'SELECT 1 UNION ALL SELECT 2 UNION ALL SELECT 3';

describe.skipIf(server.skip)('the mysql check against a real MariaDB', () => {
  afterAll(async () => {
    await observer?.end();
  });

  it('the default query is ok and says how many rows came back', async () => {
    const result = await runCheck(mysqlCheck, check({}));
    expect(result).toMatchObject({ outcome: 'ok', message: 'query returned 1 row', details: { rows: 1, value: 1 } });
    expect(result.latencyMs).toBeGreaterThan(0);
  });

  it('a row count that matches is ok; one that does not is failed with both counts', async () => {
    expect(await runCheck(mysqlCheck, check({ query: THREE_ROWS, expect: { rows: 3 } }))).toMatchObject({ outcome: 'ok', message: 'query returned 3 rows' });
    expect(await runCheck(mysqlCheck, check({ query: THREE_ROWS, expect: { rows: '< 2' } }))).toMatchObject({
      outcome: 'failed',
      message: 'expected < 2 rows, got 3',
    });
    expect(await runCheck(mysqlCheck, check({ query: 'SELECT 1 FROM DUAL WHERE 1 = 0', expect: { rows: 1 } }))).toMatchObject({
      outcome: 'failed',
      message: 'expected 1 row, got 0',
    });
  });

  it('a value that differs is failed with both values', async () => {
    const result = await runCheck(mysqlCheck, check({ query: "SELECT 'degraded' AS status", expect: { value: 'ok' } }));
    expect(result).toMatchObject({ outcome: 'failed', message: "expected value 'ok', got 'degraded'" });
  });

  it('BIGINT counts, DECIMALs and booleans compare as values, not as text', async () => {
    const count = `SELECT COUNT(*) FROM (${THREE_ROWS}) AS t`;
    expect(await runCheck(mysqlCheck, check({ query: count, expect: { value: 3 } }))).toMatchObject({ outcome: 'ok' });
    expect(await runCheck(mysqlCheck, check({ query: count, expect: { value: '>= 5' } }))).toMatchObject({
      outcome: 'failed',
      message: 'expected value >= 5, got 3',
    });
    expect(await runCheck(mysqlCheck, check({ query: 'SELECT CAST(2.50 AS DECIMAL(5,2))', expect: { value: 2.5 } }))).toMatchObject({ outcome: 'ok' });
    expect(await runCheck(mysqlCheck, check({ query: 'SELECT 1 = 1', expect: { value: true } }))).toMatchObject({ outcome: 'ok' });
  });

  it('an SQL error is failed and says the query failed', async () => {
    const result = await runCheck(mysqlCheck, check({ query: 'SELEC 1' }));
    expect(result).toEqual({ outcome: 'failed', message: "query failed: syntax error near 'SELEC 1' at line 1", latencyMs: null });
  });

  it('a wrong password is failed with the user named and the password nowhere', async () => {
    const result = await runCheck(mysqlCheck, check({ url: urlWith({ password: SECRET }) }));
    expect(result.outcome).toBe('failed');
    expect(result.message).toMatch(/^Access denied for user '[^']+'@'[^']+' \(using password: YES\)$/);
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });

  it('a database that does not exist is failed with its name', async () => {
    const result = await runCheck(mysqlCheck, check({ url: urlWith({ pathname: '/greenboard_no_such_db' }) }));
    expect(result).toMatchObject({ outcome: 'failed', message: "Unknown database 'greenboard_no_such_db'" });
  });

  it('a query that would write is refused by the read-only session and leaves nothing behind', async () => {
    const table = `greenboard_probe_${randomUUID().slice(0, 8)}`;
    const created = await runCheck(mysqlCheck, check({ query: `CREATE TABLE ${table} (x int)` }));
    expect(created).toMatchObject({ outcome: 'failed', message: 'query failed: Cannot execute statement in a READ ONLY transaction' });
    const chained = await runCheck(mysqlCheck, check({ query: `SET SESSION TRANSACTION READ WRITE; CREATE TABLE ${table} (x int)` }));
    expect(chained.outcome).toBe('failed');
    expect(chained.message).toMatch(/^query failed: syntax error near 'CREATE TABLE/);
    const [rows] = await observer!.query('SELECT COUNT(*) AS n FROM information_schema.TABLES WHERE TABLE_NAME = ?', [table]);
    expect(rows).toEqual([{ n: 0 }]);
  });

  it('a query slower than the timeout is cut, and the server stops it and drops the connection', async () => {
    const marker = `greenboard-slow-${randomUUID()}`;
    const port = Number(new globalThis.URL(URL).port || 3306);
    const before = new Set(socketsTo(port)); // the observer's
    const result = await runCheck(mysqlCheck, check({ query: `SELECT BENCHMARK(10000000000, MD5('x')) /* ${marker} */`, timeout: '300ms' }));
    expect(result).toEqual({ outcome: 'failed', message: 'timed out after 300ms', latencyMs: null });
    await waitFor(async () => {
      const [rows] = await observer!.query('SELECT COUNT(*) AS n FROM information_schema.PROCESSLIST WHERE INFO LIKE ? AND ID <> CONNECTION_ID()', [
        `%${marker}%`,
      ]);
      return (rows as Array<{ n: number }>)[0]?.n === 0;
    }, 'the slow query to be gone from the server');
    await waitFor(() => socketsTo(port).every((socket) => before.has(socket)), "the check's own connection to close");
  });
});

describe('the mysql check against broken servers', () => {
  it('a closed port is failed: connection refused', async () => {
    const result = await runCheck(mysqlCheck, check({ url: `mysql://reader:${SECRET}@127.0.0.1:${await closedPort()}/orders` }));
    expect(result).toEqual({ outcome: 'failed', message: 'connection refused', latencyMs: null });
  });

  describe('a server that accepts the connection and never greets', () => {
    let target: Awaited<ReturnType<typeof startTcpTarget>>;
    beforeAll(async () => {
      target = await startTcpTarget();
    });
    afterAll(async () => {
      await target.close();
    });

    it('is cut at the timeout, and the check leaves no socket open to it', async () => {
      const started = Date.now();
      const result = await runCheck(mysqlCheck, check({ url: `mysql://reader:${SECRET}@127.0.0.1:${target.port}/orders`, timeout: '300ms' }));
      expect(Date.now() - started).toBeLessThan(byTimeout(300));
      expect(result).toEqual({ outcome: 'failed', message: 'timed out after 300ms', latencyMs: null });
      await waitFor(() => socketsTo(target.port).length === 0, 'the check to close its socket to the silent server');
    });
  });
});

describe('mysql config', () => {
  const yaml = (fields: string) => `services:\n  - id: orders\n    name: Orders\n    checks:\n      - id: db\n        type: mysql\n${fields}`;

  it('takes its URL from the environment and defaults to SELECT 1', () => {
    const config = configFromYaml(yaml('        url: ${ORDERS_DB_URL}\n'), { ORDERS_DB_URL: 'mysql://reader:pw@db:3306/orders?ssl=true' });
    expect(config.services[0]!.checks[0]).toMatchObject({ url: 'mysql://reader:pw@db:3306/orders?ssl=true', query: 'SELECT 1' });
    expect(mysqlCheck.describe(check({ url: 'mysql://reader:pw@db:3307/orders' }) as never)).toBe('MySQL db:3307/orders');
  });

  it('a driver option in the URL is refused, so a query cannot run several statements', () => {
    expect(() => configFromYaml(yaml('        url: mysql://db/orders?multipleStatements=true\n'))).toThrow(
      'test.yaml:7: services[0].checks[0].url: unsupported URL parameter "multipleStatements"; only ssl=true is understood',
    );
  });

  it('a URL of another kind is refused at its line', () => {
    expect(() => configFromYaml(yaml('        url: postgres://db/orders\n'))).toThrow('test.yaml:7: services[0].checks[0].url: expected a mysql:// URL');
  });
});
