import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { luminance } from '../../client/colour-vision';
import { launchChromium, openPage } from '../helpers/browser';
import { chromiumRequirement } from '../helpers/requirements';
import { startServerProcess, type ServerProcess } from '../helpers/server-process';
import { stablePort, startHttpTarget, type HttpTarget } from '../helpers/targets';

const { skip } = chromiumRequirement();

/** The page's background and text as the browser paints them, as hex. */
async function paint(page: Page): Promise<{ theme: string | undefined; bg: string; fg: string }> {
  return page.evaluate(() => {
    const hex = (rgb: string) =>
      `#${(rgb.match(/\d+/g) ?? [])
        .slice(0, 3)
        .map((n) => Number(n).toString(16).padStart(2, '0'))
        .join('')}`;
    const style = getComputedStyle(document.documentElement);
    return { theme: document.documentElement.dataset.theme, bg: hex(style.backgroundColor), fg: hex(style.color) };
  });
}

const isLight = (hex: string) => luminance(hex) > 0.5;

/**
 * A browser tab follows the system's light or dark preference, live; a wall (`?kiosk`)
 * stays dark whatever the system says; `?theme=` decides over both.
 */
describe.skipIf(skip)('the light and dark themes', () => {
  let target: HttpTarget;
  let server: ServerProcess;
  let browser: Browser;
  const dir = mkdtempSync(join(tmpdir(), 'gb-e2e-theme-'));

  beforeAll(async () => {
    target = await startHttpTarget('down');
    writeFileSync(
      join(dir, 'board.yaml'),
      `services:\n  - id: checkout\n    name: Checkout\n    checks:\n      - { id: health, type: http, url: "${target.url}/health", interval: 1s, failureThreshold: 1 }\n`,
    );
    server = await startServerProcess({ config: join(dir, 'board.yaml'), dbFile: join(dir, 'greenboard.db'), port: await stablePort() });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.kill('SIGKILL');
    await target?.close();
  });

  async function open(path: string, scheme: 'light' | 'dark'): Promise<Page> {
    const page = await openPage(browser, { width: 1280, height: 800 });
    await page.emulateMedia({ colorScheme: scheme });
    await page.goto(`${server.url}${path}`);
    // The wall's tile or the service page's heading, once it says the service is down.
    await page.locator('[data-status="down"], [data-tone="down"]').first().waitFor({ timeout: 15_000 });
    return page;
  }

  it('a tab on a light system is light, dark text on a light page, and the tiles keep their status colours', async () => {
    const page = await open('/services/checkout', 'light');
    try {
      const { theme, bg, fg } = await paint(page);
      expect(theme).toBe('light');
      expect(isLight(bg)).toBe(true);
      expect(isLight(fg)).toBe(false);
      // The chart draws with SVG attributes, not CSS: its marks of failed runs take the light theme's red too.
      const mark = page.locator('.recharts-scatter-symbol path').first();
      await mark.waitFor({ timeout: 15_000 });
      expect(await mark.getAttribute('fill')).toBe('#dc2626');
      await page.goto(server.url);
      await page.locator('[data-service="checkout"][data-status="down"]').waitFor();
      const tile = await page.locator('[data-service="checkout"]').evaluate((el) => getComputedStyle(el).backgroundColor);
      expect(tile).toBe('rgb(248, 113, 113)');
    } finally {
      await page.close();
    }
  });

  it('a tab on a dark system is dark, and turns light when the system does, without a reload', async () => {
    const page = await open('/services/checkout', 'dark');
    try {
      expect(await paint(page)).toMatchObject({ theme: 'dark' });
      expect(isLight((await paint(page)).bg)).toBe(false);
      await page.evaluate(() => ((window as unknown as { marker: number }).marker = 1));
      await page.emulateMedia({ colorScheme: 'light' });
      await page.locator('html[data-theme="light"]').waitFor({ state: 'attached' });
      expect(isLight((await paint(page)).bg)).toBe(true);
      expect(await page.evaluate(() => (window as unknown as { marker?: number }).marker)).toBe(1);
    } finally {
      await page.close();
    }
  });

  it('a kiosk wall is dark on a light system', async () => {
    const page = await open('/?kiosk', 'light');
    try {
      const { theme, bg } = await paint(page);
      expect(theme).toBe('dark');
      expect(isLight(bg)).toBe(false);
    } finally {
      await page.close();
    }
  });

  it('?theme= decides over the kiosk and the system', async () => {
    const light = await open('/?kiosk&theme=light', 'dark');
    const dark = await open('/services/checkout?theme=dark', 'light');
    try {
      expect(await paint(light)).toMatchObject({ theme: 'light' });
      expect(isLight((await paint(light)).bg)).toBe(true);
      expect(await paint(dark)).toMatchObject({ theme: 'dark' });
      expect(isLight((await paint(dark)).bg)).toBe(false);
    } finally {
      await light.close();
      await dark.close();
    }
  });
});
