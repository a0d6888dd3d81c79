import { mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isBoardPage } from '../../../server/http/static-client';
import { startBoard, type RunningBoard } from '../../helpers/board';

const yaml = 'services:\n  - { id: checkout, name: Checkout API }\n';
const BOARD_HTML = '<!doctype html><title>Greenboard</title><div id="root"></div>';

let board: RunningBoard;
let bare: RunningBoard;

beforeAll(async () => {
  const clientDir = mkdtempSync(join(tmpdir(), 'gb-client-'));
  mkdirSync(join(clientDir, 'assets'));
  writeFileSync(join(clientDir, 'index.html'), BOARD_HTML);
  writeFileSync(join(clientDir, 'assets', 'index-abc123.js'), 'console.log("board")');
  writeFileSync(join(clientDir, 'sw.js'), 'self.addEventListener("fetch", () => {})');
  board = await startBoard(yaml, { clientDir });
  bare = await startBoard(yaml);
});

afterAll(async () => {
  await Promise.all([board.close(), bare.close()]);
});

async function errorOf(response: Response) {
  expect(response.headers.get('content-type')).toMatch(/^application\/json/);
  return ((await response.json()) as { error: { code: string; message: string } }).error;
}

describe('which paths get the board', () => {
  it.each(['/', '/services/checkout', '/services/checkout/', '/services/no-such-service', '/services/with%20space'])(
    '%s is a page of the board and gets its HTML',
    async (path) => {
      const response = await fetch(`${board.url}${path}`);
      expect(response.status).toBe(200);
      expect(response.headers.get('cache-control')).toBe('no-cache');
      expect(await response.text()).toBe(BOARD_HTML);
    },
  );

  it("the board's files are served, hashed assets cached for good", async () => {
    const response = await fetch(`${board.url}/assets/index-abc123.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('cache-control')).toContain('immutable');
    expect(await response.text()).toBe('console.log("board")');
  });

  it('the service worker is served from the root as JavaScript and never cached, so a new release is seen at once', async () => {
    const response = await fetch(`${board.url}/sw.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^(application|text)\/javascript/);
    expect(response.headers.get('cache-control')).toBe('no-cache');
    expect(await response.text()).toBe('self.addEventListener("fetch", () => {})');
  });

  it.each(['/status', '/nope', '/services', '/services/checkout/history', '/assets/missing.js', '/favicon.ico', '/index.htm'])(
    '%s is not the board: 404 in the API error shape, not the board page',
    async (path) => {
      const response = await fetch(`${board.url}${path}`);
      expect(response.status).toBe(404);
      expect(await errorOf(response)).toEqual({ code: 'not_found', message: `no such endpoint: GET ${path}` });
    },
  );

  it.each(['POST', 'PUT', 'DELETE', 'PATCH'])('%s on a board page is 405 in the API error shape, saying which methods it takes', async (method) => {
    const response = await fetch(`${board.url}/services/checkout`, { method, body: method === 'DELETE' ? undefined : 'x' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
    expect(await errorOf(response)).toEqual({ code: 'method_not_allowed', message: `${method} is not allowed on /services/checkout; use GET or HEAD` });
  });

  it('a non-GET request to a path that is nobody\'s is 404 in the API error shape, not "Cannot POST"', async () => {
    const response = await fetch(`${board.url}/login`, { method: 'POST', body: 'user=x' });
    expect(response.status).toBe(404);
    expect(await errorOf(response)).toEqual({ code: 'not_found', message: 'no such endpoint: POST /login' });
  });

  it.each([
    ['POST', '/api/services'],
    ['DELETE', '/api/services/checkout'],
    ['PUT', '/api/services/checkout/history'],
    ['POST', '/readyz'],
    ['POST', '/api/artifacts/abc'],
  ])('%s %s, a path that takes only reads, is 405 naming the methods it takes', async (method, path) => {
    const response = await fetch(`${board.url}${path}`, { method });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
    expect(await errorOf(response)).toEqual({ code: 'method_not_allowed', message: `${method} is not allowed on ${path}; use GET or HEAD` });
  });

  it('HEAD on a board page answers like GET, without a body', async () => {
    const response = await fetch(`${board.url}/services/checkout`, { method: 'HEAD' });
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/html/);
  });

  it('a server without a built board answers every page with JSON too', async () => {
    for (const path of ['/', '/services/checkout', '/status']) {
      const response = await fetch(`${bare.url}${path}`);
      expect(response.status).toBe(404);
      expect((await errorOf(response)).code).toBe('not_found');
    }
  });

  it('the API and the health endpoints are unchanged', async () => {
    expect((await fetch(`${board.url}/api/services`)).status).toBe(200);
    expect((await fetch(`${board.url}/healthz`)).status).toBe(200);
    expect(await errorOf(await fetch(`${board.url}/api/nope`))).toEqual({ code: 'not_found', message: 'no such endpoint: GET /api/nope' });
  });
});

describe('the paths the board has pages for', () => {
  it.each([
    ['/', true],
    ['/services/checkout', true],
    ['/services/checkout///', true],
    ['/services/%E2%9C%93', true],
    ['/standup', true],
    ['/standup/', true],
    ['/standup/today', false],
    ['//', false],
    ['/services', false],
    ['/services/', false],
    ['/services/a/b', false],
    ['/metrics', false],
    ['/api/services', false],
    ['/socket.io/', false],
  ])('%s → %s', (path, expected) => {
    expect(isBoardPage(path)).toBe(expected);
  });
});
