import { spawn, type ChildProcess } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { createServer, type AddressInfo } from 'node:net';
import { join } from 'node:path';
import { ROOT } from './child';
import { stopChild, tempDir, track } from './cleanup';
import { waitFor } from './measure';

/** A check as written in the YAML config (durations as strings). */
export type CheckSpec = { id: string; type: 'http' | 'tcp'; interval: string; [field: string]: unknown };

export interface ServiceSpec {
  id: string;
  name: string;
  team?: string;
  links?: Record<string, string>;
  dependsOn?: string[];
  checks: CheckSpec[];
}

/** A source as written in the YAML config (see `server/sources/`). */
export type SourceSpec = { id: string; type: string; [field: string]: unknown };

export interface BoardSpec {
  people?: Array<{ id: string; name: string; [field: string]: unknown }>;
  teams?: Array<{ id: string; name: string; oncall?: unknown }>;
  services: ServiceSpec[];
  sources?: SourceSpec[];
  /** Channels pages go out on, and the paging settings (see `server/notify/config.ts`). */
  notifiers?: Array<{ id: string; type: string; [field: string]: unknown }>;
  paging?: Record<string, unknown>;
  /** Extra environment for the server, for `${VAR}` values in the config (tokens). */
  env?: Record<string, string>;
}

export interface ServerUnderTest {
  url: string;
  pid: number;
  child: ChildProcess;
  /** performance.now() just before the process was spawned. */
  spawnedAt: number;
  /** Resolves once /readyz answers 200. */
  ready(timeoutMs?: number): Promise<void>;
  /** Warning and error lines the server logged. */
  problems(): string[];
  stop(): Promise<void>;
}

export async function freePort(): Promise<number> {
  const probe = createServer();
  await new Promise<void>((resolve) => probe.listen(0, '127.0.0.1', resolve));
  const { port } = probe.address() as AddressInfo;
  await new Promise<void>((resolve) => probe.close(() => resolve()));
  return port;
}

/**
 * Starts the real server entry as its own process, with a generated config and a fresh
 * SQLite file in a temp dir, listening on 127.0.0.1 only. YAML is a superset of JSON,
 * so the config is written as JSON.
 */
export async function launchServer(
  name: string,
  board: BoardSpec,
  cpuProfDir?: string,
  options: {
    beforeStart?(dbFile: string): Promise<void> | void;
    /** Environment over the defaults: a cluster instance's PostgreSQL DATABASE_URL, REDIS_URL and name. */
    env?: Record<string, string>;
  } = {},
): Promise<ServerUnderTest> {
  const dir = tempDir(name);
  const configFile = join(dir, 'greenboard.yaml');
  writeFileSync(
    configFile,
    JSON.stringify(
      {
        people: board.people ?? [],
        teams: board.teams ?? [],
        services: board.services,
        sources: board.sources ?? [],
        notifiers: board.notifiers ?? [],
        ...(board.paging ? { paging: board.paging } : {}),
      },
      null,
      1,
    ),
  );
  const port = await freePort();
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    DATABASE_URL: `sqlite:${join(dir, 'gb.db')}`,
    GREENBOARD_DATA_DIR: dir,
    LOG_LEVEL: 'warn',
    ...board.env,
  };
  delete env.GREENBOARD_CONFIG;
  delete env.REDIS_URL;
  Object.assign(env, options.env);
  // One dir per server: the main thread and the module-loader thread each write a profile.
  // History written straight into the store before the server first opens it.
  await options.beforeStart?.(join(dir, 'gb.db'));
  const profile = cpuProfDir ? ['--cpu-prof', `--cpu-prof-dir=${join(cpuProfDir, `${name}-${Date.now()}`)}`] : [];
  const spawnedAt = performance.now();
  const child = track(
    // What `npm start` runs: the prebuilt server bundle (see scripts/build.mjs).
    spawn(process.execPath, [...profile, join(ROOT, 'scripts/start.mjs'), '--config', configFile], {
      cwd: ROOT,
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    }),
  );
  const problems: string[] = [];
  const keep = (chunk: Buffer) => {
    for (const line of chunk.toString('utf8').split('\n')) if (line.trim() && problems.length < 200) problems.push(line.slice(0, 300));
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  const url = `http://127.0.0.1:${port}`;

  return {
    url,
    pid: child.pid!,
    child,
    spawnedAt,
    problems: () => [...problems],
    async ready(timeoutMs = 30_000) {
      await waitFor(
        'the server to be ready',
        async () => {
          if (child.exitCode !== null) throw new Error(`server exited with ${child.exitCode}: ${problems.slice(-5).join(' | ')}`);
          const res = await fetch(`${url}/readyz`).catch(() => null);
          return res?.status === 200 ? true : undefined;
        },
        timeoutMs,
        50,
      );
    },
    stop: () => stopChild(child, 12_000),
  };
}

/** `count` services of one http check each, spread over ten teams, with a runbook link. */
export function manyServices(count: number, url: string, interval: string): BoardSpec {
  const teams = Array.from({ length: 10 }, (_, i) => ({ id: `team-${i}`, name: `Team ${i}` }));
  const services = Array.from({ length: count }, (_, i) => {
    const id = `service-${String(i).padStart(4, '0')}`;
    return {
      id,
      name: `Service ${i} API`,
      team: `team-${i % 10}`,
      links: { runbook: `https://runbooks.example.com/${id}` },
      checks: [{ id: 'health', type: 'http' as const, url, interval, timeout: '5s', expect: { status: 200 } }],
    };
  });
  return { teams, services };
}

/** GET /api/services, typed loosely: only what the benchmarks look at. */
export async function fetchServices(url: string): Promise<Array<{ id: string; status: string; checks: Array<{ lastCheckedAt: string | null }> }>> {
  const res = await fetch(`${url}/api/services`);
  if (!res.ok) throw new Error(`GET /api/services answered ${res.status}`);
  return ((await res.json()) as { services: Array<{ id: string; status: string; checks: Array<{ lastCheckedAt: string | null }> }> }).services;
}

/** Waits until every check of the board has a result. */
export function allChecked(url: string, timeoutMs: number): Promise<true> {
  return waitFor(
    'every check to have a result',
    async () => ((await fetchServices(url)).every((s) => s.checks.every((c) => c.lastCheckedAt !== null)) ? true : undefined),
    timeoutMs,
    500,
  );
}
