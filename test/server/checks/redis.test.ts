import type { Socket } from 'node:net';
import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { redisCheck } from '../../../server/checks/redis';
import { runCheck } from '../../../server/checks/runner';
import { checkSchema } from '../../../server/config/schema';
import { configFromYaml } from '../../helpers/config';
import { requirement } from '../../helpers/requirements';
import { closedPort, startTcpTarget } from '../../helpers/targets';
import { byTimeout } from '../../helpers/timing';
import { waitFor } from '../../helpers/wait';

const URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
const SECRET = 'hunter2-redis-secret';

async function redisAnswers(): Promise<boolean> {
  const client = new Redis(URL, { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null, connectTimeout: 2_000 });
  client.on('error', () => undefined);
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

/** Sockets of this process still connected to `port` on loopback. */
function socketsTo(port: number): Socket[] {
  const handles = (process as unknown as { _getActiveHandles(): unknown[] })._getActiveHandles();
  return handles.filter((h): h is Socket => (h as Socket)?.remotePort === port && !(h as Socket).destroyed);
}

const server = requirement('Redis', await redisAnswers(), `no Redis at ${URL}; start it, or set TEST_REDIS_URL`);

const check = (fields: Record<string, unknown>) => checkSchema.parse({ id: 'cache', type: 'redis', url: URL, timeout: '2s', ...fields });
const urlWith = (parts: { username?: string; password?: string; pathname?: string }) => Object.assign(new globalThis.URL(URL), parts).toString();

describe.skipIf(server.skip)('the redis check against a real Redis', () => {
  it('PING is the default and PONG is ok', async () => {
    const result = await runCheck(redisCheck, check({}));
    expect(result).toMatchObject({ outcome: 'ok', message: "PING replied 'PONG'", details: { reply: 'PONG' } });
    expect(result.latencyMs).toBeGreaterThan(0);
    expect(await runCheck(redisCheck, check({ expect: { value: 'PONG' } }))).toMatchObject({ outcome: 'ok' });
  });

  it('a reply that differs is failed with both values', async () => {
    const result = await runCheck(redisCheck, check({ command: ['ECHO', 'degraded'], expect: { value: 'ok' } }));
    expect(result).toMatchObject({ outcome: 'failed', message: "expected reply 'ok', got 'degraded'" });
  });

  it('a numeric reply is compared as a number', async () => {
    const command = ['EXISTS', 'greenboard:test:no-such-key'];
    expect(await runCheck(redisCheck, check({ command, expect: { value: '> 0' } }))).toMatchObject({
      outcome: 'failed',
      message: 'expected reply > 0, got 0',
    });
    expect(await runCheck(redisCheck, check({ command, expect: { value: 0 } }))).toMatchObject({ outcome: 'ok', message: 'EXISTS replied 0' });
  });

  it('an error reply is failed and says the command failed', async () => {
    const result = await runCheck(redisCheck, check({ command: ['NOPE'] }));
    expect(result.outcome).toBe('failed');
    expect(result.message).toMatch(/^command failed: ERR unknown command 'NOPE'/);
  });

  it("a wrong password is failed with the server's words and without the password", async () => {
    const result = await runCheck(redisCheck, check({ url: urlWith({ username: 'greenboard-nobody', password: SECRET }) }));
    expect(result).toEqual({ outcome: 'failed', message: 'WRONGPASS invalid username-password pair or user is disabled.', latencyMs: null });
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });

  it('a database number the server does not have is failed, not answered from database 0', async () => {
    const result = await runCheck(redisCheck, check({ url: urlWith({ pathname: '/999' }) }));
    expect(result).toMatchObject({ outcome: 'failed', message: 'ERR DB index is out of range' });
  });
});

describe('the redis check against broken servers', () => {
  it('a closed port is failed: connection refused', async () => {
    const result = await runCheck(redisCheck, check({ url: `redis://:${SECRET}@127.0.0.1:${await closedPort()}` }));
    expect(result).toEqual({ outcome: 'failed', message: 'connection refused', latencyMs: null });
  });

  describe('a server that accepts the connection and never replies', () => {
    let target: Awaited<ReturnType<typeof startTcpTarget>>;
    beforeAll(async () => {
      target = await startTcpTarget();
    });
    afterAll(async () => {
      await target.close();
    });

    it('is cut at the timeout, and the check leaves no socket open to it', async () => {
      const started = Date.now();
      const result = await runCheck(redisCheck, check({ url: `redis://127.0.0.1:${target.port}`, timeout: '300ms' }));
      expect(Date.now() - started).toBeLessThan(byTimeout(300));
      expect(result).toEqual({ outcome: 'failed', message: 'timed out after 300ms', latencyMs: null });
      // Well before the driver's own 2 s fallback for a socket the peer does not close.
      await waitFor(() => socketsTo(target.port).length === 0, 'the check to close its socket to the silent server', { timeoutMs: 1_000 });
    });
  });
});

describe('redis config', () => {
  const yaml = (fields: string) => `services:\n  - id: cache\n    name: Cache\n    checks:\n      - id: redis\n        type: redis\n${fields}`;

  it('takes its URL from the environment and defaults to PING', () => {
    const config = configFromYaml(yaml('        url: ${REDIS_URL}\n'), { REDIS_URL: 'rediss://:pw@cache:6380/2' });
    expect(config.services[0]!.checks[0]).toMatchObject({ url: 'rediss://:pw@cache:6380/2', command: ['PING'] });
    expect(redisCheck.describe(check({ url: 'rediss://:pw@cache:6380/2', command: ['llen', 'jobs'] }) as never)).toBe('Redis cache:6380/2 LLEN');
  });

  it('numbers in a command are taken as words', () => {
    expect(check({ command: ['GETRANGE', 'greeting', 0, 4] })).toMatchObject({ command: ['GETRANGE', 'greeting', '0', '4'] });
  });

  it.each(['FLUSHALL', 'flushdb', 'DEL', 'SET', 'CONFIG', 'SHUTDOWN'])('%s is refused at its line, with the reason', (name) => {
    expect(() => configFromYaml(yaml(`        url: redis://cache\n        command: [${name}, x]\n`))).toThrow(
      `test.yaml:8: services[0].checks[0].command[0]: ${name.toUpperCase()} is refused: a check only reads`,
    );
  });

  it('a command that is not a list is refused with an example', () => {
    expect(() => configFromYaml(yaml('        url: redis://cache\n        command: PING\n'))).toThrow(
      'services[0].checks[0].command: expected the command as a list of words, e.g. [PING] or [LLEN, jobs]',
    );
  });

  it('a URL of another kind is refused at its line', () => {
    expect(() => configFromYaml(yaml('        url: http://cache:6379\n'))).toThrow(
      'test.yaml:7: services[0].checks[0].url: expected a redis:// or rediss:// URL',
    );
  });
});
