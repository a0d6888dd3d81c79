import { spawn } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServicesResponse } from '../../shared/api';
import { stablePort, startHttpTarget, type HttpTarget } from '../helpers/targets';
import { waitFor } from '../helpers/wait';

const root = join(import.meta.dirname, '..', '..');

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
});
