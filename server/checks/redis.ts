import type { Redis } from 'ioredis';
import { z } from 'zod';
import { judgeReply, replyExpectSchema } from './db-expect';
import { describeDbError, type Stage } from './db-errors';
import { withClient, type ClientHandle } from './db-session';
import { defineCheckType, type Observation } from './types';

/**
 * Commands a check refuses at config time: they delete or overwrite data, reconfigure or
 * stop the server, run arbitrary scripts, handle credentials (those belong in the URL), or
 * never return one reply. Not a guarantee that a check cannot write: the docs tell users
 * to give the check an ACL user limited to reading.
 */
const REFUSED = new Set([
  'FLUSHALL',
  'FLUSHDB',
  'DEL',
  'UNLINK',
  'SET',
  'SETEX',
  'PSETEX',
  'SETNX',
  'MSET',
  'MSETNX',
  'GETSET',
  'GETDEL',
  'APPEND',
  'EXPIRE',
  'PEXPIRE',
  'EXPIREAT',
  'PEXPIREAT',
  'PERSIST',
  'RENAME',
  'RENAMENX',
  'MOVE',
  'COPY',
  'MIGRATE',
  'RESTORE',
  'SWAPDB',
  'CONFIG',
  'SHUTDOWN',
  'DEBUG',
  'SAVE',
  'BGSAVE',
  'BGREWRITEAOF',
  'REPLICAOF',
  'SLAVEOF',
  'FAILOVER',
  'CLUSTER',
  'ACL',
  'CLIENT',
  'MODULE',
  'SCRIPT',
  'FUNCTION',
  'EVAL',
  'EVALSHA',
  'FCALL',
  'AUTH',
  'HELLO',
  'MONITOR',
  'SUBSCRIBE',
  'PSUBSCRIBE',
  'SSUBSCRIBE',
  'SYNC',
  'PSYNC',
  'MULTI',
  'EXEC',
  'SELECT',
  'QUIT',
  'RESET',
]);

const commandWord = z
  .union([z.string().min(1), z.number()], { error: 'expected the command as a list of words, e.g. [GET, "health:last-run"]' })
  .transform(String);

const command = z
  .array(commandWord, { error: 'expected the command as a list of words, e.g. [PING] or [LLEN, jobs]' })
  .min(1, 'must name a command, e.g. [PING]')
  .superRefine((words, ctx) => {
    const name = words[0]?.toUpperCase() ?? '';
    if (REFUSED.has(name)) {
      ctx.addIssue({
        code: 'custom',
        path: [0],
        message: `${name} is refused: a check only reads (no deleting, writing, reconfiguring, scripts or credentials; put the password and database in the URL)`,
      });
    }
  });

const configSchema = z.strictObject({
  type: z.literal('redis'),
  url: z.url({ protocol: /^rediss?$/, error: 'expected a redis:// or rediss:// URL, e.g. redis://:${REDIS_PASSWORD}@cache:6379/0' }),
  command: command.default(['PING']),
  expect: replyExpectSchema.optional(),
});

function handle(client: Redis): ClientHandle {
  return {
    close: () => client.quit(),
    // disconnect() only half-closes and lingers until a timer; a hung server must not hold the socket.
    destroy: () => {
      client.disconnect();
      (client.stream as typeof client.stream | undefined)?.destroy();
    },
  };
}

async function connectClient(url: string, timeoutMs: number): Promise<Redis> {
  const { Redis: Client } = await import('ioredis'); // on first use: most boards have no Redis checks
  return new Client(url, {
    lazyConnect: true,
    // One attempt, one command: a check reports what it finds, it does not retry or queue.
    enableOfflineQueue: false,
    maxRetriesPerRequest: 0,
    retryStrategy: () => null,
    reconnectOnError: () => false,
    connectTimeout: timeoutMs,
    // The ready check (INFO) would wait out a loading server; the command's own error says more.
    enableReadyCheck: false,
    disableClientInfo: true,
  });
}

export const redisCheck = defineCheckType({
  type: 'redis',
  configSchema,
  describe(config) {
    const url = new URL(config.url);
    const database = url.pathname.slice(1) || '0';
    return `Redis ${url.hostname || 'localhost'}:${url.port || 6379}/${database} ${config.command[0]?.toUpperCase()}`;
  },
  async run(config, signal): Promise<Observation> {
    const started = performance.now();
    const client = await connectClient(config.url, config.timeout);
    // ioredis reports connection trouble (refused, WRONGPASS…) as events; the command then
    // fails with a vaguer "connection is closed", so the first such error is the story.
    let connectionError: Error | undefined;
    client.on('error', (error: Error) => (connectionError ??= error));
    let stage: Stage = 'connect';
    const [name = 'PING', ...args] = config.command;
    try {
      return await withClient(signal, handle(client), async () => {
        await client.connect();
        stage = 'command';
        const reply = await client.call(name, ...args);
        // A failed SELECT of the URL's database is reported only as an event, before the reply.
        if (connectionError) throw connectionError;
        return judgeReply(config.expect, name.toUpperCase(), reply, performance.now() - started);
      });
    } catch (error) {
      if (signal.aborted) return { outcome: 'failed', message: 'aborted', latencyMs: null };
      // ioredis itself fails at once on bytes that are not Redis replies, so unlike pg and mysql2 it needs no watching.
      const message = connectionError
        ? describeDbError(connectionError, 'connect', config.timeout, 'Redis')
        : describeDbError(error, stage, config.timeout, 'Redis');
      return { outcome: 'failed', message, latencyMs: null };
    }
  },
});
