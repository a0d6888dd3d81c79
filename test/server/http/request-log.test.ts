import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../../server/app';
import { parseConfig } from '../../../server/config/load';
import { redactRequestUrl, requestId, responseLevel } from '../../../server/http/request-log';
import { createLogger } from '../../../server/log';
import { SqliteStore } from '../../../server/store/sqlite';
import { startBoard, type RunningBoard } from '../../helpers/board';
import { configFromYaml } from '../../helpers/config';
import { waitFor } from '../../helpers/wait';

const PUSH_TOKEN = 'push-token-4f9c2a7e8b1d';
const AUTHORIZATION = 'Bearer auth-secret-93c1e';
const COOKIE = 'sid=cookie-secret-5d0a7';
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const DEBUG = 20;
const INFO = 30;
const ERROR = 50;

const CONFIG = `services:
  - { id: nightly, name: Nightly export }
sources:
  - { id: beat, type: push, token: ${PUSH_TOKEN}, service: nightly, grace: 1h }
`;

interface RequestLine {
  level: number;
  msg: string;
  req?: { id: string; method: string; url: string; remoteAddress?: string; userAgent?: string; headers?: unknown };
  res?: { statusCode: number; headers?: unknown };
  responseTime?: number;
}

/** The real process logger (masking and all), writing into an array a test can read. */
function capturedLogger() {
  const raw: string[] = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, done) {
      raw.push(chunk.toString('utf8'));
      done();
    },
  });
  const lines = () => raw.map((line) => JSON.parse(line) as RequestLine);
  return { log: createLogger({ level: 'debug', destination }), raw, lines };
}

/** The line logged when the request with this id was answered. */
const answeredLine = (lines: () => RequestLine[], id: string) =>
  waitFor(() => lines().find((line) => line.req?.id === id && line.res !== undefined), `the request ${id} to be logged`);

describe('request ids and the request log, on a running board', () => {
  const captured = capturedLogger();
  let board: RunningBoard;

  beforeAll(async () => {
    board = await startBoard(CONFIG, { log: captured.log });
  });
  afterAll(async () => {
    await board?.close();
  });

  it('every answer carries an X-Request-Id, and its log line the same id', async () => {
    const response = await fetch(`${board.url}/healthz`);
    const id = response.headers.get('x-request-id');
    expect(id).toMatch(UUID);
    const line = await answeredLine(captured.lines, id!);
    expect(line).toMatchObject({
      level: DEBUG,
      msg: 'GET /healthz 200',
      req: { method: 'GET', url: '/healthz', remoteAddress: '127.0.0.1' },
      res: { statusCode: 200 },
    });
    expect(line.responseTime).toBeGreaterThanOrEqual(0);
  });

  it('a sane incoming X-Request-Id is kept, so one id follows a request through a proxy', async () => {
    const response = await fetch(`${board.url}/api/services`, { headers: { 'X-Request-Id': 'edge-7f3a.b_C-9' } });
    expect(response.headers.get('x-request-id')).toBe('edge-7f3a.b_C-9');
    expect((await answeredLine(captured.lines, 'edge-7f3a.b_C-9')).req?.url).toBe('/api/services');
  });

  it.each([
    ['spaces and markup', 'a b <script>'],
    ['too long', 'x'.repeat(129)],
    ['a percent-escaped line break', 'abc%0d%0aforged: yes'],
  ])('an incoming X-Request-Id with %s is replaced by a new one', async (_what, incoming) => {
    const response = await fetch(`${board.url}/healthz`, { headers: { 'X-Request-Id': incoming } });
    const id = response.headers.get('x-request-id');
    expect(id).toMatch(UUID);
    await answeredLine(captured.lines, id!);
    expect(captured.raw.join('')).not.toContain(incoming);
  });

  it('a refusal is logged at info, not buried at debug nor raised to a warning', async () => {
    const response = await fetch(`${board.url}/api/nothing-here`, { headers: { 'X-Request-Id': 'missing-1' } });
    expect(response.status).toBe(404);
    expect(await answeredLine(captured.lines, 'missing-1')).toMatchObject({ level: INFO, msg: 'GET /api/nothing-here 404' });
  });

  it('a push logs its path without the token, whether the token is right or not', async () => {
    const pushed = await fetch(`${board.url}/api/push/${PUSH_TOKEN}?status=up&msg=done`, { method: 'POST', headers: { 'X-Request-Id': 'push-ok' } });
    expect(pushed.status).toBeLessThan(300);
    const wrong = await fetch(`${board.url}/API/Push/${PUSH_TOKEN.slice(0, -1)}x`, { headers: { 'X-Request-Id': 'push-wrong' } });
    expect(wrong.status).toBe(404);

    expect(await answeredLine(captured.lines, 'push-ok')).toMatchObject({
      msg: `POST /api/push/[redacted]?status=up&msg=done ${pushed.status}`,
      req: { url: '/api/push/[redacted]?status=up&msg=done' },
    });
    expect((await answeredLine(captured.lines, 'push-wrong')).req?.url).toBe('/API/Push/[redacted]');
    expect(captured.raw.join('')).not.toContain(PUSH_TOKEN.slice(0, -1));
  });

  it('an acknowledge link and credentials in the query are redacted', async () => {
    await fetch(`${board.url}/ack/incident-17.signature-a8f3?x=1`, { headers: { 'X-Request-Id': 'ack-1' } });
    await fetch(`${board.url}/api/services?token=board-token-61b2&access_token=at-77e1&view=eu`, { headers: { 'X-Request-Id': 'query-1' } });
    expect((await answeredLine(captured.lines, 'ack-1')).req?.url).toBe('/ack/[redacted]?x=1');
    expect((await answeredLine(captured.lines, 'query-1')).req?.url).toBe('/api/services?token=[redacted]&access_token=[redacted]&view=eu');
    const text = captured.raw.join('');
    for (const secret of ['incident-17.signature-a8f3', 'board-token-61b2', 'at-77e1']) expect(text).not.toContain(secret);
  });

  it('no line carries the Authorization or Cookie header, nor any header dump', async () => {
    for (const path of ['/healthz', '/api/services', '/api/nothing-here', `/api/push/${PUSH_TOKEN}`]) {
      await fetch(`${board.url}${path}`, {
        headers: { Authorization: AUTHORIZATION, Cookie: COOKIE, 'User-Agent': 'wall-tv/1.0', 'X-Request-Id': `auth${path.length}` },
      });
      const line = await answeredLine(captured.lines, `auth${path.length}`);
      expect(line.req?.userAgent).toBe('wall-tv/1.0');
      expect(line.req?.headers).toBeUndefined();
      expect(line.res?.headers).toBeUndefined();
    }
    const text = captured.raw.join('');
    expect(text).not.toContain('auth-secret-93c1e');
    expect(text).not.toContain('cookie-secret-5d0a7');
  });
});

describe('values from the environment in the request log', () => {
  it('are masked wherever the URL carries them, as a push message quoting its own token', async () => {
    const token = 'env-push-token-0c7d3e91';
    const captured = capturedLogger();
    const { config, secrets } = parseConfig(CONFIG.replace(PUSH_TOKEN, '"${PUSH_TOKEN}"'), 'test.yaml', { PUSH_TOKEN: token });
    const board = await startBoard('', { config, secrets, log: captured.log });
    try {
      await fetch(`${board.url}/api/push/${token}?msg=${encodeURIComponent(`sent with ${token}`)}`, { headers: { 'X-Request-Id': 'quoted' } });
      const line = await answeredLine(captured.lines, 'quoted');
      expect(line.req?.url).toBe('/api/push/[redacted]?msg=sent%20with%20***');
      expect(captured.raw.join('')).not.toContain(token);
    } finally {
      await board.close();
    }
  });
});

describe('a failed request in the log', () => {
  it('a 500 and a 503 are logged at error with their request ids', async () => {
    const captured = capturedLogger();
    const store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'gb-reqlog-')), 'greenboard.db'));
    await store.migrate();
    // Listening but not started (nothing in the background touches the store), then the
    // database goes away: reads fail for real.
    const app = createApp({ config: configFromYaml(CONFIG), store, log: captured.log });
    const { port } = await app.listen(0);
    try {
      await store.close();
      const failed = await fetch(`http://127.0.0.1:${port}/api/transitions`, { headers: { 'X-Request-Id': 'broken-500', Authorization: AUTHORIZATION } });
      expect(failed.status).toBe(500);
      expect(failed.headers.get('x-request-id')).toBe('broken-500');
      const notReady = await fetch(`http://127.0.0.1:${port}/readyz`, { headers: { 'X-Request-Id': 'broken-503' } });
      expect(notReady.status).toBe(503);

      expect(await answeredLine(captured.lines, 'broken-500')).toMatchObject({ level: ERROR, msg: 'GET /api/transitions 500', res: { statusCode: 500 } });
      expect(await answeredLine(captured.lines, 'broken-503')).toMatchObject({ level: ERROR, msg: 'GET /readyz 503' });
      expect(captured.raw.join('')).not.toContain('auth-secret-93c1e');
    } finally {
      await app.stop();
    }
  });
});

describe('the pieces of the request log', () => {
  it.each([
    ['/api/push/abc', '/api/push/[redacted]'],
    ['/api/push/abc/', '/api/push/[redacted]/'],
    ['/api/push/abc?status=down', '/api/push/[redacted]?status=down'],
    ['/ack/t.sig', '/ack/[redacted]'],
    ['/api/services/checkout', '/api/services/checkout'],
    ['/?view=eu&token=s3&kiosk', '/?view=eu&token=[redacted]&kiosk'],
    ['/?Token=s3&KEY=k&access_token=a', '/?Token=[redacted]&KEY=[redacted]&access_token=[redacted]'],
    ['/?to%6Ben=s3&token[]=s4', '/?to%6Ben=[redacted]&token[]=[redacted]'],
    ['/?token', '/?token=[redacted]'],
    ['/?monkey=1', '/?monkey=1'],
  ])('the URL %s is logged as %s', (url, logged) => {
    expect(redactRequestUrl(url)).toBe(logged);
  });

  it.each([
    [200, false, 'debug'],
    [304, false, 'debug'],
    [404, false, 'info'],
    [429, false, 'info'],
    [500, false, 'error'],
    [503, false, 'error'],
    [200, true, 'error'],
  ])('a %i answer (failed: %s) is logged at %s', (status, failed, level) => {
    expect(responseLevel(status, failed)).toBe(level);
  });

  it('keeps a sane id and makes a new one otherwise', () => {
    expect(requestId('req-1.a_B')).toBe('req-1.a_B');
    expect(requestId('x'.repeat(128))).toBe('x'.repeat(128));
    expect(requestId('x'.repeat(129))).toMatch(UUID);
    expect(requestId('')).toMatch(UUID);
    expect(requestId(['a', 'b'])).toMatch(UUID);
    expect(requestId(undefined)).toMatch(UUID);
  });
});
