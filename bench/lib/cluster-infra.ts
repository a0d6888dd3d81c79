// What cluster mode runs on, for the benchmark: a PostgreSQL schema of its own and a
// redis-server of its own, and the CPU that PostgreSQL's processes spend meanwhile.
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { Redis } from 'ioredis';
import pg from 'pg';
import { stopChild, track } from './cleanup';
import { waitFor } from './measure';
import { cpuMs } from './proc';
import { freePort } from './server';

export const POSTGRES_URL = process.env.BENCH_POSTGRES_URL ?? 'postgres://postgres@127.0.0.1:5432/test';
const REDIS_SERVER = process.env.REDIS_SERVER ?? '/usr/bin/redis-server';

/** Throws, saying what to do, when PostgreSQL cannot be reached or redis-server is not installed. */
export async function requireClusterDeps(): Promise<void> {
  const missing: string[] = [];
  const client = new pg.Client({ connectionString: POSTGRES_URL, connectionTimeoutMillis: 3_000 });
  try {
    await client.connect();
  } catch (error) {
    missing.push(`PostgreSQL at ${POSTGRES_URL} cannot be reached (${(error as Error).message}): start it, or set BENCH_POSTGRES_URL`);
  } finally {
    await client.end().catch(() => undefined);
  }
  if (!existsSync(REDIS_SERVER)) missing.push(`redis-server is not at ${REDIS_SERVER}: install it (apt-get install -y redis-server), or set REDIS_SERVER`);
  if (missing.length > 0) throw new Error(`the cluster benchmark needs PostgreSQL and redis-server: ${missing.join('; ')}`);
}

export interface RedisUnderTest {
  url: string;
  pid: number;
  /** Its counters now: bytes in and out, commands processed (what the instances told each other). */
  stats(): Promise<RedisStats>;
  stop(): Promise<void>;
}

export interface RedisStats {
  inputBytes: number;
  outputBytes: number;
  commands: number;
}

/** Reads Redis's INFO stats counters. */
async function readStats(port: number): Promise<RedisStats> {
  const client = new Redis({ port, host: '127.0.0.1', lazyConnect: true, maxRetriesPerRequest: 0 });
  try {
    await client.connect();
    const info = await client.info('stats');
    const field = (name: string) => Number(new RegExp(`^${name}:(\\d+)`, 'm').exec(info)?.[1] ?? NaN);
    return { inputBytes: field('total_net_input_bytes'), outputBytes: field('total_net_output_bytes'), commands: field('total_commands_processed') };
  } finally {
    client.disconnect();
  }
}

/** A redis-server of the benchmark's own, on a free port, keeping nothing on disk. */
export async function startRedis(): Promise<RedisUnderTest> {
  const port = await freePort();
  const child = track(spawn(REDIS_SERVER, ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' }));
  const probe = new Redis({ port, host: '127.0.0.1', lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
  probe.on('error', () => undefined);
  try {
    await waitFor(
      `redis-server on port ${port}`,
      async () => {
        if (child.exitCode !== null) throw new Error(`redis-server exited with ${child.exitCode}`);
        await probe.connect().catch(() => undefined);
        return (await probe.ping().catch(() => null)) === 'PONG' ? true : undefined;
      },
      10_000,
      50,
    );
  } finally {
    probe.disconnect();
  }
  return { url: `redis://127.0.0.1:${port}`, pid: child.pid!, stats: () => readStats(port), stop: () => stopChild(child, 2_000) };
}

/** A schema no one else uses: the instances made on it are one cluster, apart from any other. */
export function freshSchema(prefix: string): { name: string; databaseUrl: string; drop(): Promise<void> } {
  const name = `${prefix}_${Math.random().toString(36).slice(2, 10)}`;
  return {
    name,
    databaseUrl: `${POSTGRES_URL}?schema=${name}`,
    async drop() {
      const client = new pg.Client({ connectionString: POSTGRES_URL });
      await client.connect();
      try {
        await client.query(`DROP SCHEMA IF EXISTS ${name} CASCADE`);
      } finally {
        await client.end();
      }
    },
  };
}

/** CPU time (ms) of every live process named `postgres`, by pid: the server and its backends. */
function postgresCpu(): Map<number, number> {
  const cpu = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      if (readFileSync(`/proc/${entry}/comm`, 'utf8').trim() === 'postgres') cpu.set(Number(entry), cpuMs(Number(entry)));
    } catch {
      // Gone between the listing and the read.
    }
  }
  return cpu;
}

/**
 * PostgreSQL's CPU over a window, % of one core: the processes alive at the end, less what
 * those also alive at the start had used by then. A backend that ended meanwhile is not
 * counted; backends of other databases on this machine are.
 */
export class PostgresCpu {
  private readonly start = postgresCpu();
  private readonly startAt = performance.now();

  percent(): number {
    const seconds = (performance.now() - this.startAt) / 1_000;
    let used = 0;
    for (const [pid, ms] of postgresCpu()) used += ms - (this.start.get(pid) ?? 0);
    return (used / 1_000 / seconds) * 100;
  }
}
