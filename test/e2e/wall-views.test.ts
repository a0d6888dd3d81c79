import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import qrcode from 'qrcode-generator';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchChromium, openPage } from '../helpers/browser';
import { chromiumRequirement } from '../helpers/requirements';
import { startServerProcess, type ServerProcess } from '../helpers/server-process';
import { stablePort, startHttpTarget, type HttpTarget } from '../helpers/targets';

const { skip } = chromiumRequirement();

/** The public address the config gives: QR codes point there, not at the address the TV uses. */
const BOARD_URL = 'https://status.example.test';

const TEAMS = { payments: ['checkout', 'ledger', 'refunds'], search: ['query', 'index'], data: ['warehouse', 'etl'] };
/** Down from the start: a problem pinned to every page of a rotation. */
const DOWN = 'index';
/** Goes down while the test watches: the sound and the flash. */
const FLIP = 'refunds';

/** One look at the page: the view shown and the tiles on it, read together so a page turn cannot fall between them. */
const look = (page: Page) =>
  page.evaluate(() => ({
    view: document.querySelector('[data-view]')?.getAttribute('data-view') ?? null,
    tiles: [...document.querySelectorAll('[data-service]')].map((el) => el.getAttribute('data-service')),
  }));

describe.skipIf(skip)('views of the wall in a real browser', () => {
  let up: HttpTarget;
  let down: HttpTarget;
  let flip: HttpTarget;
  let server: ServerProcess;
  let browser: Browser;
  let page: Page;
  const dir = mkdtempSync(join(tmpdir(), 'gb-e2e-views-'));

  beforeAll(async () => {
    [up, down, flip] = await Promise.all([startHttpTarget('up'), startHttpTarget('down'), startHttpTarget('up')]);
    const targetOf = (id: string) => (id === DOWN ? down : id === FLIP ? flip : up);
    const services = Object.entries(TEAMS).flatMap(([team, ids]) =>
      ids.map(
        (id) =>
          `  - id: ${id}\n    name: ${id[0]!.toUpperCase()}${id.slice(1)}\n    team: ${team}\n    tags: [${id === 'query' ? 'eu' : 'us'}]\n` +
          `    checks:\n      - { id: health, type: http, url: "${targetOf(id).url}/health", interval: 1s, timeout: 500ms, failureThreshold: 1 }\n`,
      ),
    );
    const teams = Object.keys(TEAMS).map((id) => `  - { id: ${id}, name: ${id[0]!.toUpperCase()}${id.slice(1)} }\n`);
    writeFileSync(join(dir, 'board.yaml'), `paging:\n  boardUrl: ${BOARD_URL}\nteams:\n${teams.join('')}services:\n${services.join('')}`);
    server = await startServerProcess({ config: join(dir, 'board.yaml'), dbFile: join(dir, 'greenboard.db'), port: await stablePort() });
    browser = await launchChromium();
    page = await openPage(browser, { width: 1920, height: 1080 });
    // Counts the notes the board plays: Web Audio makes no sound a test can hear.
    await page.addInitScript(() => {
      const counted = window as unknown as { notesPlayed: number };
      counted.notesPlayed = 0;
      const proto = AudioScheduledSourceNode.prototype;
      const start = Object.getOwnPropertyDescriptor(proto, 'start')!.value as (this: AudioScheduledSourceNode, when?: number) => void;
      proto.start = function (this: AudioScheduledSourceNode, when?: number) {
        counted.notesPlayed += 1;
        start.call(this, when);
      };
    });
    await page.goto(server.url);
    await page.locator(`[data-service="${DOWN}"][data-status="down"]`).waitFor({ timeout: 20_000 });
  });

  afterAll(async () => {
    await browser?.close();
    await server?.kill('SIGKILL');
    await Promise.all([up?.close(), down?.close(), flip?.close()]);
  });

  it('?team= shows that team alone, names it, and counts the problems it leaves out', async () => {
    await page.goto(`${server.url}/?team=payments`);
    await page.locator('[data-view="team:payments"]').waitFor();
    await expect.poll(async () => (await look(page)).tiles.sort()).toEqual([...TEAMS.payments].sort());
    expect(await page.locator('[data-view]').getAttribute('data-view-elsewhere')).toBe('1');
    expect(await page.title()).toBe('Payments · Greenboard');
  });

  it('?team= naming no team says so, with the teams there are, over the whole wall', async () => {
    await page.goto(`${server.url}/?team=paymnts`);
    const notice = page.locator('[data-view-notice]');
    await notice.waitFor();
    expect(await notice.textContent()).toBe('No team "paymnts" — known teams: Data (data), Payments (payments), Search (search)');
    await expect.poll(async () => (await look(page)).tiles.length).toBe(Object.values(TEAMS).flat().length);
  });

  it('?rotate=2s turns through every team, the down service pinned to every page', async () => {
    await page.goto(`${server.url}/?rotate=2s`);
    await page.locator('[data-view]').waitFor();
    const seen = new Map<string, Array<string | null>>();
    await expect
      .poll(
        async () => {
          const { view, tiles } = await look(page);
          if (view) seen.set(view, tiles);
          return seen.size;
        },
        { timeout: 15_000, interval: 200 },
      )
      .toBe(3);
    for (const [team, ids] of Object.entries(TEAMS)) {
      const tiles = seen.get(`team:${team}`)!;
      expect(tiles, team).toContain(DOWN);
      expect(tiles.filter((id) => id !== DOWN).sort(), team).toEqual(ids.filter((id) => id !== DOWN).sort());
    }
    const next = await page.locator('[data-view]').getAttribute('data-view-next');
    expect(['team:data', 'team:payments', 'team:search']).toContain(next);
  });

  it("a problem tile's QR code opens its service's page at the board's public address", async () => {
    await page.goto(server.url);
    const qr = page.locator(`[data-service="${DOWN}"] [data-qr]`);
    const url = `${BOARD_URL}/services/${DOWN}`;
    await expect.poll(() => qr.getAttribute('data-qr')).toBe(url);
    const path = qr.locator('svg path');
    await path.waitFor({ state: 'attached' });
    expect(await qr.locator('svg').isVisible()).toBe(true);
    // Read the drawn modules back and compare them with the code of the address.
    const d = (await path.getAttribute('d'))!;
    const code = qrcode(0, 'L');
    code.addData(url);
    code.make();
    const dark = new Set(
      [...d.matchAll(/M(\d+) (\d+)h(\d+)/g)].flatMap(([, x, y, w]) => Array.from({ length: Number(w) }, (_, i) => `${Number(y)},${Number(x) + i}`)),
    );
    const count = code.getModuleCount();
    const expected = new Set<string>();
    for (let row = 0; row < count; row++) for (let col = 0; col < count; col++) if (code.isDark(row, col)) expected.add(`${row + 2},${col + 2}`);
    expect(dark).toEqual(expected);
  });

  it('?sound=1: the mute button flips and is remembered; a service going down plays a tone and flashes its tile', async () => {
    await page.goto(`${server.url}/?sound=1`);
    const toggle = page.locator('[data-sound]');
    await toggle.waitFor();
    expect(await toggle.getAttribute('data-sound')).toBe('on');
    // Headless Chromium holds sound back until a click, as a TV's browser may.
    if ((await toggle.getAttribute('data-sound-blocked')) !== null) {
      await toggle.click();
      await expect.poll(() => toggle.getAttribute('data-sound-blocked')).toBeNull();
    }
    expect(await toggle.getAttribute('data-sound')).toBe('on');
    // The first snapshot, with a service already down, played nothing.
    expect(await page.evaluate(() => (window as unknown as { notesPlayed: number }).notesPlayed)).toBe(0);
    const flashed = page.locator(`[data-service="${FLIP}"][data-changed]`).waitFor({ timeout: 15_000 });
    flip.mode = 'down';
    try {
      await flashed;
      await expect.poll(() => page.evaluate(() => (window as unknown as { notesPlayed: number }).notesPlayed)).toBeGreaterThan(0);
      expect(await page.locator(`[data-service="${FLIP}"]`).getAttribute('data-status')).toBe('down');
      await page.locator(`[data-service="${FLIP}"]:not([data-changed])`).waitFor({ timeout: 5_000 });
    } finally {
      flip.mode = 'up';
    }
    await toggle.click();
    expect(await toggle.getAttribute('data-sound')).toBe('off');
    await page.reload();
    await page.locator('[data-sound]').waitFor();
    expect(await page.locator('[data-sound]').getAttribute('data-sound')).toBe('off');
    await page.locator('[data-sound]').click();
    expect(await page.locator('[data-sound]').getAttribute('data-sound')).toBe('on');
  });
});
