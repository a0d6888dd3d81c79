import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage } from '../helpers/browser';
import { chromiumRequirement } from '../helpers/requirements';
import { startServerProcess, type ServerProcess } from '../helpers/server-process';
import { stablePort } from '../helpers/targets';

const { skip } = chromiumRequirement();
const TOKEN = 'e2e-heartbeat-5c9d0b7a31f2';

describe.skipIf(skip)('a push heartbeat on the board in a real browser', () => {
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  const dir = mkdtempSync(join(tmpdir(), 'gb-e2e-push-'));
  const config = join(dir, 'board.yaml');

  beforeAll(async () => {
    writeFileSync(
      config,
      `services:
  - id: nightly-export
    name: Nightly export
sources:
  - { id: heartbeat, type: push, token: "\${NIGHTLY_TOKEN}", service: nightly-export, grace: 2s }
`,
    );
    server = await startServerProcess({ config, dbFile: join(dir, 'greenboard.db'), port: await stablePort(), env: { NIGHTLY_TOKEN: TOKEN } });
    browser = await launchChromium();
    page = await openPage(browser);
    await page.goto(server.url);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.kill('SIGKILL');
  });

  it('a heartbeat that stops turns the tile red with the grace message', async () => {
    expect((await fetch(`${server.url}/api/push/${TOKEN}`, { method: 'POST' })).status).toBe(202);
    await page.locator('[data-service="nightly-export"][data-status="up"]').waitFor({ timeout: 15_000 });
    // No more pushes: past the 2 s grace the tile must go down and say why.
    const down = page.locator('[data-service="nightly-export"][data-status="down"]');
    await down.waitFor({ timeout: 15_000 });
    expect(await down.innerText()).toMatch(/heartbeat: no heartbeat since \d\d:\d\d UTC \(expected every 2s\)/);
  });
});
