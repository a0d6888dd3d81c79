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

describe.skipIf(skip)('the stand-up page in a real browser', () => {
  let target: HttpTarget;
  let steady: HttpTarget;
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  const dir = mkdtempSync(join(tmpdir(), 'gb-e2e-standup-'));
  const config = join(dir, 'board.yaml');

  const tile = (id: string, status: string) => page.locator(`[data-service="${id}"][data-status="${status}"]`);
  const row = (id: string) => page.locator(`[data-standup-service="${id}"]`);
  const ready = () => page.locator('[data-standup="ready"]').waitFor({ timeout: 15_000 });

  beforeAll(async () => {
    target = await startHttpTarget('up');
    // Search has its own target, so the outage is checkout's alone.
    steady = await startHttpTarget('up');
    writeFileSync(
      config,
      `teams:
  - { id: payments, name: Payments }
  - { id: discovery, name: Discovery }
services:
  - id: checkout
    name: Checkout API
    team: payments
    checks:
      - { id: health, type: http, url: "${target.url}/health", interval: 1s, timeout: 500ms, failureThreshold: 1, expect: { status: 200 } }
  - id: search
    name: Search
    team: discovery
    checks:
      - { id: health, type: http, url: "${steady.url}/search", interval: 1s, timeout: 500ms, expect: { status: 200 } }
`,
    );
    server = await startServerProcess({ config, dbFile: join(dir, 'greenboard.db'), port: await stablePort() });
    browser = await launchChromium();
    page = await openPage(browser, { width: 1440, height: 900 });
    await page.goto(server.url);
    await tile('checkout', 'up').waitFor({ timeout: 15_000 });
    // The outage the stand-up must show: down on the board, then up again.
    target.mode = 'down';
    await tile('checkout', 'down').waitFor({ timeout: 15_000 });
    target.mode = 'up';
    await tile('checkout', 'up').waitFor({ timeout: 15_000 });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.kill('SIGKILL');
    await target?.close();
    await steady?.close();
  });

  it('picking a window shows the outage: downtime, not 100 %, the incident, worst first', async () => {
    await page.goto(`${server.url}/standup`);
    await ready();
    await page.getByRole('button', { name: 'Last 7 days' }).click();
    await page.waitForURL(/period=7d&from=[^&]+&to=[^&]+&tz=/);
    await ready();
    expect(await row('checkout').locator('[data-cell="downtime"]').textContent()).not.toBe('none');
    expect(await row('checkout').locator('[data-cell="uptime"]').textContent()).toMatch(/^\d{1,2}\.\d\d %$/);
    expect(await page.locator('[data-standup-service]').first().getAttribute('data-standup-service')).toBe('checkout');
    await page.locator('[data-standup-incident]').filter({ hasText: 'Checkout API' }).first().waitFor();
  });

  it('the address reproduces the view: the same period and team when opened again', async () => {
    await page.getByRole('combobox', { name: 'Team' }).selectOption({ label: 'Discovery' });
    await page.waitForURL(/team=discovery/);
    const address = page.url();
    const when = await page.locator('.standup-when').textContent();
    const other = await openPage(browser, { width: 1440, height: 900 });
    try {
      await other.goto(address);
      await other.locator('[data-standup="ready"]').waitFor({ timeout: 15_000 });
      expect(other.url()).toBe(address);
      expect(await other.locator('.standup-when').textContent()).toBe(when);
      expect(await other.locator('[data-standup-service]').evaluateAll((rows) => rows.map((r) => r.getAttribute('data-standup-service')))).toEqual(['search']);
      expect(await other.locator('[data-standup-incident]').count()).toBe(0);
    } finally {
      await other.close();
    }
  });
});
