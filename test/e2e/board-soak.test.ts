import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, CDPSession, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage } from '../helpers/browser';
import { chromiumRequirement } from '../helpers/requirements';
import { startServerProcess, type ServerProcess } from '../helpers/server-process';
import { stablePort, startHttpTarget, type HttpTarget } from '../helpers/targets';

const { skip } = chromiumRequirement();
const HOUR = 3_600_000;
/** The page's clock jumps this far at a time; every timer due in between fires once. */
const STEP = 3 * HOUR;
const SERVICES = 40;

interface Footprint {
  nodes: number;
  listeners: number;
  heapBytes: number;
}

/** What the page holds after a full garbage collection: DOM nodes, event listeners, JS heap in use. */
async function footprint(cdp: CDPSession): Promise<Footprint> {
  await cdp.send('HeapProfiler.collectGarbage');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string) => metrics.find((m) => m.name === name)?.value ?? Number.NaN;
  return { nodes: metric('Nodes'), listeners: metric('JSEventListeners'), heapBytes: metric('JSHeapUsedSize') };
}

/**
 * A wall left open for 72 hours: its clock runs 72 hours forward an hour at a time (every
 * timer of the page due in that hour fires), while the server really pushes status changes
 * (one service flapping) and the page really receives them. What it holds at the end is
 * what it held after the first hour, give or take: no growth in DOM nodes, listeners or memory.
 */
describe.skipIf(skip)('a wall left open for three days', () => {
  let up: HttpTarget;
  let flapping: HttpTarget;
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  let cdp: CDPSession;
  const dir = mkdtempSync(join(tmpdir(), 'gb-e2e-soak-'));

  beforeAll(async () => {
    up = await startHttpTarget('up');
    flapping = await startHttpTarget('up');
    const services = Array.from({ length: SERVICES }, (_, i) => {
      const url = i === 0 ? `${flapping.url}/health` : `${up.url}/health`;
      return `  - id: web-${i}\n    name: Web ${i}\n    checks:\n      - { id: health, type: http, url: "${url}", interval: 1s, timeout: 500ms, failureThreshold: 1 }\n`;
    });
    writeFileSync(join(dir, 'board.yaml'), `services:\n${services.join('')}`);
    server = await startServerProcess({ config: join(dir, 'board.yaml'), dbFile: join(dir, 'greenboard.db'), port: await stablePort() });
    browser = await launchChromium();
    page = await openPage(browser, { width: 1920, height: 1080 });
    await page.clock.install();
    await page.goto(server.url);
    await page.locator('[data-service="web-0"][data-status="up"]').waitFor({ timeout: 15_000 });
    cdp = await page.context().newCDPSession(page);
    await cdp.send('Performance.enable');
  });

  afterAll(async () => {
    await browser?.close();
    await server?.kill('SIGKILL');
    await up?.close();
    await flapping?.close();
  });

  /** Three hours of the page's life: its timers for them, and a real down-and-up of web-0 pushed by the server. */
  async function aStep(): Promise<void> {
    await page.clock.fastForward(STEP);
    flapping.mode = 'down';
    await page.locator('[data-service="web-0"][data-status="down"]').waitFor({ timeout: 15_000 });
    flapping.mode = 'up';
    await page.locator('[data-service="web-0"][data-status="up"]').waitFor({ timeout: 15_000 });
  }

  it('holds no more DOM nodes, listeners or memory after 72 hours than after the first three', { timeout: 300_000 }, async () => {
    await aStep();
    const first = await footprint(cdp);
    for (let hours = 2 * STEP; hours <= 72 * HOUR; hours += STEP) await aStep();
    const last = await footprint(cdp);
    // The same board on screen: the same nodes, give or take a changing line of text.
    expect(last.nodes).toBeLessThanOrEqual(first.nodes * 1.05 + 20);
    expect(last.listeners).toBeLessThanOrEqual(first.listeners + 5);
    // 69 more hours of changes and timers must not pile up: a leak of even one object per change would show.
    expect(last.heapBytes).toBeLessThanOrEqual(first.heapBytes * 1.15 + 1_000_000);
    // And it is still live, not stale.
    expect(await page.locator('html').getAttribute('data-connection')).toBe('live');
  });
});
