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

const TEAMS = ['Payments', 'Search', 'Platform', 'Identity', 'Data', 'Mobile', 'Growth', 'Messaging', 'Billing', 'Storage', 'Edge', 'Analytics'];
const KINDS = ['API', 'Worker', 'Gateway', 'DB', 'Cache', 'Queue', 'Frontend', 'Scheduler'];
const PEOPLE = ['Alice Liddell', 'Bob Builder', 'Carol Danvers', 'Eve Moneypenny'];

/**
 * A company's board: `count` services named like "Payments API 3" over `teams` teams,
 * each team with someone on call, every seventeenth service with no team; each checks the
 * target `targetOf` gives it every `interval`.
 */
function companyConfig(count: number, teams: number, targetOf: (id: string) => string, interval = '2s'): string {
  const people = PEOPLE.map((name, i) => `  - { id: p${i}, name: ${name} }\n`).join('');
  const teamList = TEAMS.slice(0, teams)
    .map(
      (name, i) =>
        `  - id: ${name.toLowerCase()}\n    name: ${name}\n    oncall:\n      rotation: { timezone: UTC, shift: 1w, start: 2026-01-05T09:00, members: [p${i % 4}] }\n`,
    )
    .join('');
  const services = Array.from({ length: count }, (_, i) => {
    const team = TEAMS[i % teams]!;
    const owner = i % 17 === 16 ? '' : `    team: ${team.toLowerCase()}\n`;
    const name = `${team} ${KINDS[i % KINDS.length]} ${Math.floor(i / teams) + 1}`;
    return `  - id: s${i}\n    name: ${name}\n${owner}    checks:\n      - { id: health, type: http, url: "${targetOf(`s${i}`)}/health", interval: ${interval}, failureThreshold: 1 }\n`;
  });
  return `people:\n${people}teams:\n${teamList}services:\n${services.join('')}`;
}

/** Everything about the wall the issue asks for, measured in the page as numbers. */
interface WallMeasure {
  /** Font size (px) of every status word on the wall, folded tiles' counts included. */
  words: number[];
  problems: { id: string; name: number; reason: number; oncall: number }[];
  banner: number;
  /** The largest text anywhere on the screen, and what it is. */
  largest: { px: number; what: string };
  /** Parts of tiles that reach past their tile's edge. */
  spilled: string[];
  /** A problem's status word or who is on call, cut short. */
  cut: string[];
  /** Problem tiles not wholly on screen. */
  offScreen: string[];
  scrolls: boolean;
  folds: number;
  teamFolds: number;
}

function measureWall(page: Page): Promise<WallMeasure> {
  return page.evaluate(() => {
    const px = (el: Element | null) => (el ? Number.parseFloat(getComputedStyle(el).fontSize) : Number.NaN);
    const tiles = [...document.querySelectorAll<HTMLElement>('.grid > .tile')];
    const problems = tiles.filter((t) => ['down', 'degraded', 'unknown'].includes(t.dataset.status ?? ''));
    let largest = { px: 0, what: '' };
    for (const el of document.querySelectorAll('body *')) {
      const ownText = [...el.childNodes].some((n) => n.nodeType === Node.TEXT_NODE && (n.textContent ?? '').trim() !== '');
      const box = el.getBoundingClientRect();
      if (!ownText || box.width <= 1 || box.height <= 1) continue;
      if (px(el) > largest.px) largest = { px: px(el), what: `${el.className} "${el.textContent}"` };
    }
    const spilled: string[] = [];
    for (const tile of tiles) {
      const edge = tile.getBoundingClientRect().bottom + 0.5;
      for (const part of tile.children)
        if (part.getBoundingClientRect().bottom > edge) spilled.push(`${tile.dataset.service ?? tile.dataset.folded} ${part.className}`);
    }
    const cut = problems.flatMap((t) =>
      [...t.querySelectorAll<HTMLElement>('.tile-word, .tile-oncall')]
        .filter((el) => el.scrollWidth > el.clientWidth + 1 || el.scrollHeight > el.clientHeight + 1)
        .map((el) => `${t.dataset.service} ${el.className}`),
    );
    const grid = document.querySelector('.grid')!;
    const root = document.documentElement;
    return {
      words: tiles.map((t) => px(t.querySelector('.tile-word'))),
      problems: problems.map((t) => ({
        id: t.dataset.service!,
        name: px(t.querySelector('.tile-name')),
        reason: px(t.querySelector('.tile-message')),
        oncall: px(t.querySelector('.tile-oncall')),
      })),
      banner: px(document.querySelector('.banner-text')),
      largest,
      spilled,
      cut,
      offScreen: problems
        .filter((t) => t.getBoundingClientRect().bottom > innerHeight || t.getBoundingClientRect().right > innerWidth)
        .map((t) => t.dataset.service!),
      scrolls: root.scrollHeight > innerHeight || root.scrollWidth > innerWidth || grid.scrollHeight > grid.clientHeight,
      folds: document.querySelectorAll('[data-folded]').length,
      teamFolds: document.querySelectorAll('[data-folded-team]').length,
    };
  });
}

/** Injected before the board's code: counts the service tiles the page ever makes, painted or not. */
const COUNT_TILES_MADE = () => {
  const counted = window as unknown as { tilesMade: number };
  counted.tilesMade = 0;
  const setAttribute = Object.getOwnPropertyDescriptor(Element.prototype, 'setAttribute')!.value as (this: Element, name: string, value: string) => void;
  Element.prototype.setAttribute = function (this: Element, name: string, value: string) {
    if (name === 'data-service') counted.tilesMade += 1;
    setAttribute.call(this, name, value);
  };
};

/** Waits until every service has a status, `down` of them down, and the wall has been laid out for the screen. */
async function wallWithProblems(page: Page, down: number): Promise<void> {
  await page.waitForFunction(
    (n) =>
      document.querySelector('.grid[data-grid]') !== null &&
      document.querySelectorAll('.grid > .tile[data-status="down"]').length === n &&
      document.querySelectorAll('.grid > .tile[data-status="unknown"]').length === 0,
    down,
    { timeout: 30_000 },
  );
}

function expectTenFootSizes(wall: WallMeasure, down: number) {
  expect(wall.problems).toHaveLength(down);
  expect(Math.min(...wall.words)).toBeGreaterThanOrEqual(28);
  for (const problem of wall.problems) {
    expect(problem.name, problem.id).toBeGreaterThanOrEqual(48);
    expect(problem.reason, problem.id).toBeGreaterThanOrEqual(28);
    expect(problem.oncall, problem.id).toBeGreaterThanOrEqual(28);
  }
  expect(wall.largest.px, wall.largest.what).toBe(wall.banner);
  expect(wall.spilled).toEqual([]);
  expect(wall.cut).toEqual([]);
  expect(wall.offScreen).toEqual([]);
  expect(wall.scrolls).toBe(false);
}

describe.skipIf(skip)('the wall at ten feet: 50 services on a 1920×1080 screen', () => {
  const DOWN = ['s3', 's10', 's20'];
  const LATER = ['s5', 's14', 's31'];
  let up: HttpTarget;
  let down: HttpTarget;
  let later: HttpTarget;
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  const dir = mkdtempSync(join(tmpdir(), 'gb-e2e-ten-foot-'));

  beforeAll(async () => {
    [up, down, later] = await Promise.all([startHttpTarget('up'), startHttpTarget('down'), startHttpTarget('up')]);
    const targetOf = (id: string) => (DOWN.includes(id) ? down.url : LATER.includes(id) ? later.url : up.url);
    writeFileSync(join(dir, 'board.yaml'), companyConfig(50, 8, targetOf));
    server = await startServerProcess({ config: join(dir, 'board.yaml'), dbFile: join(dir, 'greenboard.db'), port: await stablePort() });
    browser = await launchChromium();
    page = await openPage(browser, { width: 1920, height: 1080 });
    await page.goto(server.url);
    await wallWithProblems(page, 3);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.kill('SIGKILL');
    await Promise.all([up?.close(), down?.close(), later?.close()]);
  });

  it('with 3 down: every status word at least 28 px, each problem’s name at least 48 px, its reason and on-call at least 28 px; the banner the largest text; nothing cut off or scrolled', async () => {
    expectTenFootSizes(await measureWall(page), 3);
  });

  it('healthy services that do not fit at that size fold into one tile per team, after the others, and each team tile leads to its team', async () => {
    const wall = await measureWall(page);
    expect(wall.teamFolds).toBeGreaterThan(0);
    const tiles = await page.locator('.grid > .tile').evaluateAll((els) => els.map((el) => (el.hasAttribute('data-folded') ? 'fold' : 'tile')));
    expect(tiles.indexOf('fold')).toBeGreaterThan(tiles.lastIndexOf('tile')); // trailing
    const counted = await page.locator('[data-folded]').evaluateAll((els) => els.reduce((n, el) => n + Number(el.getAttribute('data-folded')), 0));
    expect(counted + (await page.locator('[data-service]').count())).toBe(50);
    const team = page.locator('[data-folded-team="payments"]');
    if ((await team.count()) > 0) expect(await team.locator('a').getAttribute('href')).toBe('/?team=payments');
  });

  it('with 6 down: the same sizes, every problem on screen', async () => {
    later.mode = 'down';
    await wallWithProblems(page, 6);
    expectTenFootSizes(await measureWall(page), 6);
  });

  it('on a portrait screen (1080×1920) nothing scrolls and every problem is on screen', async () => {
    const portrait = await openPage(browser, { width: 1080, height: 1920 });
    await portrait.goto(server.url);
    await wallWithProblems(portrait, 6);
    const wall = await measureWall(portrait);
    expect(wall.scrolls).toBe(false);
    expect(wall.offScreen).toEqual([]);
    expect(wall.spilled).toEqual([]);
    expect(wall.largest.px, wall.largest.what).toBe(wall.banner);
    await portrait.close();
  });
});

describe.skipIf(skip)('500 services on a 1920×1080 screen', () => {
  const DOWN = ['s3', 's250', 's497'];
  let up: HttpTarget;
  let down: HttpTarget;
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  const dir = mkdtempSync(join(tmpdir(), 'gb-e2e-500-'));

  beforeAll(async () => {
    [up, down] = await Promise.all([startHttpTarget('up'), startHttpTarget('down')]);
    writeFileSync(
      join(dir, 'board.yaml'),
      companyConfig(500, 12, (id) => (DOWN.includes(id) ? down.url : up.url), '5s'),
    );
    server = await startServerProcess({ config: join(dir, 'board.yaml'), dbFile: join(dir, 'greenboard.db'), port: await stablePort() });
    browser = await launchChromium();
    page = await openPage(browser, { width: 1920, height: 1080 });
    await page.addInitScript(COUNT_TILES_MADE);
    await page.goto(server.url);
    await wallWithProblems(page, 3);
  });

  afterAll(async () => {
    await browser?.close();
    await server?.kill('SIGKILL');
    await Promise.all([up?.close(), down?.close()]);
  });

  it('is measured before it is laid out: the page never makes a tile for each of the 500 services, not even for a moment', async () => {
    const made = await page.evaluate(() => (window as unknown as { tilesMade: number }).tilesMade);
    expect(made).toBeGreaterThan(0);
    expect(made).toBeLessThan(100);
  });

  it('fits without a scrollbar: every problem on screen at ten-foot sizes, the healthy services folded by team', async () => {
    const wall = await measureWall(page);
    expectTenFootSizes(wall, 3);
    expect(wall.teamFolds).toBeGreaterThan(1);
    const counted = await page.locator('[data-folded]').evaluateAll((els) => els.reduce((n, el) => n + Number(el.getAttribute('data-folded')), 0));
    expect(counted + (await page.locator('[data-service]').count())).toBe(500);
  });

  it('on a portrait screen (1080×1920) too', async () => {
    const portrait = await openPage(browser, { width: 1080, height: 1920 });
    await portrait.goto(server.url);
    await wallWithProblems(portrait, 3);
    const wall = await measureWall(portrait);
    expect(wall.scrolls).toBe(false);
    expect(wall.offScreen).toEqual([]);
    expect(wall.spilled).toEqual([]);
    await portrait.close();
  });
});
