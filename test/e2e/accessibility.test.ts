import { createRequire } from 'node:module';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage } from '../helpers/browser';
import { chromiumRequirement } from '../helpers/requirements';
import { startServerProcess, type ServerProcess } from '../helpers/server-process';
import { stablePort, startHttpTarget, type HttpTarget } from '../helpers/targets';

const { skip } = chromiumRequirement();
const AXE = createRequire(import.meta.url).resolve('axe-core/axe.min.js');

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: Array<{ target: string[]; failureSummary?: string }>;
}

/** axe-core's WCAG 2.2 A/AA rules over the page as it is now: the serious and critical violations, in words. */
async function seriousViolations(page: Page): Promise<string[]> {
  // Evaluated, not added as a script tag: the page's CSP allows no inline script, and should not.
  await page.evaluate(readFileSync(AXE, 'utf8'));
  const violations = await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: Document, options: object): Promise<{ violations: AxeViolation[] }> } }).axe;
    const result = await axe.run(document, { runOnly: { type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa'] } });
    return result.violations;
  });
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .flatMap((v) => v.nodes.map((n) => `${v.id} (${v.impact}): ${v.help} at ${n.target.join(' ')}${n.failureSummary ? ` — ${n.failureSummary}` : ''}`));
}

/**
 * Every page of the board, as a person sees it with problems on it, passes axe-core's
 * WCAG 2.2 AA rules with no serious or critical violation. A page added later belongs in
 * PAGES, so that it stays true.
 */
describe.skipIf(skip)('accessibility of every page', () => {
  let up: HttpTarget;
  let down: HttpTarget;
  let server: ServerProcess;
  let browser: Browser;
  const dir = mkdtempSync(join(tmpdir(), 'gb-e2e-a11y-'));

  beforeAll(async () => {
    up = await startHttpTarget('up');
    down = await startHttpTarget('down');
    const config = join(dir, 'board.yaml');
    writeFileSync(
      config,
      `teams:
  - id: payments
    name: Payments
    oncall:
      rotation: { members: [alice, bob], shift: 1w, start: "2026-01-05", timezone: Europe/London }
people:
  - { id: alice, name: Alice Liddell, contact: { email: alice@example.com } }
  - { id: bob, name: Bob Stone, contact: { email: bob@example.com } }
services:
  - id: checkout
    name: Checkout API
    team: payments
    slo: 99.9%
    links: { runbook: "${up.url}/runbooks/checkout" }
    checks:
      - { id: health, type: http, url: "${down.url}/health", interval: 1s, timeout: 500ms, failureThreshold: 1 }
  - id: search
    name: Search
    team: payments
    dependsOn: [checkout]
    checks:
      - { id: health, type: http, url: "${up.url}/health", interval: 1s, timeout: 500ms }
  - id: ledger
    name: Ledger
    checks:
      - { id: health, type: http, url: "${up.url}/health", interval: 1s, timeout: 500ms, expect: { status: 200, bodyContains: "never there" } }
`,
    );
    server = await startServerProcess({ config, dbFile: join(dir, 'greenboard.db'), port: await stablePort() });
    browser = await launchChromium();
  });

  afterAll(async () => {
    await browser?.close();
    await server?.kill('SIGKILL');
    await up?.close();
    await down?.close();
  });

  const PAGES: Array<{ name: string; path: string; ready: string }> = [
    { name: 'the wall', path: '/', ready: '[data-service="checkout"][data-status="down"]' },
    { name: 'a kiosk wall', path: '/?kiosk', ready: '[data-kiosk-clock]' },
    { name: "a team's rotating wall with sound", path: '/?team=payments&rotate=30s&sound=1', ready: '[data-sound]' },
    { name: 'a service page with a problem', path: '/services/checkout', ready: '[data-uptime-day]' },
    { name: 'a healthy service page', path: '/services/search', ready: '[data-uptime-day]' },
    { name: 'the stand-up', path: '/standup', ready: '[data-standup="ready"]' },
    { name: 'a service that does not exist', path: '/services/nowhere', ready: '[data-service-page="not-found"]' },
    { name: 'the admin page, not signed in', path: '/admin', ready: '[data-admin="sign-in-needed"]' },
  ];

  it('the arrow keys, Home and End move between the tiles', async () => {
    const page = await openPage(browser, { width: 1280, height: 800 });
    try {
      await page.goto(server.url);
      await page.locator('[data-service="ledger"][data-status="down"]').waitFor({ timeout: 15_000 });
      const tiles = await page.locator('.grid > li').evaluateAll((items) => items.map((item) => (item as HTMLElement).dataset.service ?? ''));
      const focused = () => page.evaluate(() => (document.activeElement?.closest('li') as HTMLElement | null)?.dataset.service ?? null);
      await page.locator('.grid > li').first().locator('a').focus();
      expect(await focused()).toBe(tiles[0]);
      await page.keyboard.press('ArrowRight');
      expect(await focused()).toBe(tiles[1]);
      await page.keyboard.press('End');
      expect(await focused()).toBe(tiles.at(-1));
      await page.keyboard.press('Home');
      expect(await focused()).toBe(tiles[0]);
    } finally {
      await page.close();
    }
  });

  for (const scheme of ['dark', 'light'] as const) {
    it.each(PAGES)(`$name (${scheme} colour scheme) has no serious or critical violation`, async ({ path, ready }) => {
      const page = await openPage(browser, { width: 1280, height: 800 });
      try {
        await page.emulateMedia({ colorScheme: scheme });
        await page.goto(`${server.url}${path}`);
        await page.locator(ready).first().waitFor({ timeout: 15_000 });
        expect(await seriousViolations(page)).toEqual([]);
      } finally {
        await page.close();
      }
    });
  }
});
