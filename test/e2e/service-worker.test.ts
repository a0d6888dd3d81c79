import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium } from '../helpers/browser';
import { chromiumRequirement } from '../helpers/requirements';
import { startServerProcess, type ServerProcess } from '../helpers/server-process';
import { stablePort, startHttpTarget, type HttpTarget } from '../helpers/targets';

const { skip } = chromiumRequirement();
const WORKER_FILE = join(import.meta.dirname, '..', '..', 'dist', 'client', 'sw.js');

/** A page of the context, reporting what would otherwise vanish; failed connections are expected here. */
async function pageIn(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[browser] uncaught in the page: ${error.stack ?? error.message}`));
  return page;
}

/** The service worker's caches, and what each holds of the page and the board. */
const cachesOf = (page: Page) =>
  page.evaluate(async () => {
    const found: Array<{ name: string; page: boolean; board: boolean }> = [];
    // Never `caches.open`: it would make again a cache the worker has just dropped.
    const has = async (path: string, cacheName: string) => (await caches.match(path, { cacheName })) !== undefined;
    for (const name of await caches.keys()) found.push({ name, page: await has('/', name), board: await has('/api/services', name) });
    return found;
  });

describe.skipIf(skip)('a screen that starts while its server is away', () => {
  let target: HttpTarget;
  let server: ServerProcess;
  let browser: Browser;
  let context: BrowserContext;
  let port: number;
  const dir = mkdtempSync(join(tmpdir(), 'gb-e2e-sw-'));
  const config = join(dir, 'board.yaml');
  const dbFile = join(dir, 'greenboard.db');

  beforeAll(async () => {
    target = await startHttpTarget('up');
    port = await stablePort();
    writeFileSync(
      config,
      `services:
  - id: checkout
    name: Checkout API
    checks:
      - { id: health, type: http, url: "${target.url}/health", interval: 1s, failureThreshold: 1 }
  - id: search
    name: Search
    checks:
      - { id: health, type: http, url: "${target.url}/search", interval: 1s }
`,
    );
    server = await startServerProcess({ config, dbFile, port });
    browser = await launchChromium();
    context = await browser.newContext({ viewport: { width: 1280, height: 720 } });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.kill('SIGKILL');
    await target?.close();
  });

  it('a first visit installs the service worker, which keeps the page and the last board in a cache of its release', async () => {
    const page = await pageIn(context);
    await page.goto(server.url);
    await page.locator('html[data-connection="live"]').waitFor({ state: 'attached', timeout: 15_000 });
    await page.waitForFunction(() => navigator.serviceWorker.controller !== null, null, { timeout: 15_000 });
    await expect
      .poll(() => cachesOf(page), { timeout: 30_000 })
      .toEqual([{ name: expect.stringMatching(/^greenboard-[0-9a-f]{16}$/), page: true, board: true }]);
    await page.close();
  });

  it("booted again with the server down, it shows Greenboard waiting over the last board, stale — never the browser's error page — and goes live when the server is back", async () => {
    await server.kill('SIGKILL');
    const tv = await pageIn(context);
    await tv.goto(`${server.url}/?kiosk`);
    expect(tv.url()).toBe(`${server.url}/?kiosk`);
    const waiting = tv.locator('[data-waiting-server]');
    await waiting.waitFor({ timeout: 15_000 });
    expect(await waiting.innerText()).toMatch(/Waiting for the server…[\s\S]*tries again by itself/);
    expect(await waiting.getAttribute('data-last-board')).toMatch(/^\d{4}-\d\d-\d\dT/);
    expect(await tv.locator('html').getAttribute('data-connection')).toBe('stale');
    expect(await tv.locator('[data-service="checkout"]').count()).toBe(1);
    expect(await tv.locator('.banner').innerText()).not.toMatch(/All systems operational/);

    target.mode = 'down';
    server = await startServerProcess({ config, dbFile, port });
    await tv.locator('html[data-connection="live"]').waitFor({ state: 'attached', timeout: 30_000 });
    expect(await waiting.count()).toBe(0);
    await tv.locator('[data-service="checkout"][data-status="down"]').waitFor({ timeout: 15_000 });
    target.mode = 'up';
    await tv.close();
  });

  it("a new release's worker takes over with a cache of its own and drops the old one; the last board is kept in the new one", async () => {
    const page = await pageIn(context);
    await page.goto(server.url);
    await page.locator('html[data-connection="live"]').waitFor({ state: 'attached', timeout: 15_000 });
    const [before] = await cachesOf(page);
    // A new release is a new /sw.js: the same worker with another release name will do.
    const original = readFileSync(WORKER_FILE, 'utf8');
    const release = before!.name.replace('greenboard-', '');
    expect(original).toContain(`"${release}"`);
    writeFileSync(WORKER_FILE, original.replace(`"${release}"`, '"feedfacefeedface"'));
    try {
      await page.evaluate(async () => {
        await (await navigator.serviceWorker.getRegistration())!.update();
      });
      await expect.poll(() => cachesOf(page), { timeout: 30_000 }).toEqual([{ name: 'greenboard-feedfacefeedface', page: true, board: true }]);
    } finally {
      writeFileSync(WORKER_FILE, original);
    }
  });
});
