import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage } from '../helpers/browser';
import { chromiumRequirement } from '../helpers/requirements';
import { startServerProcess, type ServerProcess } from '../helpers/server-process';
import { stablePort, startHttpTarget, type HttpTarget } from '../helpers/targets';

const { skip } = chromiumRequirement();

describe.skipIf(skip)('the board in a real browser', () => {
  let target: HttpTarget;
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  let port: number;
  const dir = mkdtempSync(join(tmpdir(), 'gb-e2e-'));
  const config = join(dir, 'board.yaml');
  const dbFile = join(dir, 'greenboard.db');

  const tile = (id: string) => page.locator(`[data-service="${id}"]`);
  const connection = () => page.locator('html').getAttribute('data-connection');

  beforeAll(async () => {
    target = await startHttpTarget('up');
    port = await stablePort();
    writeFileSync(
      config,
      `teams:
  - { id: payments, name: Payments }
services:
  - id: checkout
    name: Checkout API
    team: payments
    checks:
      - { id: health, type: http, url: "${target.url}/health", interval: 1s, timeout: 500ms, failureThreshold: 1, expect: { status: 200 } }
  - id: search
    name: Search
    checks:
      - { id: health, type: http, url: "${target.url}/search", interval: 5s, timeout: 500ms }
`,
    );
    server = await startServerProcess({ config, dbFile, port });
    browser = await launchChromium();
    page = await openPage(browser);
    await page.goto(server.url);
    await page.locator('[data-service="checkout"][data-status="up"]').waitFor({ timeout: 15_000 });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.kill('SIGKILL');
    await target?.close();
  });

  it('shows every service as a tile with its status as a word, and the connection live', async () => {
    expect(await tile('checkout').getAttribute('data-status')).toBe('up');
    await expect.poll(() => tile('search').getAttribute('data-status'), { timeout: 10_000 }).toBe('up');
    expect(await tile('checkout').innerText()).toMatch(/Checkout API[\s\S]*Up[\s\S]*Payments/);
    expect(await connection()).toBe('live');
  });

  it('a target that goes down turns its tile down, first on the board, and the tab title counts it', async () => {
    target.mode = 'down';
    await page.locator('[data-service="checkout"][data-status="down"]').waitFor({ timeout: 10_000 });
    await expect.poll(() => page.title()).toMatch(/^\(\d\) Greenboard/);
    const first = await page.locator('[data-service]').first().getAttribute('data-service');
    expect(first).toBe('checkout');
    target.mode = 'up';
    await page.locator('[data-service="checkout"][data-status="up"]').waitFor({ timeout: 10_000 });
  });

  it('a frozen server (SIGSTOP) turns the whole board stale; SIGCONT brings it back live', async () => {
    server.child.kill('SIGSTOP');
    try {
      await page.locator('html[data-connection="stale"]').waitFor({ state: 'attached', timeout: 25_000 });
      expect(await page.locator('body').innerText()).toMatch(/Connection lost — last update \d\d:\d\d:\d\d/);
      expect(await page.locator('body').innerText()).not.toMatch(/All systems operational/);
    } finally {
      server.child.kill('SIGCONT');
    }
    await page.locator('html[data-connection="live"]').waitFor({ state: 'attached', timeout: 25_000 });
  });

  it('a killed and restarted server is picked up again without reloading the page', async () => {
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    await server.kill('SIGKILL');
    await page.locator('html[data-connection="stale"]').waitFor({ state: 'attached', timeout: 15_000 });
    target.mode = 'down';
    server = await startServerProcess({ config, dbFile, port });
    await page.locator('html[data-connection="live"]').waitFor({ state: 'attached', timeout: 30_000 });
    await page.locator('[data-service="checkout"][data-status="down"]').waitFor({ timeout: 15_000 });
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    target.mode = 'up';
  });
});
