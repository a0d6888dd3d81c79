// `npm run screenshots`: the wall as people see it, at the screen sizes it is read on —
// 1280×720, 1920×1080, 3840×2160, a portrait 1080×1920 and a 390×844 phone — with 5, 50
// and 500 services, some of them down, into docs/screens/; the walls in their dark theme,
// the phone as a light tab; and a down service's page in both themes. Everything runs on loopback.
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromium } from 'playwright-core';

const root = join(import.meta.dirname, '..');
const outDir = join(root, 'docs/screens');
const SCREENS = [
  { name: '1280x720', width: 1280, height: 720, scheme: 'dark' },
  { name: '1920x1080', width: 1920, height: 1080, scheme: 'dark' },
  { name: '3840x2160', width: 3840, height: 2160, scheme: 'dark' },
  { name: '1080x1920', width: 1080, height: 1920, scheme: 'dark' },
  { name: '390x844', width: 390, height: 844, scheme: 'light' },
] as const;
/** How many services, and how many of them are down. */
const BOARDS = [
  { services: 5, down: 1 },
  { services: 50, down: 3 },
  { services: 500, down: 6 },
];
const TEAMS = ['Payments', 'Search', 'Identity', 'Platform', 'Data', 'Mobile', 'Growth', 'Support'];

/** One loopback target: /up answers 200, /down 503. */
function target(): Promise<Server> {
  const server = createServer((req, res) => {
    res.writeHead(req.url?.startsWith('/down') ? 503 : 200, { 'content-type': 'text/plain' }).end(req.url?.startsWith('/down') ? 'unavailable' : 'ok');
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

function config(count: number, down: number, base: string): string {
  const teams = TEAMS.map((name) => `  - { id: ${name.toLowerCase()}, name: ${name} }`).join('\n');
  const services = Array.from({ length: count }, (_, i) => {
    const team = TEAMS[i % TEAMS.length]!.toLowerCase();
    const path = i % Math.ceil(count / down) === 1 && i < count ? 'down' : 'up';
    return `  - { id: svc-${i}, name: "${TEAMS[i % TEAMS.length]} service ${i}", team: ${team}, checks: [{ id: health, type: http, url: "${base}/${path}/${i}", interval: 30s, failureThreshold: 1 }] }`;
  });
  return `teams:\n${teams}\nservices:\n${services.join('\n')}\n`;
}

async function startBoard(configFile: string, port: number): Promise<ChildProcess> {
  const dir = mkdtempSync(join(tmpdir(), 'gb-screens-'));
  return spawn(process.execPath, ['--import', 'tsx', 'server/main.ts', '--config', configFile], {
    cwd: root,
    env: { ...process.env, PORT: String(port), LOG_LEVEL: 'warn', DATABASE_URL: `sqlite:${join(dir, 'gb.db')}` },
    stdio: 'inherit',
  });
}

/** A down service's page, as a developer's tab shows it, in each theme. */
async function serviceShots(port: number): Promise<void> {
  const id = await firstDown(port);
  for (const scheme of ['dark', 'light'] as const) {
    const context = await browser.newContext({ viewport: { width: 1280, height: 1000 }, colorScheme: scheme, serviceWorkers: 'block' });
    const page = await context.newPage();
    await page.goto(`http://127.0.0.1:${port}/services/${id}`);
    await page.locator('.service-banner[data-tone="down"]').waitFor({ timeout: 60_000 });
    await page.locator('[data-uptime-day]').first().waitFor({ timeout: 60_000 });
    const file = join(outDir, `service-page-${scheme}.jpg`);
    await page.screenshot({ path: file, type: 'jpeg', quality: 80 });
    console.log(`saved ${file}`);
    await context.close();
  }
}

async function firstDown(port: number): Promise<string> {
  const body = (await (await fetch(`http://127.0.0.1:${port}/api/services`)).json()) as { services: Array<{ id: string; status: string }> };
  const down = body.services.find((s) => s.status === 'down');
  if (!down) throw new Error('no service is down');
  return down.id;
}

mkdirSync(outDir, { recursive: true });
const upstream = await target();
const base = `http://127.0.0.1:${(upstream.address() as AddressInfo).port}`;
const browser = await chromium.launch({
  executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'],
});
try {
  for (const [i, board] of BOARDS.entries()) {
    const configFile = join(mkdtempSync(join(tmpdir(), 'gb-screens-')), 'board.yaml');
    writeFileSync(configFile, config(board.services, board.down, base));
    const port = 18_100 + i;
    const server = await startBoard(configFile, port);
    try {
      for (const screen of SCREENS) {
        const context = await browser.newContext({
          viewport: { width: screen.width, height: screen.height },
          colorScheme: screen.scheme,
          serviceWorkers: 'block',
        });
        const page = await context.newPage();
        for (let attempt = 0; ; attempt++) {
          try {
            await page.goto(`http://127.0.0.1:${port}/`);
            break;
          } catch (error) {
            if (attempt > 100) throw error;
            await new Promise((resolve) => setTimeout(resolve, 200));
          }
        }
        // Every check has run once: nothing is unknown merely for being new.
        await page.waitForFunction(() => document.querySelector('[data-status="down"]') && !document.querySelector('[data-status="unknown"]'), undefined, {
          timeout: 60_000,
        });
        const file = join(outDir, `${board.services}-services-${screen.name}.jpg`);
        await page.screenshot({ path: file, type: 'jpeg', quality: 80 });
        console.log(`saved ${file}`);
        await context.close();
      }
      if (board.services === 50) await serviceShots(port);
    } finally {
      server.kill('SIGTERM');
    }
  }
} finally {
  await browser.close();
  upstream.close();
}
