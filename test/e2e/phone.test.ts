import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage } from '../helpers/browser';
import { chromiumRequirement } from '../helpers/requirements';
import { startServerProcess, type ServerProcess } from '../helpers/server-process';
import { closedPort, stablePort, startHttpTarget, type HttpTarget } from '../helpers/targets';

const { skip } = chromiumRequirement();
const PHONE = { width: 390, height: 844 };

// Long words with nowhere to break, as real error messages and addresses have.
const MARKER = 'expected-marker-of-a-healthy-ledger-response-that-this-one-never-contains-0123456789';
const LONG_PATH = '/api/v2/payments/checkout/health-with-a-rather-long-path-segment?region=eu-west-1&include=dependencies,queues,caches';

interface Box {
  what: string;
  left: number;
  right: number;
  top: number;
  width: number;
}

/**
 * Every element drawn past the page's right edge, or whose text is cut by its own box,
 * except inside an element that scrolls sideways on purpose; as "tag.class "text"" lines.
 */
function overflowing(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const width = document.documentElement.clientWidth;
    const scrollsSideways = (el: Element) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX);
    const inScroller = (el: Element) => {
      for (let up = el.parentElement; up && up !== document.body; up = up.parentElement) if (scrollsSideways(up)) return true;
      return false;
    };
    const name = (el: Element) =>
      `${el.tagName.toLowerCase()}${el.getAttribute('class') ? `.${String(el.getAttribute('class')).split(' ').join('.')}` : ''} "${(el.textContent ?? '').trim().slice(0, 50)}"`;
    const found: string[] = [];
    for (const el of document.body.querySelectorAll('*')) {
      const rect = el.getBoundingClientRect();
      if (rect.width === 0 || rect.height === 0 || inScroller(el)) continue;
      const style = getComputedStyle(el);
      if (style.visibility === 'hidden' || style.clipPath.startsWith('inset(50%')) continue;
      if (rect.right > width + 1) found.push(`${name(el)} reaches ${Math.round(rect.right)} px`);
      // Text cut by its own box: clipped (hidden or an ellipsis) and wider than it shows.
      const ownText = [...el.childNodes].some((node) => node.nodeType === Node.TEXT_NODE && (node.textContent ?? '').trim() !== '');
      if (ownText && style.overflowX !== 'visible' && !scrollsSideways(el) && el.scrollWidth > el.clientWidth + 1) found.push(`${name(el)} is cut`);
    }
    return found;
  });
}

/** The page's width as the browser lays it out: more than the screen means it scrolls sideways. */
const pageWidth = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

/** Every element that scrolls sideways without a line saying so (in it, or in a heading inside it). */
function silentScrollers(page: Page): Promise<string[]> {
  return page.evaluate(() => {
    const says = (el: Element) => ['::before', '::after'].some((pseudo) => getComputedStyle(el, pseudo).content.includes('Scroll sideways'));
    return [...document.body.querySelectorAll('*')]
      .filter((el) => ['auto', 'scroll'].includes(getComputedStyle(el).overflowX) && el.scrollWidth > el.clientWidth + 1)
      .filter((el) => !says(el) && ![...el.querySelectorAll('*')].some(says))
      .map((el) => `${el.tagName.toLowerCase()} "${(el.textContent ?? '').trim().slice(0, 50)}"`);
  });
}

/** Opens every fold a reader could open (a check's last run), so what is inside is measured too. */
const openEveryFold = (page: Page) => page.evaluate(() => document.querySelectorAll('details').forEach((details) => (details.open = true)));

/**
 * The board and the pages it links to, on a phone: what is wrong first, then who to call,
 * then the rest, in one column; a service page and the stand-up that fit the screen.
 */
describe.skipIf(skip)('the board on a phone (390×844)', () => {
  let up: HttpTarget;
  let down: HttpTarget;
  let server: ServerProcess;
  let browser: Browser;
  const dir = mkdtempSync(join(tmpdir(), 'gb-e2e-phone-'));

  beforeAll(async () => {
    up = await startHttpTarget('up');
    down = await startHttpTarget('down');
    const nowhere = await closedPort();
    const config = join(dir, 'board.yaml');
    writeFileSync(
      config,
      `teams:
  - id: payments
    name: Payments
    oncall:
      rotation: { members: [alice, bob], shift: 1w, start: "2026-01-05", timezone: Europe/London }
  - id: platform
    name: Platform and Developer Experience
    oncall:
      rotation: { members: [bartholomew], shift: 1w, start: "2026-01-05", timezone: Europe/London }
people:
  - { id: alice, name: Alice Liddell, contact: { email: alice.liddell.on.call.for.payments@example.com }, notify: [{ via: mail }] }
  - { id: bob, name: Bob Stone, contact: { email: bob@example.com } }
  - { id: bartholomew, name: Bartholomew Montgomery-Fitzwilliam, contact: { email: bartholomew@example.com } }
notifiers:
  - { id: mail, type: email, host: 127.0.0.1, port: ${nowhere}, from: greenboard-pages-for-every-team@example.com }
paging: { groupWait: 0s }
services:
  - id: checkout
    name: Checkout API
    team: payments
    slo: 99.9%
    links:
      runbook: "${up.url}/runbooks/checkout"
      dashboard: "${up.url}/dashboards/payments/checkout-api-latency-and-errors-by-region-and-release"
    checks:
      - { id: health, type: http, url: "${down.url}${LONG_PATH}", interval: 1s, timeout: 500ms, failureThreshold: 1 }
  - id: ledger
    name: Ledger
    team: payments
    checks:
      - { id: balance, type: http, url: "${up.url}${LONG_PATH}", interval: 1s, timeout: 500ms, failureThreshold: 1, expect: { status: 200, bodyContains: "${MARKER}" } }
  - id: search
    name: Search
    team: platform
    dependsOn: [checkout]
    checks:
      - { id: health, type: http, url: "${up.url}/health", interval: 1s, timeout: 500ms }
  - id: catalogue
    name: Catalogue
    team: platform
    checks:
      - { id: health, type: http, url: "${up.url}/health", interval: 1s, timeout: 500ms }
  - id: profiles
    name: Profiles
    team: platform
    checks:
      - { id: health, type: http, url: "${up.url}/health", interval: 1s, timeout: 500ms }
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

  /** The board once both problems and the impacted service are on it. */
  async function openBoard(): Promise<Page> {
    const page = await openPage(browser, PHONE);
    await page.goto(server.url);
    await page.locator('[data-service="ledger"][data-status="down"]').waitFor({ timeout: 15_000 });
    await page.locator('[data-service="search"][data-status="up"]').waitFor({ timeout: 15_000 });
    return page;
  }

  it('shows the problems first, then who is on call, then the rest, in one column the width of the screen', async () => {
    const page = await openBoard();
    try {
      await page.screenshot({ path: join(dir, 'board.png'), fullPage: true });
      const problems = page.getByRole('list', { name: 'Problems' });
      const rest = page.getByRole('list', { name: 'Other services' });
      const ids = (list: typeof problems) => list.locator('[data-service]').evaluateAll((els) => els.map((el) => (el as HTMLElement).dataset.service));
      // Down first, then the one a down service lets down; the healthy after the strip, by name.
      expect(await ids(problems)).toEqual(['checkout', 'ledger', 'search']);
      expect(await ids(rest)).toEqual(['catalogue', 'profiles']);

      const boxes = await page.evaluate(() => {
        const box = (el: Element, what: string) => {
          const r = el.getBoundingClientRect();
          return { what, left: r.left, right: r.right, top: r.top, width: r.width };
        };
        const tiles = [...document.querySelectorAll('[data-service]')].map((el) => box(el, (el as HTMLElement).dataset.service!));
        return { tiles, strip: box(document.querySelector('[aria-label="On call"]')!, 'strip') };
      });
      const [checkout, ledger, search, catalogue, profiles] = boxes.tiles as [Box, Box, Box, Box, Box];
      // Top to bottom on screen as in the page: the strip between the problems and the rest.
      expect(checkout.top).toBeLessThan(ledger.top);
      expect(ledger.top).toBeLessThan(search.top);
      expect(search.top).toBeLessThan(boxes.strip.top);
      expect(boxes.strip.top).toBeLessThan(catalogue.top);
      expect(catalogue.top).toBeLessThan(profiles.top);
      // One column: every tile starts at the same left edge and is nearly the screen's width.
      for (const tile of boxes.tiles) {
        expect(tile.left, tile.what).toBeCloseTo(checkout.left, 0);
        expect(tile.width, tile.what).toBeGreaterThan(PHONE.width * 0.9);
      }
      expect(await overflowing(page)).toEqual([]);
      expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    } finally {
      await page.close();
    }
  });

  it('lists who is on call one team a line, nothing cut', async () => {
    const page = await openBoard();
    try {
      const entries = page.locator('[data-oncall-team]');
      await expect.poll(() => entries.count()).toBe(2);
      const tops = await entries.evaluateAll((els) => els.map((el) => el.getBoundingClientRect().top));
      expect(tops[1]).toBeGreaterThan(tops[0]!);
      expect(await page.locator('[data-oncall-team="platform"]').innerText()).toContain('Bartholomew Montgomery-Fitzwilliam');
      const cut = await entries.evaluateAll(
        (els) => els.filter((el) => el.scrollWidth > el.clientWidth + 1 || el.getBoundingClientRect().right > window.innerWidth).length,
      );
      expect(cut).toBe(0);
    } finally {
      await page.close();
    }
  });

  it('the arrow keys go from the last problem past the strip to the first of the rest, and back', async () => {
    const page = await openBoard();
    try {
      const focused = () => page.evaluate(() => (document.activeElement?.closest('[data-service]') as HTMLElement | null)?.dataset.service ?? null);
      await page.locator('[data-service="search"] a').focus();
      await page.keyboard.press('ArrowDown');
      expect(await focused()).toBe('catalogue');
      await page.keyboard.press('ArrowUp');
      expect(await focused()).toBe('search');
      await page.keyboard.press('End');
      expect(await focused()).toBe('profiles');
      await page.keyboard.press('Home');
      expect(await focused()).toBe('checkout');
    } finally {
      await page.close();
    }
  });

  it("a down service's page fits the screen: its failure, links, chart, uptime, incident and on-call", async () => {
    const page = await openPage(browser, PHONE);
    try {
      await page.goto(`${server.url}/services/checkout`);
      await page.locator('[data-check="health"][data-check-status="down"]').waitFor({ timeout: 15_000 });
      await page.locator('[data-incident-panel]').first().waitFor({ timeout: 15_000 });
      await page.locator('[data-page]').first().waitFor({ timeout: 15_000 });
      await page.locator('[data-uptime-day]').first().waitFor({ timeout: 15_000 });
      await page.locator('[data-chart-check="health"] svg').first().waitFor({ timeout: 15_000 });
      await page.locator('[data-problem-check="health"]').getByText('Service Unavailable').waitFor({ timeout: 15_000 });
      await page.locator('[data-uptime-window="90d"]').first().filter({ hasText: '%' }).waitFor({ timeout: 15_000 });
      await openEveryFold(page);
      await page.screenshot({ path: join(dir, 'service.png'), fullPage: true });
      expect(await overflowing(page)).toEqual([]);
      expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
      // Every window's uptime is on screen, none hidden to the side.
      const windows = await page.locator('.uptime-figures thead th').evaluateAll((cells) => cells.map((cell) => cell.getBoundingClientRect().right));
      expect(windows).toHaveLength(4);
      for (const right of windows) expect(right).toBeLessThanOrEqual(PHONE.width);
      expect(await silentScrollers(page)).toEqual([]);
    } finally {
      await page.close();
    }
  });

  it("a failing check's long message fits the screen on its service's page", async () => {
    const page = await openPage(browser, PHONE);
    try {
      await page.goto(`${server.url}/services/ledger`);
      await page.locator('[data-check="balance"]').getByText(MARKER).waitFor({ timeout: 15_000 });
      await page.locator('[data-problem-check="balance"]').waitFor({ timeout: 15_000 });
      await openEveryFold(page);
      expect(await overflowing(page)).toEqual([]);
      expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    } finally {
      await page.close();
    }
  });

  it("a table on a service's page that is still wider than the screen says that it scrolls sideways", async () => {
    const page = await openPage(browser, PHONE);
    try {
      await page.goto(`${server.url}/services/checkout`);
      await page.locator('.uptime-figures').waitFor({ timeout: 15_000 });
      const scroller = page.locator('.table-scroll').filter({ has: page.locator('.uptime-figures') });
      const says = () => scroller.evaluate((el) => getComputedStyle(el, '::before').content);
      // It fits: nothing to say.
      expect(await says()).toBe('none');
      // A table with more to it than a phone holds, as a narrower phone or longer words would make it.
      // Set through the CSSOM: the page's CSP allows no inline style element.
      await page.locator('.uptime-figures').evaluate((table) => ((table as HTMLElement).style.minWidth = '40em'));
      await expect.poll(says).toContain('Scroll sideways');
      expect(await silentScrollers(page)).toEqual([]);
      expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
    } finally {
      await page.close();
    }
  });

  it('the stand-up fits the screen, and a table wider than it says that it scrolls sideways', async () => {
    const page = await openPage(browser, PHONE);
    try {
      await page.goto(`${server.url}/standup`);
      await page.locator('[data-standup="ready"]').waitFor({ timeout: 15_000 });
      await page.screenshot({ path: join(dir, 'standup.png'), fullPage: true });
      expect(await overflowing(page)).toEqual([]);
      expect(await pageWidth(page)).toBeLessThanOrEqual(PHONE.width);
      // Its tables are wider than a phone: each scrolls sideways, and says so.
      expect(await page.locator('table').count()).toBeGreaterThan(0);
      expect(await silentScrollers(page)).toEqual([]);
    } finally {
      await page.close();
    }
  });
});
