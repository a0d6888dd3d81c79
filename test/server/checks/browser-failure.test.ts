import { createServer, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { createBrowserCheck } from '../../../server/checks/browser';
import { BrowserPool } from '../../../server/checks/browser-pool';
import { saveScreenshot } from '../../../server/checks/browser-run';
import { runCheck } from '../../../server/checks/runner';
import type { ArtifactSink, Observation } from '../../../server/checks/types';
import { checkSchema } from '../../../server/config/schema';
import { CHROMIUM_PATH, chromiumRequirement } from '../../helpers/requirements';
import { startHttpTarget, type HttpTarget } from '../../helpers/targets';
import { byTimeout } from '../../helpers/timing';

/**
 * What a failed browser check reports when the page itself stops answering: a page that
 * never finishes loading, or one stuck in a script. Every page operation on that path
 * must be bounded, or the runner's plain "timed out" wins over the named step.
 */

const PNG_SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const SECRET = 'typed-s3cret-value';

function memoryArtifacts() {
  const saved = new Map<string, Buffer>();
  const sink: ArtifactSink = {
    save: async (data, options) => {
      const id = `a${saved.size + 1}.${options.extension}`;
      saved.set(id, data);
      return id;
    },
  };
  return { saved, sink };
}

/**
 * How a loopback page misbehaves: each keeps the browser loading forever, or busy. Plain
 * text cut short is the hard case: Chromium shows it only once it has enough bytes to
 * tell its type, and until then runs no script in the tab nor draws it.
 */
type Behaviour = 'silent' | 'headers-then-hang' | 'busy-after-click';

function serve(behaviour: Behaviour, res: ServerResponse): void {
  switch (behaviour) {
    case 'silent':
      return; // accepts the request, never answers
    case 'headers-then-hang':
      res.writeHead(200, { 'content-type': 'text/plain' });
      res.write('hello');
      return;
    case 'busy-after-click':
      // The click itself completes; a moment later the page's only thread never comes back.
      res.writeHead(200, { 'content-type': 'text/html' });
      res.end('<input id="p"><button id="go" onclick="setTimeout(() => { for (;;) {} }, 50)">Go</button>');
      return;
  }
}

/** One loopback server; the path picks the behaviour: /silent, /headers-then-hang… */
async function startPages(): Promise<{ url: (behaviour: Behaviour) => string; close(): Promise<void> }> {
  const sockets = new Set<Socket>();
  const server: Server = createServer((req, res) => serve(req.url!.slice(1) as Behaviour, res));
  server.on('connection', (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url: (behaviour) => `${base}/${behaviour}`,
    close: () =>
      new Promise((resolve) => {
        for (const socket of sockets) socket.destroy();
        server.close(() => resolve());
      }),
  };
}

const stepOutcomes = (result: Observation) => (result.details!.steps as Array<{ outcome: string }>).map((s) => s.outcome);

describe.skipIf(chromiumRequirement().skip)('a browser check whose page stops answering', () => {
  const pool = new BrowserPool();
  const browser = createBrowserCheck(pool);
  let pages: Awaited<ReturnType<typeof startPages>>;
  let endless: HttpTarget;
  let artifacts: ReturnType<typeof memoryArtifacts>;
  const TIMEOUT_MS = 8_000;
  const run = (steps: unknown[]) =>
    runCheck(browser, checkSchema.parse({ id: 'b', type: 'browser', timeout: `${TIMEOUT_MS}ms`, steps }), { context: { artifacts: artifacts.sink } });

  beforeAll(async () => {
    pages = await startPages();
    endless = await startHttpTarget('endless');
    // Chromium starts once here, so its start-up is not counted against a run's timeout.
    (await pool.acquire(CHROMIUM_PATH)).release();
  });
  afterAll(async () => {
    await pool.closeAll();
    await Promise.all([pages.close(), endless.close()]);
  });
  beforeEach(() => {
    artifacts = memoryArtifacts();
  });

  it.each(['silent', 'headers-then-hang', 'endless-body'] as const)(
    'a page that never finishes loading (%s) fails at its goto, named, with every step listed, before the timeout',
    async (behaviour) => {
      const url = behaviour === 'endless-body' ? `${endless.url}/` : pages.url(behaviour);
      const started = Date.now();
      const result = await run([{ goto: url }, { fill: { selector: '#p', value: SECRET } }, { click: '#p' }]);
      expect(Date.now() - started).toBeLessThan(byTimeout(TIMEOUT_MS));
      expect(result.outcome).toBe('failed');
      // The step named, not the runner's "timed out after 8s": the check answered before its timeout.
      expect(result.message).toMatch(new RegExp(`^step 1 'goto ${url}': page did not load \\(waited [\\d.]+m?s\\)$`));
      expect(result.details).toMatchObject({ failedStep: 1 });
      expect(stepOutcomes(result)).toEqual(['failed', 'skipped', 'skipped']);
      expect(result.details!.steps).toMatchObject([
        { step: `goto ${url}`, error: expect.stringMatching(/^page did not load/) },
        { step: 'fill #p' },
        { step: 'click #p' },
      ]);
    },
  );

  it('a page that never finishes loading is stopped, so the screenshot can still be taken', async () => {
    const result = await run([{ goto: pages.url('headers-then-hang') }]);
    expect(result.details).toMatchObject({ failedStep: 1, screenshot: 'a1.png' });
    expect(artifacts.saved.get('a1.png')!.subarray(0, 8).equals(PNG_SIGNATURE)).toBe(true);
  });

  it('a page stuck in a script after a secret was typed: the step is named and no screenshot is taken, saying why', async () => {
    const started = Date.now();
    const result = await run([
      { goto: pages.url('busy-after-click') },
      { fill: { selector: '#p', value: SECRET } },
      { click: '#go' },
      { expectText: 'never shown' },
    ]);
    expect(Date.now() - started).toBeLessThan(byTimeout(TIMEOUT_MS));
    expect(result.outcome).toBe('failed');
    // Whether the click still saw the page answer depends on timing; either step is the right one to name.
    expect(result.message).toMatch(/^step (3 'click #go'|4 'expectText "never shown"'): /);
    expect(result.details).toMatchObject({ screenshotError: 'no screenshot: the page did not respond, so typed values could not be blanked out first' });
    expect(result.details).not.toHaveProperty('screenshot');
    expect(artifacts.saved.size).toBe(0);
    expect(JSON.stringify(result)).not.toContain(SECRET);
  });
});

describe('saveScreenshot on a page that never answers', () => {
  /** A page whose every operation hangs, except the screenshot when `drawable`. */
  function stuckPage(drawable: boolean) {
    const never = () => new Promise<never>(() => undefined);
    const screenshot = vi.fn(async () => {
      if (!drawable) throw Object.assign(new Error('page.screenshot: Timeout exceeded.'), { name: 'TimeoutError' });
      return PNG_SIGNATURE;
    });
    const evaluate = vi.fn(never);
    const page = { context: () => ({ newCDPSession: never }), evaluate, screenshot } as unknown as Page;
    return { page, evaluate, screenshot };
  }

  it('with a typed secret, gives up on blanking within its time and takes no screenshot', async () => {
    const { page, screenshot } = stuckPage(true);
    const started = performance.now();
    const result = await saveScreenshot(page, [SECRET], memoryArtifacts().sink, 200);
    expect(performance.now() - started).toBeLessThan(byTimeout(200));
    expect(result).toEqual({ screenshotError: 'no screenshot: the page did not respond, so typed values could not be blanked out first' });
    expect(screenshot).not.toHaveBeenCalled();
  });

  it('with nothing typed, needs no blanking and still takes the screenshot', async () => {
    const { page, evaluate, screenshot } = stuckPage(true);
    const artifacts = memoryArtifacts();
    expect(await saveScreenshot(page, [], artifacts.sink, 200)).toEqual({ screenshot: 'a1.png' });
    expect(evaluate).not.toHaveBeenCalled();
    expect(screenshot).toHaveBeenCalledWith(expect.objectContaining({ timeout: expect.any(Number) }));
  });

  it('a screenshot that times out is reported as such', async () => {
    const { page } = stuckPage(false);
    expect(await saveScreenshot(page, [], memoryArtifacts().sink, 200)).toEqual({ screenshotError: 'no screenshot: the page did not draw one within 200ms' });
  });
});
