import { copyFileSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OncallResponse } from '../../shared/api';
import { launchChromium, openPage } from '../helpers/browser';
import { chromiumRequirement } from '../helpers/requirements';
import { startServerProcess, type ServerProcess } from '../helpers/server-process';
import { closedPort, stablePort } from '../helpers/targets';

const { skip } = chromiumRequirement();
const HOUR = 3_600_000;
const local = (ms: number) => new Date(ms).toISOString().slice(0, 19);

describe.skipIf(skip)('who is on call, on the board in a real browser', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  let overrideAt = 0;
  const dir = mkdtempSync(join(tmpdir(), 'gb-e2e-oncall-'));

  beforeAll(async () => {
    const now = Date.now();
    // Dave takes over a few seconds after the page is up: the board must follow without a reload.
    overrideAt = Math.ceil(now / 1000) * 1000 + 15_000;
    const config = join(dir, 'board.yaml');
    writeFileSync(
      config,
      `people:
  - { id: alice, name: Alice Liddell }
  - { id: bob, name: Bob Marley }
  - { id: dave, name: Dave Grohl }
teams:
  - id: payments
    name: Payments
    oncall:
      rotation: { timezone: UTC, shift: 1w, start: "${local(now - HOUR)}", members: [alice, bob] }
      overrides: [{ person: dave, from: "${local(overrideAt)}", to: "${local(overrideAt + HOUR)}" }]
services:
  - id: checkout
    name: Checkout
    team: payments
    checks: [{ id: port, type: tcp, host: 127.0.0.1, port: ${await closedPort()}, interval: 1s, timeout: 500ms, failureThreshold: 1 }]
`,
    );
    server = await startServerProcess({ config, dbFile: join(dir, 'greenboard.db'), port: await stablePort() });
    browser = await launchChromium();
    page = await openPage(browser);
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(server.url);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.kill('SIGKILL');
  });

  it('names the person on the on-call strip and on the red tile, and follows a handoff without a reload', async () => {
    const strip = page.locator('[data-oncall-team="payments"]');
    await strip.filter({ hasText: 'Alice Liddell' }).waitFor({ timeout: 15_000 });
    const tile = page.locator('[data-service="checkout"][data-status="down"]');
    await tile.filter({ hasText: 'On call: Alice Liddell' }).waitFor({ timeout: 15_000 });
    expect(Date.now()).toBeLessThan(overrideAt);

    const navigations: string[] = [];
    page.on('framenavigated', (frame) => navigations.push(frame.url()));
    await strip.filter({ hasText: 'Dave Grohl' }).waitFor({ timeout: 30_000 });
    await tile.filter({ hasText: 'On call: Dave Grohl' }).waitFor({ timeout: 5_000 });
    expect(Date.now()).toBeGreaterThanOrEqual(overrideAt);
    expect(navigations).toEqual([]);
  });
});

describe.skipIf(skip)('the example config', () => {
  let server: ServerProcess;
  let browser: Browser;

  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gb-e2e-oncall-example-'));
    const config = join(dir, 'greenboard.yaml');
    copyFileSync(join(import.meta.dirname, '..', '..', 'examples', 'greenboard.yaml'), config);
    server = await startServerProcess({ config, dbFile: join(dir, 'greenboard.db'), port: await stablePort(), env: { GREENBOARD_DEMO: '1' } });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.kill('SIGKILL');
  });

  it('shows on the strip the person its rotations put on call now', async () => {
    const { teams } = (await (await fetch(`${server.url}/api/oncall`)).json()) as OncallResponse;
    expect(teams.map((t) => t.team.id)).toEqual(['payments', 'discovery']);
    const page = await openPage(browser);
    await page.setViewportSize({ width: 1920, height: 1080 });
    await page.goto(server.url);
    for (const { team, layers } of teams) {
      const name = layers[0]!.now.person!.name;
      expect(['Alice Liddell', 'Bob Builder', 'Carol Danvers']).toContain(name);
      await page.locator(`[data-oncall-team="${team.id}"]`).filter({ hasText: name }).waitFor({ timeout: 15_000 });
    }
  });
});
