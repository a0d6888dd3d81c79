import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServicesResponse } from '../../shared/api';
import { requirement } from '../helpers/requirements';
import { stablePort, startHttpTarget, type HttpTarget } from '../helpers/targets';
import { waitFor } from '../helpers/wait';

const root = join(import.meta.dirname, '..', '..');
const clientDir = join(root, 'dist/client');

/** What React puts in a bundle: its production build has no development-only warnings. */
function reactBuildOf(javascript: string): 'production' | 'development' {
  return javascript.includes('Invalid hook call') ? 'development' : 'production';
}

/** The board's entry script, as index.html names it. */
function entryScript(indexHtml: string): string {
  const src = /<script[^>]+src="([^"]+\.js)"/.exec(indexHtml)?.[1];
  if (!src) throw new Error(`no script in index.html:\n${indexHtml}`);
  return src;
}

/** Which React build a running server hands to a browser. */
async function servedReactBuild(url: string): Promise<'production' | 'development'> {
  const script = entryScript(await (await fetch(`${url}/`)).text());
  return reactBuildOf(await (await fetch(new URL(script, url))).text());
}

/** Parent of every live process (zombies hold nothing and run nothing, so they do not count). */
function liveParents(): Map<number, number> {
  const parents = new Map<number, number>();
  for (const entry of readdirSync('/proc')) {
    if (!/^\d+$/.test(entry)) continue;
    try {
      const stat = readFileSync(`/proc/${entry}/stat`, 'utf8');
      const [state, ppid] = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      if (state !== 'Z') parents.set(Number(entry), Number(ppid));
    } catch {
      // it ended while we looked
    }
  }
  return parents;
}

/** A process and everything it started that still runs. */
function processTree(pid: number): number[] {
  const parents = liveParents();
  const tree = parents.has(pid) ? [pid] : [];
  for (let i = 0; i < tree.length; i += 1) for (const [child, parent] of parents) if (parent === tree[i]) tree.push(child);
  return tree;
}

const isViteBuild = (pid: number) => {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes('vite.js\0build');
  } catch {
    return false;
  }
};

const stillRunning = (pids: number[]) => {
  const live = liveParents();
  return pids.filter((pid) => live.has(pid));
};

async function portIsFree(port: number): Promise<boolean> {
  const server = createServer();
  return new Promise((resolve) => {
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

interface NpmStart {
  pid: number;
  url: string;
  /** Every process `npm start` runs: npm itself and what it started. */
  tree: number[];
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  output(): string;
}

/**
 * `npm start` as a person runs it in a terminal: its own process group, so Ctrl-C reaches
 * every process in it. Resolves once `until` holds for its processes (by default: once the server is ready).
 */
async function npmStart(dir: string, config: string, port: number, until?: (tree: number[]) => boolean): Promise<NpmStart> {
  const child = spawn('npm', ['start', '--', '--config', config], {
    cwd: root,
    detached: true,
    env: {
      ...process.env,
      PORT: String(port),
      HOST: '127.0.0.1',
      DATABASE_URL: `sqlite:${join(dir, 'gb.db')}`,
      GREENBOARD_DATA_DIR: join(dir, 'data'),
      LOG_LEVEL: 'warn',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once('exit', (code, signal) => resolve({ code, signal })),
  );
  const url = `http://127.0.0.1:${port}`;
  const ready = async () => child.exitCode === null && (await fetch(`${url}/readyz`).catch(() => null))?.ok === true;
  await waitFor(until ? () => until(processTree(child.pid!)) : ready, until ? 'npm start to get there' : `npm start to serve on ${url}`, {
    timeoutMs: 60_000,
  }).catch((error: Error) => {
    child.kill('SIGKILL');
    throw new Error(`${error.message}\n${output}`);
  });
  return { pid: child.pid!, url, tree: processTree(child.pid!), exited, output: () => output };
}

/** What the test setup used to leave behind: `vite build` under the test runner's NODE_ENV=test. */
function buildDevelopmentBoard(): void {
  execFileSync(process.execPath, [join(root, 'node_modules/vite/bin/vite.js'), 'build', '--logLevel', 'error'], {
    cwd: root,
    env: { ...process.env, NODE_ENV: 'test' },
    stdio: 'inherit',
  });
  const script = entryScript(readFileSync(join(clientDir, 'index.html'), 'utf8'));
  expect(reactBuildOf(readFileSync(join(clientDir, script), 'utf8'))).toBe('development');
}

/** Stops `npm start` with `send`, and says what was left behind (then ends it, so a failure leaks nothing). */
async function stopNpmStart(start: NpmStart, send: () => void) {
  send();
  const { code } = await start.exited;
  const leftRunning = stillRunning(start.tree);
  for (const pid of leftRunning) process.kill(pid, 'SIGKILL');
  return { code, leftRunning };
}

/** What `npm start` runs (the client is already built by this project's global setup). */
describe('npm start', () => {
  let target: HttpTarget;
  const dir = mkdtempSync(join(tmpdir(), 'gb-start-'));
  const config = join(dir, 'board.yaml');

  beforeAll(async () => {
    target = await startHttpTarget('up');
    writeFileSync(
      config,
      `services:
  - id: api
    name: API
    checks:
      - { id: health, type: http, url: "${target.url}/health", interval: 5m }
`,
    );
  });
  afterAll(async () => {
    await target?.close();
  });

  it('after the test setup, the board in dist/client is a production build', () => {
    const script = entryScript(readFileSync(join(clientDir, 'index.html'), 'utf8'));
    expect(reactBuildOf(readFileSync(join(clientDir, script), 'utf8'))).toBe('production');
    expect(JSON.parse(readFileSync(join(clientDir, '.build.json'), 'utf8'))).toMatchObject({ production: true });
  });

  it('builds the server, serves the board and the API, runs every check once soon after start, and stops cleanly on SIGTERM', async () => {
    const port = await stablePort();
    const child = spawn(process.execPath, [join(root, 'scripts/start.mjs'), '--config', config], {
      cwd: dir,
      env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', DATABASE_URL: `sqlite:${join(dir, 'gb.db')}`, LOG_LEVEL: 'warn' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
    const url = `http://127.0.0.1:${port}`;
    try {
      await waitFor(async () => child.exitCode === null && (await fetch(`${url}/readyz`).catch(() => null))?.ok === true, `npm start to serve on ${url}`, {
        timeoutMs: 60_000,
      }).catch((error: Error) => {
        throw new Error(`${error.message}\n${output}`);
      });
      expect(existsSync(join(root, 'dist/server.mjs'))).toBe(true);
      const page = await fetch(`${url}/`);
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<div id="root">');
      // A five-minute check still has its first result right after start.
      await waitFor(async () => {
        const body = (await (await fetch(`${url}/api/services`)).json()) as ServicesResponse;
        return body.services[0]?.checks[0]?.lastCheckedAt != null;
      }, 'the first result of a 5m check');
      const body = (await (await fetch(`${url}/api/services`)).json()) as ServicesResponse;
      expect(body.services[0]).toMatchObject({ id: 'api', status: 'up' });
    } finally {
      child.kill('SIGTERM');
    }
    expect(await exited).toBe(0);
  });

  // Each test builds or starts twice: room for that on a busy machine.
  const twoSteps = { timeout: 180_000 };

  describe.skipIf(requirement('Linux /proc', existsSync('/proc/self/stat'), 'process trees are read from /proc').skip)('as a terminal runs it', () => {
    it('replaces a development build of the board with a production one before serving it', twoSteps, async () => {
      buildDevelopmentBoard();

      const start = await npmStart(dir, config, await stablePort());
      try {
        expect(await servedReactBuild(start.url)).toBe('production');
      } finally {
        await stopNpmStart(start, () => process.kill(start.pid, 'SIGTERM'));
      }
    });

    it('SIGTERM while the board is being built stops the build too, and leaves nothing running', twoSteps, async () => {
      buildDevelopmentBoard();
      const start = await npmStart(dir, config, await stablePort(), (tree) => tree.some(isViteBuild));
      const stopped = await stopNpmStart(start, () => process.kill(start.pid, 'SIGTERM'));
      expect(stopped.leftRunning, start.output()).toEqual([]);
    });

    it("when npm's process gets SIGTERM, the server stops with it, frees its port and a second start succeeds", twoSteps, async () => {
      const port = await stablePort();
      const first = await npmStart(dir, config, port);
      expect(first.tree.length).toBeGreaterThan(1); // npm and the server it runs
      const stopped = await stopNpmStart(first, () => process.kill(first.pid, 'SIGTERM'));
      expect(stopped, first.output()).toEqual({ code: 0, leftRunning: [] });
      expect(await portIsFree(port)).toBe(true);

      const second = await npmStart(dir, config, port);
      try {
        const body = (await (await fetch(`${second.url}/api/services`)).json()) as ServicesResponse;
        expect(body.services.map((service) => service.id)).toEqual(['api']);
      } finally {
        const again = await stopNpmStart(second, () => process.kill(second.pid, 'SIGTERM'));
        expect(again, second.output()).toEqual({ code: 0, leftRunning: [] });
      }
    });

    it('Ctrl-C (SIGINT to the whole process group) stops npm and the server, leaving nothing running', async () => {
      const port = await stablePort();
      const start = await npmStart(dir, config, port);
      const stopped = await stopNpmStart(start, () => process.kill(-start.pid, 'SIGINT'));
      expect(stopped, start.output()).toEqual({ code: 0, leftRunning: [] });
      expect(await portIsFree(port)).toBe(true);
    });
  });
});
