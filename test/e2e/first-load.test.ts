import { readFileSync } from 'node:fs';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage } from '../helpers/browser';
import { chromiumRequirement } from '../helpers/requirements';
import { startServerProcess, type ServerProcess } from '../helpers/server-process';
import { stablePort, startHttpTarget, type HttpTarget } from '../helpers/targets';

const { skip } = chromiumRequirement();
const BUDGET_GZIP_BYTES = 150 * 1024;
const CLIENT_DIR = join(import.meta.dirname, '..', '..', 'dist', 'client');

/**
 * The wall's first load: every script a wall screen fetches until its tiles are up, from
 * the build the server serves, stays within 150 KB gzip, and none of it is the charts'
 * code (recharts loads with a service page, never with the wall).
 */
describe.skipIf(skip)("the wall route's first load", () => {
  let target: HttpTarget;
  let server: ServerProcess;
  let browser: Browser;
  const dir = mkdtempSync(join(tmpdir(), 'gb-e2e-first-load-'));

  beforeAll(async () => {
    target = await startHttpTarget('up');
    writeFileSync(
      join(dir, 'board.yaml'),
      `services:\n  - id: checkout\n    name: Checkout API\n    checks:\n      - { id: health, type: http, url: "${target.url}/health", interval: 1s }\n`,
    );
    server = await startServerProcess({ config: join(dir, 'board.yaml'), dbFile: join(dir, 'greenboard.db'), port: await stablePort() });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.kill('SIGKILL');
    await target?.close();
  });

  it('is under 150 KB of JavaScript gzip, without the charts', async () => {
    const page = await openPage(browser, { width: 1920, height: 1080 });
    const scripts = new Set<string>();
    page.on('request', (request) => {
      if (request.resourceType() === 'script') scripts.add(new URL(request.url()).pathname);
    });
    await page.goto(server.url);
    await page.locator('[data-service="checkout"][data-status="up"]').waitFor({ timeout: 15_000 });
    await page.waitForLoadState('networkidle');
    await page.close();

    expect(scripts.size).toBeGreaterThan(0);
    const files = [...scripts].map((path) => ({ path, bytes: readFileSync(join(CLIENT_DIR, path)) }));
    const gzipped = files.reduce((sum, f) => sum + gzipSync(f.bytes).length, 0);
    expect(gzipped, files.map((f) => f.path).join(', ')).toBeLessThan(BUDGET_GZIP_BYTES);
    // recharts names its chart surface in its code; the wall must not have fetched it.
    expect(files.filter((f) => f.bytes.includes('recharts-surface')).map((f) => f.path)).toEqual([]);
  });
});
