import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SHIFT_PERIOD_MS, shiftAt, shiftAttribute } from '../../client/kiosk/pixel-shift';
import { launchChromium } from '../helpers/browser';
import { chromiumRequirement } from '../helpers/requirements';
import { startServerProcess, type ServerProcess } from '../helpers/server-process';
import { stablePort, startHttpTarget, type HttpTarget } from '../helpers/targets';

const { skip } = chromiumRequirement();
const SCREEN = { width: 1920, height: 1080 };
const START = Date.parse('2026-03-02T09:40:10Z');

/** A page that reports what would otherwise vanish, as openPage does, in a context of the test's own. */
async function pageIn(context: BrowserContext): Promise<Page> {
  const page = await context.newPage();
  page.on('pageerror', (error) => console.error(`[browser] uncaught in the page: ${error.stack ?? error.message}`));
  return page;
}

const box = async (page: Page, selector: string) => (await page.locator(selector).first().boundingBox())!;

describe.skipIf(skip)('a screen opened with ?kiosk', () => {
  let up: HttpTarget;
  let down: HttpTarget;
  let server: ServerProcess;
  let browser: Browser;
  let context: BrowserContext;
  let page: Page;
  const dir = mkdtempSync(join(tmpdir(), 'gb-e2e-kiosk-'));

  beforeAll(async () => {
    up = await startHttpTarget('up');
    down = await startHttpTarget('down');
    const services = ['checkout', 'search', 'ledger', 'orders', 'mail'].map(
      (id) =>
        `  - id: ${id}\n    name: ${id}\n    team: payments\n    checks:\n      - { id: health, type: http, url: "${id === 'checkout' ? down.url : up.url}/health", interval: 2s, failureThreshold: 1 }\n`,
    );
    writeFileSync(join(dir, 'board.yaml'), `teams:\n  - { id: payments, name: Payments }\nservices:\n${services.join('')}`);
    server = await startServerProcess({ config: join(dir, 'board.yaml'), dbFile: join(dir, 'greenboard.db'), port: await stablePort() });
    browser = await launchChromium();
    // The clock's zone is the screen's: UTC here, so the time it shows is known.
    context = await browser.newContext({ viewport: SCREEN, timezoneId: 'UTC', serviceWorkers: 'block' });
    page = await pageIn(context);
    await page.clock.install({ time: START });
    await page.goto(`${server.url}/?kiosk`);
    await page.locator('[data-service="checkout"][data-status="down"]').waitFor({ timeout: 15_000 });
    await page.locator('html[data-connection="live"]').waitFor({ state: 'attached' });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.kill('SIGKILL');
    await up?.close();
    await down?.close();
  });

  it('hides the cursor, and a click on a tile opens nothing: a stray pointer never takes the wall away', async () => {
    expect(await page.locator('html').getAttribute('data-kiosk')).toBe('');
    for (const selector of ['body', '[data-service="checkout"] .tile-link', '.banner']) {
      expect(
        await page
          .locator(selector)
          .first()
          .evaluate((el) => getComputedStyle(el).cursor),
        selector,
      ).toBe('none');
    }
    const tile = await box(page, '[data-service="search"]');
    await page.mouse.click(tile.x + tile.width / 2, tile.y + tile.height / 2);
    expect(new URL(page.url()).pathname).toBe('/');
    expect(await page.locator('[data-service]').count()).toBe(5);
  });

  it('shows the time and how fresh the board is in the top right corner, clear of the banner and smaller than it', async () => {
    expect(await page.locator('[data-kiosk-clock]').textContent()).toBe('09:40');
    expect(await page.locator('[data-updated-ago]').textContent()).toMatch(/^updated (just now|[0-4]s ago)$/);
    expect(Number(await page.locator('[data-updated-ago]').getAttribute('data-updated-ago'))).toBeLessThanOrEqual(4);
    const corner = await box(page, '.kiosk-corner');
    expect(corner.x + corner.width).toBeGreaterThan(SCREEN.width - 3);
    expect(corner.y).toBeLessThanOrEqual(0);
    for (const words of ['.banner-text', '.banner-uptime']) {
      const b = await box(page, words);
      expect(b.x + b.width, words).toBeLessThan(corner.x);
    }
    const size = (selector: string) =>
      page
        .locator(selector)
        .first()
        .evaluate((el) => parseFloat(getComputedStyle(el).fontSize));
    expect(await size('[data-kiosk-clock]')).toBeLessThan(await size('.banner-text'));
  });

  it('keeps the screen awake', async () => {
    await expect.poll(() => page.locator('html').getAttribute('data-wake-lock')).toBe('held');
  });

  it('moves the whole board a pixel every few minutes, and never makes the page scroll', async () => {
    const offset = () => page.evaluate(() => document.getElementById('root')!.getBoundingClientRect()).then((r) => `${r.left},${r.top}`);
    const before = shiftAttribute(shiftAt(START));
    expect(await page.locator('html').getAttribute('data-shift')).toBe(before);
    expect(await offset()).toBe(before);
    await page.clock.fastForward(SHIFT_PERIOD_MS);
    const after = shiftAttribute(shiftAt(START + SHIFT_PERIOD_MS));
    expect(after).not.toBe(before);
    await expect.poll(() => page.locator('html').getAttribute('data-shift')).toBe(after);
    expect(await offset()).toBe(after);
    expect(await page.locator('[data-kiosk-clock]').textContent()).toBe('09:43');
    const scroll = await page.evaluate(() => {
      const el = document.scrollingElement!;
      return { x: el.scrollWidth - el.clientWidth, y: el.scrollHeight - el.clientHeight };
    });
    expect(scroll).toEqual({ x: 0, y: 0 });
  });
});

describe.skipIf(skip)('a kiosk with a new release on its server', () => {
  let target: HttpTarget;
  let server: ServerProcess;
  let browser: Browser;
  const dir = mkdtempSync(join(tmpdir(), 'gb-e2e-refresh-'));

  beforeAll(async () => {
    target = await startHttpTarget('up');
    writeFileSync(
      join(dir, 'board.yaml'),
      `services:\n  - id: api\n    name: API\n    checks:\n      - { id: health, type: http, url: "${target.url}/health", interval: 2s }\n`,
    );
    server = await startServerProcess({ config: join(dir, 'board.yaml'), dbFile: join(dir, 'greenboard.db'), port: await stablePort() });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.kill('SIGKILL');
    await target?.close();
  });

  it("fetches the new release's files, then reloads into it by itself and is live again", async () => {
    const context = await browser.newContext({ viewport: SCREEN, serviceWorkers: 'block' });
    const page = await pageIn(context);
    // The server's page as a new release would have it: one more file (that exists) to load.
    let asked = 0;
    let nextFile = '';
    await page.route(`${server.url}/`, async (route) => {
      if (route.request().isNavigationRequest()) return route.fallback();
      asked += 1;
      const response = await route.fetch();
      const html = await response.text();
      nextFile = `${/src="(\/assets\/[^"]+\.js)"/.exec(html)![1]}?release=next`;
      await route.fulfill({ response, body: html.replace('</head>', `<link rel="modulepreload" href="${nextFile}"></head>`) });
    });
    const requested: string[] = [];
    page.on('request', (request) => requested.push(new URL(request.url()).pathname + new URL(request.url()).search));
    await page.goto(`${server.url}/?kiosk&refresh=5s`);
    await page.locator('html[data-connection="live"]').waitFor({ state: 'attached', timeout: 15_000 });
    const reloaded = page.waitForEvent('framenavigated', { timeout: 30_000 });
    await reloaded;
    expect(asked).toBeGreaterThanOrEqual(1);
    expect(requested).toContain(nextFile);
    await page.locator('html[data-connection="live"]').waitFor({ state: 'attached', timeout: 15_000 });
    expect(new URL(page.url()).search).toBe('?kiosk&refresh=5s');
    expect(await page.locator('[data-service="api"]').count()).toBe(1);
  });
});
