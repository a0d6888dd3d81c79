import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { Redis } from 'ioredis';
import pg from 'pg';
import type { ClusterResponse } from '../../shared/api';
import { requirement } from './requirements';
import { startServerProcess, type ServerProcess } from './server-process';
import { stablePort } from './targets';
import { waitFor } from './wait';

export const TEST_POSTGRES_URL = process.env.TEST_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_SERVER = process.env.REDIS_SERVER ?? '/usr/bin/redis-server';

/** Tests that need the machine's PostgreSQL: skipped without it, failed under CI=true. */
export async function postgresRequirement(): Promise<{ skip: boolean }> {
  const client = new pg.Client({ connectionString: TEST_POSTGRES_URL, connectionTimeoutMillis: 2_000 });
  const up = await client.connect().then(
    () => client.end().then(() => true),
    () => false,
  );
  return requirement('PostgreSQL', up, `no PostgreSQL at ${TEST_POSTGRES_URL}; start it, or set TEST_POSTGRES_URL`);
}

/** Cluster tests need a real PostgreSQL and a redis-server binary (each test runs its own Redis, to stop it). */
export async function clusterRequirement(): Promise<{ skip: boolean }> {
  const pgUp = await postgresRequirement();
  const redis = requirement(
    'redis-server',
    existsSync(REDIS_SERVER),
    `install it (apt-get install -y redis-server) or set REDIS_SERVER; looked at ${REDIS_SERVER}`,
  );
  return { skip: pgUp.skip || redis.skip };
}

/** A Redis of the test's own, on a port of its own, that the test may stop and start again. */
export interface RedisProcess {
  url: string;
  port: number;
  stop(): Promise<void>;
  start(): Promise<void>;
}

export async function startRedis(): Promise<RedisProcess> {
  const port = await stablePort();
  let child: ChildProcess | null = null;
  const start = async () => {
    child = spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
    const probe = new Redis({ port, host: '127.0.0.1', lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
    probe.on('error', () => undefined);
    await waitFor(
      async () => {
        await probe.connect().catch(() => undefined);
        return (await probe.ping().catch(() => null)) === 'PONG';
      },
      `redis-server on port ${port}`,
      { everyMs: 50 },
    ).finally(() => probe.disconnect());
  };
  const stop = async () => {
    const running = child;
    child = null;
    if (!running || running.exitCode !== null) return;
    const exited = new Promise((resolve) => running.once('exit', resolve));
    running.kill('SIGKILL');
    await exited;
  };
  await start();
  return { url: `redis://127.0.0.1:${port}`, port, stop, start };
}

/** A PostgreSQL schema of the test's own: its instances are one cluster, apart from every other test's. */
export async function freshSchema(prefix: string): Promise<{ name: string; drop(): Promise<void> }> {
  const name = `${prefix}_${Math.random().toString(36).slice(2, 10)}`;
  return {
    name,
    async drop() {
      const client = new pg.Client({ connectionString: TEST_POSTGRES_URL });
      await client.connect();
      await client.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
      await client.end();
    },
  };
}

/** One Greenboard instance of a cluster, as users run it: its own process. */
export async function startInstance(options: {
  id: string;
  config: string;
  databaseUrl: string;
  redisUrl?: string;
  port?: number;
}): Promise<ServerProcess & { id: string; port: number }> {
  const port = options.port ?? (await stablePort());
  const server = await startServerProcess({
    config: options.config,
    dbFile: '',
    port,
    env: {
      DATABASE_URL: options.databaseUrl,
      GREENBOARD_INSTANCE_ID: options.id,
      GREENBOARD_DATA_DIR: mkdtempSync(join(tmpdir(), `gb-${options.id}-`)),
      ...(options.redisUrl ? { REDIS_URL: options.redisUrl } : {}),
    },
  });
  return Object.assign(server, { id: options.id, port });
}

export async function clusterOf(url: string): Promise<ClusterResponse> {
  return (await (await fetch(`${url}/api/cluster`)).json()) as ClusterResponse;
}

/** An HTTP target for many services at once: each path answers its own status, and every hit is timed. */
/** Runs of one check closer together than half its interval: the same interval run twice. */
export function doubleRuns(times: readonly number[], intervalMs: number): number {
  let doubles = 0;
  for (let i = 1; i < times.length; i++) if (times[i]! - times[i - 1]! < intervalMs / 2) doubles++;
  return doubles;
}

export interface CountingTarget {
  url: string;
  hits: Map<string, number[]>;
  setStatus(path: string, status: number): void;
  close(): Promise<void>;
}

export async function startCountingTarget(): Promise<CountingTarget> {
  const hits = new Map<string, number[]>();
  const statuses = new Map<string, number>();
  const server: Server = createServer((req, res) => {
    const path = req.url ?? '/';
    hits.set(path, [...(hits.get(path) ?? []), Date.now()]);
    res.writeHead(statuses.get(path) ?? 200, { 'content-type': 'text/plain' }).end('ok');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    hits,
    setStatus: (path, status) => void statuses.set(path, status),
    close: () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
