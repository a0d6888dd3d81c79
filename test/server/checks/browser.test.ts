import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createBrowserCheck } from '../../../server/checks/browser';
import { BrowserPool } from '../../../server/checks/browser-pool';
import { runCheck } from '../../../server/checks/runner';
import type { ArtifactSink, Observation } from '../../../server/checks/types';
import { checkSchema } from '../../../server/config/schema';
import { configFromYaml } from '../../helpers/config';
import { CHROMIUM_PATH, chromiumRequirement } from '../../helpers/requirements';
import { startHttpTarget, type HttpTarget } from '../../helpers/targets';
import { byTimeout, wellBefore } from '../../helpers/timing';
import { waitFor } from '../../helpers/wait';
import { startDemoShop, type DemoShop } from '../../helpers/webapp';

/** Keeps saved artifacts in memory, as the server's store would keep them on disk. */
function memoryArtifacts() {
  const saved = new Map<string, { data: Buffer; extension: string; contentType: string }>();
  const sink: ArtifactSink = {
    save: async (data, options) => {
      const id = `a${saved.size + 1}.${options.extension}`;
      saved.set(id, { data, ...options });
      return id;
    },
  };
  return { saved, sink };
}

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Timeouts sized for a busy machine, where opening a page and each step can take a
 * second or more. A run that succeeds ends when its steps are done, so its timeout costs
 * nothing. A failing step waits out whatever time is left, so a run that fails at step
 * `step` gets only what the steps before it need, and the check's reserve (2s) after.
 */
const OK_RUN_MS = 20_000;
const failingAtMs = (step: number) => Math.max(8_000, 2_000 + 1_500 * step);

const config = (steps: unknown[], timeout = `${OK_RUN_MS}ms`) => checkSchema.parse({ id: 'b', type: 'browser', timeout, steps });

/** A user's visit: sign in, search, upload a file. */
function journey(url: string, password = 'demo-password'): unknown[] {
  return [
    { goto: url },
    { fill: { selector: 'input[name=username]', value: 'demo' } },
    { fill: { selector: 'input[name=password]', value: password } },
    { click: 'button[type=submit]' },
    { expectText: 'Signed in as Demo User' },
    { fill: { selector: 'input[name=q]', value: 'teapot' } },
    { press: { selector: 'input[name=q]', key: 'Enter' } },
    { expectText: { selector: '#results', text: 'teapot (small)' } },
    { click: 'text=Upload a file' },
    { upload: { selector: 'input[type=file]', file: { name: 'hello.txt', content: 'hello from the check' } } },
    { click: 'button[type=submit]' },
    { expectText: 'Uploaded hello.txt' },
  ];
}

describe('browser config', () => {
  const parse = (steps: unknown) => checkSchema.safeParse({ id: 'b', type: 'browser', steps });
  const yaml = (steps: string) => `services:\n  - id: shop\n    name: Shop\n    checks:\n      - id: journey\n        type: browser\n        steps:\n${steps}`;

  it('a fixed wait is refused with a hint, at its line', () => {
    expect(() => configFromYaml(yaml('          - goto: http://127.0.0.1/\n          - wait: 2s\n'))).toThrow(
      'test.yaml:9: services[0].checks[0].steps[1].wait: "wait" is not a step: wait for what a user waits for, with expectText or expectVisible',
    );
  });

  it('a step with two actions is refused', () => {
    expect(() => configFromYaml(yaml('          - goto: http://127.0.0.1/\n          - { click: "#a", expectVisible: "#b" }\n'))).toThrow(
      'steps[1]: a step does one thing, this one has click and expectVisible: make them separate steps',
    );
  });

  it.each([
    ['no steps', []],
    ['a first step that is not goto', [{ click: '#a' }]],
    ['an unknown step', [{ goto: 'http://127.0.0.1/' }, { hover: '#a' }]],
    ['a goto that is not http', [{ goto: 'file:///etc/passwd' }]],
    ['a fill without a value', [{ goto: 'http://127.0.0.1/' }, { fill: { selector: '#a' } }]],
    ['an empty selector', [{ goto: 'http://127.0.0.1/' }, { click: '' }]],
  ])('rejects %s', (_name, steps) => {
    expect(parse(steps).success).toBe(false);
  });

  it('every typed value is a secret, and the target is described without any', () => {
    const check = config([{ goto: 'http://user:pa55word@127.0.0.1/shop/' }, { fill: { selector: '#p', value: 's3cret-value' } }]);
    const type = createBrowserCheck();
    expect(type.secrets!(check as never)).toEqual(['s3cret-value', 'pa55word', 'pa55word']);
    expect(type.describe(check as never)).toBe('browser: 2 steps from http://user:***@127.0.0.1/shop/');
  });

  it('a typed value marked secret: false is shown as typed', () => {
    const check = config([
      { goto: 'http://127.0.0.1/shop/' },
      { fill: { selector: '#q', value: 'lamp', secret: false } },
      { fill: { selector: '#p', value: 'hunter22' } },
    ]);
    expect(createBrowserCheck().secrets!(check as never)).toEqual(['hunter22']);
  });
});

describe('without Chromium', () => {
  const saved = process.env.CHROMIUM_PATH;
  afterEach(() => {
    if (saved === undefined) delete process.env.CHROMIUM_PATH;
    else process.env.CHROMIUM_PATH = saved;
  });

  it('the check is unknown and says where it looked, never up', async () => {
    process.env.CHROMIUM_PATH = '/nonexistent/chromium';
    const result = await runCheck(createBrowserCheck(new BrowserPool()), config([{ goto: 'http://127.0.0.1/' }]));
    expect(result).toEqual({ outcome: 'unknown', message: 'Chromium is not installed on the server (looked at /nonexistent/chromium)', latencyMs: null });
  });

  it('a program at CHROMIUM_PATH that is not Chromium makes the check unknown, saying it could not start', async () => {
    process.env.CHROMIUM_PATH = process.execPath;
    const result = await runCheck(createBrowserCheck(new BrowserPool()), config([{ goto: 'http://127.0.0.1/' }]));
    expect(result).toEqual({
      outcome: 'unknown',
      message: `Chromium could not start: it exited as soon as it started (is ${process.execPath} Chromium?)`,
      latencyMs: null,
    });
  });
});

const live = chromiumRequirement();

describe.skipIf(live.skip)('the browser check against the demo shop', () => {
  const pool = new BrowserPool();
  const browser = createBrowserCheck(pool);
  let shop: DemoShop;
  let artifacts: ReturnType<typeof memoryArtifacts>;
  const run = (steps: unknown[], timeout?: string): Promise<Observation> =>
    runCheck(browser, config(steps, timeout), { context: { artifacts: artifacts.sink } });

  beforeAll(async () => {
    shop = await startDemoShop();
    // Chromium starts once here, so its start-up is not counted against a run's timeout.
    (await pool.acquire(CHROMIUM_PATH)).release();
  });
  afterEach(() => {
    shop.faults.clear();
  });
  afterAll(async () => {
    await pool.closeAll();
    await shop.close();
  });
  beforeEach(() => {
    artifacts = memoryArtifacts();
  });

  it('signing in, searching and uploading like a user is ok, with the time of each step', async () => {
    const result = await run(journey(shop.url));
    expect(result).toMatchObject({ outcome: 'ok', message: expect.stringMatching(/^12 steps ok in [\d.]+m?s$/) });
    const steps = result.details!.steps as Array<{ step: string; outcome: string; ms: number }>;
    expect(steps.map((s) => s.outcome)).toEqual(Array(12).fill('ok'));
    expect(steps[3]).toMatchObject({ step: 'click button[type=submit]', ms: expect.any(Number) });
    expect(JSON.stringify(result)).not.toContain('demo-password');
    expect(artifacts.saved.size).toBe(0);
  });

  it('a wrong password fails at the step that expects to be signed in, with a PNG of the page', async () => {
    const result = await run(journey(shop.url, 'wrong-password'), `${failingAtMs(5)}ms`);
    expect(result.outcome).toBe('failed');
    expect(result.message).toMatch(/^step 5 'expectText "Signed in as Demo User"': text "Signed in as Demo User" not found \(waited [\d.]+m?s\)$/);
    expect(result.details).toMatchObject({ failedStep: 5, pageUrl: `${shop.url}login`, screenshot: 'a1.png' });
    const steps = result.details!.steps as Array<{ outcome: string }>;
    expect(steps.map((s) => s.outcome)).toEqual([...Array(4).fill('ok'), 'failed', ...Array(7).fill('skipped')]);
    const shot = artifacts.saved.get('a1.png')!;
    expect(shot.contentType).toBe('image/png');
    expect(shot.data.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
    expect(JSON.stringify(result)).not.toContain('wrong-password');
  });

  it('a broken search fails at the step that expects results', async () => {
    shop.faults.add('search');
    const result = await run(journey(shop.url), `${failingAtMs(8)}ms`);
    // "teapot" was typed by a fill step, so it counts as a secret and is masked wherever it shows.
    expect(result.message).toMatch(/^step 8 'expectText "\*\*\* \(small\)" in #results': text "\*\*\* \(small\)" not found in #results \(waited [\d.]+m?s\)$/);
    expect(result.details).toMatchObject({ failedStep: 8, screenshot: 'a1.png' });
  });

  it("an element that never appears fails that step within the check's timeout", async () => {
    const started = Date.now();
    const result = await run([{ goto: shop.url }, { expectVisible: '#never-there' }], `${failingAtMs(2)}ms`);
    // Had the check overrun, the runner would have answered "timed out after 8s" instead.
    expect(result.outcome).toBe('failed');
    expect(result.message).toMatch(/^step 2 'expectVisible #never-there': element not found \(waited [\d.]+m?s\)$/);
    expect(Date.now() - started).toBeLessThan(byTimeout(failingAtMs(2)));
  });

  it('a page that does not exist fails at its goto with the status', async () => {
    const result = await run([{ goto: `${shop.url}no-such-page` }]);
    expect(result).toMatchObject({ outcome: 'failed', message: `step 1 'goto ${shop.url}no-such-page': HTTP 404` });
  });
});

describe.skipIf(live.skip)('the shared browser', () => {
  let hanging: HttpTarget;
  beforeAll(async () => {
    hanging = await startHttpTarget('hang');
  });
  afterAll(async () => {
    await hanging.close();
  });

  it("an abort closes the run's context at once", async () => {
    const pool = new BrowserPool();
    // Started before the run, so that waiting for the page to be requested does not race Chromium's start-up.
    (await pool.acquire(CHROMIUM_PATH)).release();
    const controller = new AbortController();
    const running = createBrowserCheck(pool).run(config([{ goto: hanging.url }], '30s') as never, controller.signal, { artifacts: memoryArtifacts().sink });
    await waitFor(() => hanging.hits > 0, 'the page to be requested');
    const started = Date.now();
    controller.abort();
    expect(await running).toMatchObject({ outcome: 'failed', message: 'aborted' });
    expect(Date.now() - started).toBeLessThan(wellBefore(30_000));
    const lease = await pool.acquire(CHROMIUM_PATH);
    expect(lease.browser.contexts()).toHaveLength(0);
    lease.release();
    await pool.closeAll();
  });

  it('is closed when idle, and started afresh after it went away', async () => {
    const pool = new BrowserPool(50);
    const first = await pool.acquire(CHROMIUM_PATH);
    await first.browser.close(); // as if it had crashed
    await waitFor(() => pool.size === 0, 'the pool to forget the dead browser');
    const second = await pool.acquire(CHROMIUM_PATH);
    expect(second.browser).not.toBe(first.browser);
    expect(second.browser.isConnected()).toBe(true);
    second.release();
    await waitFor(() => pool.size === 0 && !second.browser.isConnected(), 'the idle browser to close');
  });
});
