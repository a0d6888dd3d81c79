import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage } from '../helpers/browser';
import { chromiumRequirement } from '../helpers/requirements';
import { startServerProcess, type ServerProcess } from '../helpers/server-process';
import { stablePort, startHttpTarget, type HttpTarget } from '../helpers/targets';
import { startDemoShop, type DemoShop } from '../helpers/webapp';

const { skip } = chromiumRequirement();

describe.skipIf(skip)('the service page in a real browser', () => {
  let target: HttpTarget;
  let shop: DemoShop;
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  const dir = mkdtempSync(join(tmpdir(), 'gb-e2e-service-'));
  const config = join(dir, 'board.yaml');

  const downTile = (id: string) => page.locator(`[data-service="${id}"][data-status="down"]`);

  beforeAll(async () => {
    target = await startHttpTarget('down');
    shop = await startDemoShop();
    shop.faults.add('login'); // signing in fails, so the browser check fails and takes a screenshot
    writeFileSync(
      config,
      `teams:
  - { id: payments, name: Payments }
services:
  - id: checkout
    name: Checkout API
    team: payments
    links: { runbook: "${target.url}/runbooks/checkout" }
    checks:
      - { id: health, type: http, url: "${target.url}/health", interval: 1s, timeout: 500ms, failureThreshold: 1, expect: { status: 200 } }
  - id: shop
    name: Shop sign-in
    checks:
      - id: sign-in
        type: browser
        interval: 5s
        timeout: 4s
        failureThreshold: 1
        steps:
          - goto: "${shop.url}"
          - fill: { selector: "input[name=username]", value: demo, secret: false }
          - fill: { selector: "input[name=password]", value: demo-password }
          - click: "button[type=submit]"
          - expectText: "Signed in as"
`,
    );
    server = await startServerProcess({ config, dbFile: join(dir, 'greenboard.db'), port: await stablePort() });
    browser = await launchChromium();
    page = await openPage(browser);
    await page.goto(server.url);
    await downTile('checkout').waitFor({ timeout: 15_000 });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.kill('SIGKILL');
    await target?.close();
    await shop?.close();
  });

  it('a red tile opens its page, in place, showing why it is red and where the runbook is', async () => {
    await page.evaluate(() => ((window as unknown as { notReloaded: boolean }).notReloaded = true));
    await downTile('checkout').click();
    await page.waitForURL(`${server.url}/services/checkout`);
    await page.getByRole('heading', { level: 1, name: 'Checkout API' }).waitFor();
    await page.locator('[data-check="health"]').getByText('expected status 200, got 503').waitFor();
    const runbook = page.getByRole('link', { name: /Runbook/ });
    expect(await runbook.getAttribute('href')).toBe(`${target.url}/runbooks/checkout`);
    // The latest failure's details came from the history API: what came back.
    await page.locator('[data-problem-check="health"]').getByText('Service Unavailable').waitFor({ timeout: 10_000 });
    await page.locator('[data-chart-check="health"] svg').first().waitFor({ timeout: 10_000 });
    expect(await page.evaluate(() => (window as unknown as { notReloaded?: boolean }).notReloaded)).toBe(true);
    await expect.poll(() => page.title()).toBe('Checkout API — down · Greenboard');
  });

  it('stays live while open: each new run joins the chart as it happens, not at the next refetch', async () => {
    // The check stays down, so no board delta comes; only the page's own watch brings runs.
    const runs = async () => Number(/(\d+) runs?/.exec((await page.locator('[data-chart-check="health"]').textContent()) ?? '')?.[1] ?? NaN);
    const before = await runs();
    expect(before).toBeGreaterThan(0);
    await expect.poll(runs, { timeout: 10_000 }).toBeGreaterThanOrEqual(before + 3);
  });

  it('"Back to the board" returns to the wall', async () => {
    await page.getByRole('link', { name: /Back to the board/ }).click();
    await page.waitForURL(`${server.url}/`);
    await page.locator('[data-service="shop"]').waitFor();
  });

  it('a failed browser check shows the screenshot it took, loaded from the server', async () => {
    await downTile('shop').waitFor({ timeout: 30_000 });
    await downTile('shop').click();
    await page.waitForURL(`${server.url}/services/shop`);
    await page
      .locator('[data-check="sign-in"]')
      .getByText(/Signed in as/)
      .waitFor();
    const shot = page.locator('[data-problem-check="sign-in"] .screenshot img');
    await shot.waitFor({ timeout: 15_000 });
    await expect.poll(() => shot.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth), { timeout: 10_000 }).toBeGreaterThan(0);
    expect(await shot.getAttribute('src')).toMatch(/^\/api\/artifacts\/[\w.-]+\.png$/);
  });

  it('a deep link to a service page loads it directly', async () => {
    const response = await page.goto(`${server.url}/services/checkout`);
    expect(response?.status()).toBe(200);
    await page.getByRole('heading', { level: 1, name: 'Checkout API' }).waitFor({ timeout: 15_000 });
    await page.locator('[data-check="health"][data-check-status="down"]').waitFor();
    await page.locator('html[data-connection="live"]').waitFor({ state: 'attached' });
  });

  it("shows a red service's uptime: today is a bar of the worst level, and its day reads 0 %", async () => {
    await page.goto(`${server.url}/services/checkout`);
    const section = page.locator('[data-uptime-section]');
    const today = section.locator('[data-uptime-day]').last();
    await expect.poll(() => today.getAttribute('data-uptime-level'), { timeout: 15_000 }).toBe('low');
    expect(await section.locator('[data-uptime-day]').count()).toBe(90);
    expect(await today.getAttribute('title')).toMatch(/^\d{4}-\d{2}-\d{2}: 0\.00 % up, .+ down, /);
    expect(await section.locator('[data-uptime-window="24h"]').first().textContent()).toBe('0.00 %');
  });

  it('a deep link to an unknown service says there is none', async () => {
    await page.goto(`${server.url}/services/no-such-thing`);
    await page.getByRole('heading', { name: 'No service with id “no-such-thing”' }).waitFor({ timeout: 15_000 });
  });
});
