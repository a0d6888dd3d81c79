// Takes the README's screenshots: the example config during a demo outage, in Chromium —
// the board, then the page of the service that is down.
// Usage: npx tsx scripts/screenshot.ts [board.png] [service.png]
import { spawn } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const root = join(import.meta.dirname, '..');
const out = process.argv[2] ?? join(root, 'docs/board.png');
const serviceOut = process.argv[3] ?? join(root, 'docs/service-page.png');
const port = 18_080;
const server = spawn(process.execPath, ['--import', 'tsx', 'server/main.ts'], {
  cwd: root,
  env: { ...process.env, PORT: String(port), LOG_LEVEL: 'warn', DATABASE_URL: `sqlite:${join(mkdtempSync(join(tmpdir(), 'gb-shot-')), 'gb.db')}` },
  stdio: 'inherit',
});

try {
  const browser = await chromium.launch({
    executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
  });
  const page = await browser.newPage({ viewport: { width: 1600, height: 900 } });
  for (let i = 0; i < 50; i++) {
    try {
      await page.goto(`http://127.0.0.1:${port}/`);
      break;
    } catch {
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
  }
  // The demo payments gateway is down for 20 s of every 90 s: wait for it.
  await page.locator('[data-service="demo-payments"][data-status="down"]').waitFor({ timeout: 120_000 });
  await page
    .locator('[data-service="demo-checkout"] >> text=Impacted')
    .waitFor({ timeout: 10_000 })
    .catch(() => undefined);
  // Every other check has its first result by then, so nothing is shown as unknown merely for being new.
  await page
    .locator('[data-status="unknown"]')
    .first()
    .waitFor({ state: 'detached', timeout: 10_000 })
    .catch(() => undefined);
  await page.screenshot({ path: out });
  console.log(`saved ${out}`);
  // A click on the red tile: the page that says why it is red.
  await page.locator('[data-service="demo-payments"] a').click();
  await page.locator('[data-service-page="ready"]').waitFor({ timeout: 10_000 });
  await page
    .locator('.recharts-surface')
    .waitFor({ timeout: 10_000 })
    .catch(() => undefined);
  await page.screenshot({ path: serviceOut, fullPage: true });
  console.log(`saved ${serviceOut}`);
  await browser.close();
} finally {
  server.kill('SIGTERM');
}
