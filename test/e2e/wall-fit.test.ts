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
const SERVICES = 80;
const DOWN = ['web-7', 'web-61'];

describe.skipIf(skip)('a wall with more services than fit on the screen', () => {
  let up: HttpTarget;
  let down: HttpTarget;
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  const dir = mkdtempSync(join(tmpdir(), 'gb-e2e-fit-'));

  beforeAll(async () => {
    up = await startHttpTarget('up');
    down = await startHttpTarget('down');
    const services = Array.from({ length: SERVICES }, (_, i) => {
      const id = `web-${i}`;
      const url = `${DOWN.includes(id) ? down.url : up.url}/health`;
      const name = id === DOWN[0] ? 'Ledger settlement and reconciliation service for the European payment rails, primary' : `Web ${i}`;
      return `  - id: ${id}\n    name: ${name}\n    checks:\n      - { id: health, type: http, url: "${url}", interval: 2s, failureThreshold: 1 }\n`;
    });
    writeFileSync(join(dir, 'board.yaml'), `services:\n${services.join('')}`);
    server = await startServerProcess({ config: join(dir, 'board.yaml'), dbFile: join(dir, 'greenboard.db'), port: await stablePort() });
    browser = await launchChromium();
    page = await openPage(browser, { width: 1280, height: 720 });
    await page.goto(server.url);
    for (const id of DOWN) await page.locator(`[data-service="${id}"][data-status="down"]`).waitFor({ timeout: 15_000 });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.kill('SIGKILL');
    await up?.close();
    await down?.close();
  });

  it('a down tile with a very long name still shows its status and why, within the tile', async () => {
    const tile = page.locator(`[data-service="${DOWN[0]}"]`);
    const box = (await tile.boundingBox())!;
    for (const part of ['.tile-status', '.tile-message']) {
      const inner = (await tile.locator(part).boundingBox())!;
      expect(inner.y + inner.height, part).toBeLessThanOrEqual(box.y + box.height);
    }
    expect(await tile.locator('.tile-message').textContent()).toContain('health:');
  });

  it('does not scroll: the problems are on screen and the rest of the up services fold into one tile', async () => {
    const folded = page.locator('[data-folded]');
    await folded.waitFor();
    const grid = await page.locator('.grid').evaluate((el) => ({ scroll: el.scrollHeight, client: el.clientHeight }));
    expect(grid.scroll).toBeLessThanOrEqual(grid.client);
    for (const id of DOWN) {
      const box = await page.locator(`[data-service="${id}"]`).boundingBox();
      expect(box!.y + box!.height).toBeLessThanOrEqual(720);
    }
    const tiles = await page.locator('[data-service]').count();
    expect(Number(await folded.getAttribute('data-folded'))).toBe(SERVICES - tiles);
    expect(tiles).toBeGreaterThan(DOWN.length);
    const foldedBox = await folded.boundingBox();
    expect(foldedBox!.y + foldedBox!.height).toBeLessThanOrEqual(720);
  });

  it('a click on the folded tile shows every service, the first of them focused; "Fit to screen" folds them again', async () => {
    const firstFolded = await page.locator('[data-folded] .tile-message').textContent();
    await page.locator('[data-folded] button').click();
    await expect.poll(() => page.locator('[data-service]').count()).toBe(SERVICES);
    expect(await page.locator('[data-folded]').count()).toBe(0);
    const focused = await page.evaluate(() => document.activeElement?.textContent ?? '');
    expect(firstFolded!.startsWith(focused)).toBe(true);
    await page.getByRole('button', { name: 'Fit to screen' }).click();
    await page.locator('[data-folded]').waitFor();
    const grid = await page.locator('.grid').evaluate((el) => ({ scroll: el.scrollHeight, client: el.clientHeight }));
    expect(grid.scroll).toBeLessThanOrEqual(grid.client);
  });
});
