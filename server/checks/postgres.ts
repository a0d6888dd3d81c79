import type pg from 'pg';
import { z } from 'zod';
import { judgeQuery, sqlExpectSchema } from './db-expect';
import { describeDbError, type Stage } from './db-errors';
import { watchFirstBytes, withClient, type ClientHandle, type FirstBytesVerdict } from './db-session';
import { defineCheckType, type Observation } from './types';

const configSchema = z.strictObject({
  type: z.literal('postgres'),
  url: z.url({ protocol: /^postgres(ql)?$/, error: 'expected a postgres:// or postgresql:// URL, e.g. postgres://reader:${DB_PASSWORD}@db:5432/orders' }),
  query: z.string({ error: 'expected an SQL query' }).trim().min(1, 'must not be empty').default('SELECT 1'),
  expect: sqlExpectSchema.optional(),
});

// Every value as PostgreSQL prints it, as psql shows it: no time-zone shifts on dates,
// no rounding of bigints. The comparisons in db-expect read "1" as 1 and "t" as true.
const asText = { getTypeParser: () => (text: string) => text } as unknown as pg.CustomTypesConfig;

/** PostgreSQL answers a startup message with authentication (R), an error (E) or a protocol downgrade (v)… */
const STARTUP_ANSWERS = new Set(['R', 'E', 'v']);
/** …and a request for TLS with one byte: S (go ahead), N (no TLS here), or an error. */
const TLS_ANSWERS = new Set(['S', 'N', 'E']);
/** Far above any real first message, far below what text read as a length gives. */
const MAX_FIRST_MESSAGE_BYTES = 64 * 1024;

/** Whether the server's first bytes can be PostgreSQL's answer: a type byte, then (unless to a TLS request) a 4-byte length. */
function firstAnswerFits(tlsRequested: boolean) {
  return (head: Buffer): FirstBytesVerdict => {
    const type = String.fromCharCode(head[0]!);
    if (tlsRequested) return TLS_ANSWERS.has(type) ? 'fits' : 'wrong';
    if (!STARTUP_ANSWERS.has(type)) return 'wrong';
    if (head.length < 5) return 'need-more';
    const length = head.readUInt32BE(1);
    return length >= 4 && length <= MAX_FIRST_MESSAGE_BYTES ? 'fits' : 'wrong';
  };
}

/** Judges the server's first answer, except under direct TLS (sslnegotiation=direct), where TLS itself comes first. */
function watchStartup(client: pg.Client) {
  const { ssl, sslNegotiation } = client as pg.Client & { sslNegotiation?: string };
  if (ssl && sslNegotiation === 'direct') return () => undefined;
  return watchFirstBytes(client.connection.stream, 'PostgreSQL', firstAnswerFits(Boolean(ssl)));
}

function handle(client: pg.Client, connected: () => boolean): ClientHandle {
  return {
    // end() waits for the server; on a dead socket it would wait forever, so only when alive.
    close: () => (connected() && !client.connection.stream.destroyed ? client.end() : Promise.resolve()),
    // end() may wait for a server that never answers; destroying the stream cannot.
    destroy: () => client.connection.stream.destroy(),
  };
}

/**
 * The query runs inside a read-only transaction that is rolled back, and through the
 * extended protocol, which refuses several statements in one: a check can never change data
 * (`SELECT 1; COMMIT; DELETE …` is an error, not an escape). The statement timeout makes the
 * server itself stop a query we have given up on.
 */
async function queryReadOnly(client: pg.Client, query: string, timeoutMs: number) {
  await client.query(`BEGIN READ ONLY; SET LOCAL statement_timeout = ${Math.ceil(timeoutMs)}`);
  const result = await client.query<unknown[]>({ text: query, rowMode: 'array', queryMode: 'extended' } as pg.QueryArrayConfig);
  const answeredAt = performance.now();
  await client.query('ROLLBACK');
  return { rows: result.rows, answeredAt };
}

export const postgresCheck = defineCheckType({
  type: 'postgres',
  configSchema,
  describe(config) {
    const url = new URL(config.url);
    const database = decodeURIComponent(url.pathname.slice(1)) || decodeURIComponent(url.username) || 'postgres';
    return `PostgreSQL ${url.hostname || 'localhost'}:${url.port || 5432}/${database}`;
  },
  async run(config, signal): Promise<Observation> {
    const started = performance.now();
    // Loaded on first use, so a board without database checks never pays for the driver.
    const { default: driver } = await import('pg');
    const client = new driver.Client({
      connectionString: config.url,
      connectionTimeoutMillis: config.timeout,
      application_name: 'greenboard',
      types: asText,
    });
    // Failures also reject the call in progress, which reports them; this keeps a late
    // socket error from becoming an unhandled 'error' event.
    client.on('error', () => undefined);
    const wrongProtocol = watchStartup(client);
    let stage: Stage = 'connect';
    try {
      return await withClient(
        signal,
        handle(client, () => stage === 'query'),
        async () => {
          await client.connect();
          stage = 'query';
          const { rows, answeredAt } = await queryReadOnly(client, config.query, config.timeout);
          return judgeQuery(config.expect, { rows: rows.length, firstValue: rows[0]?.[0], elapsedMs: answeredAt - started });
        },
      );
    } catch (error) {
      return {
        outcome: 'failed',
        message: signal.aborted ? 'aborted' : describeDbError(wrongProtocol() ?? error, stage, config.timeout, 'PostgreSQL'),
        latencyMs: null,
      };
    }
  },
});
