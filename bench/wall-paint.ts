import { chromium } from 'playwright-core';
import { percentile, type Benchmark, type Measure } from './lib/measure';
import { allChecked, launchServer, manyServices } from './lib/server';
import { Target } from './lib/target';

const SERVICES = 500;
const LOADS = 5;
const CHROMIUM = '/usr/bin/chromium';

/**
 * Injected before the board's own code: at every frame, whether the whole board is on
 * screen (every service in a tile or counted in a folded one, and the banner); the time of
 * the first frame that has it, ms since navigation began, is left in `window.__fullBoardAt`.
 */
// A string, not a function: the bundler that runs the benchmarks names inner functions
// with a helper the page does not have.
const WATCH_FOR_FULL_BOARD = (services: number) => `
  const look = () => {
    const tiles = document.querySelectorAll('[data-service]').length;
    const folded = [...document.querySelectorAll('[data-folded]')].reduce((sum, el) => sum + Number(el.dataset.folded || 0), 0);
    if (tiles + folded >= ${services} && document.querySelector('.banner')) window.__fullBoardAt = performance.now();
    else requestAnimationFrame(look);
  };
  requestAnimationFrame(look);
`;

/**
 * wall-paint: a wall screen's first load in Chromium, of a board of 500 services (one http
 * check each, every check already run): from navigation to the first frame with every
 * service on screen. Each load is a new browser profile, as a TV's first visit (no cache,
 * no service worker).
 */
export const wallPaint: Benchmark = async ({ cpuProfDir }) => {
  const target = new Target();
  await target.listen();
  const server = await launchServer('wall-paint', manyServices(SERVICES, target.url(), '60s'), cpuProfDir);
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] });
  try {
    await server.ready();
    await allChecked(server.url, 40_000);
    const times: number[] = [];
    for (let i = -1; i < LOADS; i += 1) {
      const context = await browser.newContext({ viewport: { width: 1920, height: 1080 }, serviceWorkers: 'block' });
      const page = await context.newPage();
      await page.addInitScript(WATCH_FOR_FULL_BOARD(SERVICES));
      await page.goto(server.url);
      const at = await page
        .waitForFunction(() => (window as unknown as { __fullBoardAt?: number }).__fullBoardAt, undefined, { timeout: 20_000 })
        .catch(async (error: Error) => {
          const seen = await page.evaluate(() => ({
            tiles: document.querySelectorAll('[data-service]').length,
            folded: [...document.querySelectorAll<HTMLElement>('[data-folded]')].map((el) => el.dataset.folded),
            banner: document.querySelector('.banner')?.textContent,
          }));
          throw new Error(`${error.message}; on screen: ${JSON.stringify(seen)}`);
        });
      // The first load warms the server and the disk cache; it is not counted.
      if (i >= 0) times.push((await at.jsonValue()) as number);
      await context.close();
    }
    const m = (measure: string, value: number, unit: Measure['unit'], goal?: Measure['goal']): Measure => ({
      benchmark: 'wall-paint',
      measure,
      value,
      unit,
      goal,
    });
    return [
      m(`navigation → first frame with all ${SERVICES} services on screen, p50 (${LOADS} first visits, 1920×1080)`, percentile(times, 50), 'ms'),
      m('navigation → first frame with all services on screen, max', Math.max(...times), 'ms', { op: '<', limit: 1000 }),
    ];
  } finally {
    await browser.close();
    await server.stop();
    await target.close();
  }
};
