import type { Duplex } from 'node:stream';
import type { Connection, ConnectionOptions } from 'mysql2';
import type { Connection as PromiseConnection } from 'mysql2/promise';
import { z } from 'zod';
import { judgeQuery, sqlExpectSchema } from './db-expect';
import { describeDbError, type Stage } from './db-errors';
import { watchFirstBytes, withClient, type ClientHandle, type FirstBytesVerdict } from './db-session';
import { defineCheckType, type Observation } from './types';

const URL_HINT = 'expected a mysql:// URL, e.g. mysql://reader:${DB_PASSWORD}@db:3306/orders';

// Only `ssl` is read from the URL: the driver would otherwise take any parameter as an
// option, and `multipleStatements=true` would let a query slip out of the read-only session.
const mysqlUrl = z.url({ protocol: /^(mysql|mariadb)$/, error: URL_HINT }).superRefine((raw, ctx) => {
  if (!URL.canParse(raw)) return; // already reported as not a URL
  for (const [key, value] of new URL(raw).searchParams) {
    if (key !== 'ssl') ctx.addIssue({ code: 'custom', message: `unsupported URL parameter "${key}"; only ssl=true is understood` });
    else if (value !== 'true' && value !== 'false') ctx.addIssue({ code: 'custom', message: 'ssl must be true or false' });
  }
});

const configSchema = z.strictObject({
  type: z.literal('mysql'),
  url: mysqlUrl,
  query: z.string({ error: 'expected an SQL query' }).trim().min(1, 'must not be empty').default('SELECT 1'),
  expect: sqlExpectSchema.optional(),
});

function connectionOptions(raw: string, timeoutMs: number): ConnectionOptions {
  const url = new URL(raw);
  return {
    host: url.hostname.replace(/^\[(.*)\]$/, '$1') || 'localhost',
    port: Number(url.port || 3306),
    user: decodeURIComponent(url.username) || undefined,
    password: decodeURIComponent(url.password) || undefined,
    database: decodeURIComponent(url.pathname.slice(1)) || undefined,
    // The driver checks the certificate's chain by default but not its host name unless asked.
    ...(url.searchParams.get('ssl') === 'true' ? { ssl: { rejectUnauthorized: true, verifyIdentity: true } } : {}),
    connectTimeout: timeoutMs,
    multipleStatements: false,
    // Values as the server prints them: no rounded BIGINTs, no time-zone shifted dates.
    supportBigNumbers: true,
    bigNumberStrings: true,
    dateStrings: true,
    jsonStrings: true,
  };
}

/** Far above any real greeting (about a hundred bytes), far below what text read as a length gives. */
const MAX_GREETING_BYTES = 64 * 1024;
const HANDSHAKE_V10 = 0x0a;
const ERROR_PACKET = 0xff;

/**
 * A MySQL server speaks first: packet 0 (3-byte length, sequence number), holding a
 * handshake or an error such as "Too many connections".
 */
function greetingFits(head: Buffer): FirstBytesVerdict {
  if (head.length < 5) return 'need-more';
  const length = head.readUIntLE(0, 3);
  const sequence = head[3];
  const kind = head[4];
  const plausible = sequence === 0 && length > 0 && length <= MAX_GREETING_BYTES && (kind === HANDSHAKE_V10 || kind === ERROR_PACKET);
  return plausible ? 'fits' : 'wrong';
}

/** The connection's socket; the driver opens it at once, so it exists as soon as the connection does. */
const socketOf = (connection: Connection) => (connection as unknown as { stream?: Duplex }).stream;

function handle(connection: Connection, connected: () => boolean): ClientHandle {
  // The driver's destroy() only half-closes the socket; a server that never answers would keep it open.
  const socket = () => socketOf(connection);
  return {
    close: () =>
      new Promise<void>((resolve) => {
        const stream = socket();
        if (!connected() || !stream || stream.destroyed) return resolve();
        stream.once('close', () => resolve());
        connection.end();
      }),
    destroy: () => {
      connection.destroy();
      socket()?.destroy();
    },
  };
}

/**
 * Every statement of this session runs read-only (DDL included), and the server stops a
 * statement we have given up on. MariaDB and MySQL name that limit differently.
 */
async function readOnlySession(db: PromiseConnection, timeoutMs: number): Promise<void> {
  await db.query('SET SESSION TRANSACTION READ ONLY');
  try {
    await db.query(`SET SESSION max_statement_time = ${timeoutMs / 1_000}`);
  } catch (error) {
    if ((error as { code?: unknown }).code !== 'ER_UNKNOWN_SYSTEM_VARIABLE') throw error;
    await db.query(`SET SESSION max_execution_time = ${Math.ceil(timeoutMs)}`);
  }
}

export const mysqlCheck = defineCheckType({
  type: 'mysql',
  configSchema,
  describe(config) {
    const url = new URL(config.url);
    const database = decodeURIComponent(url.pathname.slice(1));
    return `MySQL ${url.hostname || 'localhost'}:${url.port || 3306}${database ? `/${database}` : ''}`;
  },
  async run(config, signal): Promise<Observation> {
    const started = performance.now();
    // The callback API hands over the connection before its handshake, so a server that
    // accepts and never speaks can be cut off; the promise API would hide it until then.
    const { createConnection } = await import('mysql2'); // on first use: most boards have no MySQL checks
    const connection = createConnection(connectionOptions(config.url, config.timeout));
    connection.on('error', () => undefined); // also delivered to the query in progress
    const socket = socketOf(connection);
    const wrongProtocol = socket ? watchFirstBytes(socket, 'MySQL', greetingFits) : () => undefined;
    const db = connection.promise();
    let stage: Stage = 'connect';
    try {
      return await withClient(
        signal,
        handle(connection, () => stage === 'query'),
        async () => {
          await readOnlySession(db, config.timeout); // waits for the handshake: connection errors surface here
          stage = 'query';
          const [result] = await db.query({ sql: config.query, rowsAsArray: true });
          const rows = Array.isArray(result) ? (result as unknown[][]) : [];
          return judgeQuery(config.expect, { rows: rows.length, firstValue: rows[0]?.[0], elapsedMs: performance.now() - started });
        },
      );
    } catch (error) {
      return {
        outcome: 'failed',
        message: signal.aborted ? 'aborted' : describeDbError(wrongProtocol() ?? error, stage, config.timeout, 'MySQL'),
        latencyMs: null,
      };
    }
  },
});
