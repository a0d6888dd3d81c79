import { execFile } from 'node:child_process';
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { createServer as createHttpsServer } from 'node:https';
import type { AddressInfo, Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { httpCheck, MAX_BODY_BYTES } from '../../../server/checks/http';
import { runCheck } from '../../../server/checks/runner';
import { checkSchema } from '../../../server/config/schema';
import { configFromYaml } from '../../helpers/config';
import { requirement } from '../../helpers/requirements';
import { closedPort, startHttpTarget, type HttpTarget } from '../../helpers/targets';
import { waitFor } from '../../helpers/wait';

let target: HttpTarget;
beforeAll(async () => {
  target = await startHttpTarget();
});
afterAll(async () => {
  await target.close();
});

function check(extra: Record<string, unknown> = {}) {
  return checkSchema.parse({ id: 'h', type: 'http', url: target.url, timeout: '5s', ...extra });
}

describe('the http check against a real server', () => {
  it('a healthy answer with the expected text is ok', async () => {
    target.mode = 'up';
    const result = await runCheck(httpCheck, check({ expect: { status: 200, bodyContains: 'all good' } }));
    expect(result).toMatchObject({ outcome: 'ok', message: 'HTTP 200' });
    expect(result.latencyMs).toBeGreaterThan(0);
  });

  it('a 503 is failed with the status in the message', async () => {
    target.mode = 'down';
    const result = await runCheck(httpCheck, check({ expect: { status: 200 } }));
    expect(result).toMatchObject({ outcome: 'failed', message: 'expected status 200, got 503' });
  });

  it('missing text is failed', async () => {
    target.mode = 'up';
    const result = await runCheck(httpCheck, check({ expect: { bodyContains: 'version 2' } }));
    expect(result).toMatchObject({ outcome: 'failed', message: 'body did not contain "version 2"' });
  });

  it('a slow answer beyond maxResponseTime is degraded', async () => {
    target.mode = 'slow';
    target.slowMs = 150;
    const result = await runCheck(httpCheck, check({ expect: { maxResponseTime: '50ms' } }));
    expect(result.outcome).toBe('degraded');
    expect(result.message).toMatch(/^slow: took \d+ms, limit 50ms$/);
  });

  it('a server that never answers is cut at the timeout and reported failed', async () => {
    target.mode = 'hang';
    const result = await runCheck(httpCheck, check({ timeout: '200ms' }));
    expect(result).toEqual({ outcome: 'failed', message: 'timed out after 200ms', latencyMs: null });
  });

  it('a connection reset is failed with a clear message', async () => {
    target.mode = 'reset';
    const result = await runCheck(httpCheck, check());
    expect(result.outcome).toBe('failed');
    expect(result.message).toMatch(/closed by the server|reset/);
  });

  it('garbage instead of HTTP is failed', async () => {
    target.mode = 'garbage';
    const result = await runCheck(httpCheck, check());
    expect(result.outcome).toBe('failed');
    expect(result.message).toMatch(/valid HTTP|closed by the server/);
  });

  it('an endless body fails, naming the limit, even with no expectations', async () => {
    target.mode = 'endless';
    const result = await runCheck(httpCheck, check());
    expect(result).toMatchObject({
      outcome: 'failed',
      message: 'response body larger than maxBodySize (1 MB); stopped reading',
      details: { statusCode: 200, bodyTruncated: true },
    });
    expect(result.details!.bodyExcerpt).toMatch(/^x{500}$/);
    expect(MAX_BODY_BYTES).toBe(1024 * 1024);
  });

  it('a refused connection is failed', async () => {
    const port = await closedPort();
    const result = await runCheck(httpCheck, checkSchema.parse({ id: 'h', type: 'http', url: `http://127.0.0.1:${port}/` }));
    expect(result).toMatchObject({ outcome: 'failed', message: 'connection refused' });
  });

  it('sends the configured method and headers', async () => {
    target.mode = 'up';
    const seen: Array<[string | undefined, unknown]> = [];
    const { createServer } = await import('node:http');
    const server = createServer((req, res) => {
      seen.push([req.method, req.headers['x-probe']]);
      res.end('OK');
    });
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const port = (server.address() as { port: number }).port;
    await runCheck(
      httpCheck,
      checkSchema.parse({ id: 'h', type: 'http', url: `http://127.0.0.1:${port}/`, method: 'POST', headers: { 'x-probe': 'greenboard' }, body: '{}' }),
    );
    server.close();
    expect(seen).toEqual([['POST', 'greenboard']]);
  });

  it('describes its target without the password of the URL', () => {
    const config = checkSchema.parse({ id: 'h', type: 'http', url: 'http://admin:hunter2@127.0.0.1:9/health' });
    expect(config.type === 'http' ? httpCheck.describe(config) : null).toBe('GET http://admin:***@127.0.0.1:9/health');
  });
});

/** What a test server saw of one request. */
interface Seen {
  method: string;
  url: string;
  headers: IncomingMessage['headers'];
  body: string;
}

/** A loopback server that records each request and answers with `handle`. */
async function startRecorder(handle: (req: Seen, res: ServerResponse) => void = (_req, res) => void res.end('OK')) {
  const seen: Seen[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const record = { method: req.method!, url: req.url!, headers: req.headers, body: Buffer.concat(chunks).toString('utf8') };
      seen.push(record);
      handle(record, res);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    seen,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

const http = (fields: Record<string, unknown>) => checkSchema.parse({ id: 'h', type: 'http', timeout: '2s', ...fields });

describe('building the request', () => {
  let recorder: Awaited<ReturnType<typeof startRecorder>>;
  beforeAll(async () => {
    recorder = await startRecorder();
  });
  afterAll(() => recorder.close());

  const last = () => recorder.seen.at(-1)!;

  it('merges query into the URL, keeping what the URL already has', async () => {
    await runCheck(httpCheck, http({ url: `${recorder.url}/search?lang=en&q=old`, query: { q: 'lamp & shade', page: 2, tag: ['a', 'b'] } }));
    expect(last().url).toBe('/search?lang=en&q=lamp+%26+shade&page=2&tag=a&tag=b');
  });

  it('sends json as JSON with its content type', async () => {
    await runCheck(httpCheck, http({ url: recorder.url, method: 'POST', json: { name: 'lamp', tags: ['x'], n: 1 } }));
    expect(last()).toMatchObject({ method: 'POST', body: '{"name":"lamp","tags":["x"],"n":1}' });
    expect(last().headers['content-type']).toBe('application/json');
  });

  it('sends form fields url-encoded', async () => {
    await runCheck(httpCheck, http({ url: recorder.url, method: 'POST', form: { username: 'demo', note: 'a b&c' } }));
    expect(last().body).toBe('username=demo&note=a+b%26c');
    expect(last().headers['content-type']).toBe('application/x-www-form-urlencoded');
  });

  it('keeps a content type the config sets itself', async () => {
    await runCheck(httpCheck, http({ url: recorder.url, method: 'POST', headers: { 'Content-Type': 'application/vnd.api+json' }, json: {} }));
    expect(last().headers['content-type']).toBe('application/vnd.api+json');
  });

  it('sends basic auth', async () => {
    await runCheck(httpCheck, http({ url: recorder.url, auth: { basic: { username: 'probe', password: 'pa55-word' } } }));
    expect(last().headers.authorization).toBe(`Basic ${Buffer.from('probe:pa55-word').toString('base64')}`);
  });

  it('sends a bearer token', async () => {
    await runCheck(httpCheck, http({ url: recorder.url, auth: { bearer: 'tok-123456' } }));
    expect(last().headers.authorization).toBe('Bearer tok-123456');
  });

  it('refuses two kinds of body at once without sending anything', async () => {
    const before = recorder.seen.length;
    const config = { ...http({ url: recorder.url, method: 'POST', json: {} }), form: { a: '1' } };
    const result = await runCheck(httpCheck, config);
    expect(result).toMatchObject({ outcome: 'failed', message: 'use only one of body, json, form, multipart' });
    expect(recorder.seen.length).toBe(before);
    expect(httpCheck.configSchema.safeParse({ type: 'http', url: recorder.url, json: {}, body: 'x' }).success).toBe(false);
  });
});

describe('judging what comes back', () => {
  it('a JSON health document is judged value by value', async () => {
    const server = await startRecorder(
      (_req, res) => void res.setHeader('content-type', 'application/json').end(JSON.stringify({ status: 'UP', db: { latencyMs: 350 }, items: [] })),
    );
    try {
      const ok = await runCheck(httpCheck, http({ url: server.url, expect: { headers: { 'content-type': '/json/' }, json: { '$.status': 'UP' } } }));
      expect(ok).toMatchObject({ outcome: 'ok', message: 'HTTP 200' });
      const slowDb = await runCheck(httpCheck, http({ url: server.url, expect: { json: { '$.status': 'UP', '$.db.latencyMs': '< 200' } } }));
      expect(slowDb).toMatchObject({ outcome: 'failed', message: '$.db.latencyMs: expected < 200, got 350' });
      const empty = await runCheck(httpCheck, http({ url: server.url, expect: { json: { '$.items.length': '> 0' } } }));
      expect(empty.message).toBe('$.items.length: expected > 0, got 0');
    } finally {
      await server.close();
    }
  });

  it('an HTML page where JSON was expected is failed with "body is not JSON"', async () => {
    const server = await startRecorder((_req, res) => void res.setHeader('content-type', 'text/html').end('<html>oops</html>'));
    try {
      const result = await runCheck(httpCheck, http({ url: server.url, expect: { json: { '$.status': 'UP' }, headers: { 'content-type': 'text/html' } } }));
      expect(result).toMatchObject({ outcome: 'failed', message: 'body is not JSON' });
      const header = await runCheck(httpCheck, http({ url: server.url, expect: { headers: { 'content-type': '/json/' } } }));
      expect(header.message).toBe('header content-type: expected /json/, got text/html');
    } finally {
      await server.close();
    }
  });

  it('an error page is failed with the unwanted text named and the start of the body in details', async () => {
    const server = await startRecorder((_req, res) => void res.end(`fatal error: ${'x'.repeat(3_000)}`));
    try {
      const result = await runCheck(httpCheck, http({ url: server.url, expect: { bodyNotContains: ['error'] } }));
      expect(result).toMatchObject({ outcome: 'failed', message: 'body contained "error"' });
      expect(result.details).toMatchObject({ statusCode: 200, bodyTruncated: false, bodyExcerpt: expect.stringMatching(/^fatal error: x+$/) });
      expect((result.details!.bodyExcerpt as string).length).toBe(500);
    } finally {
      await server.close();
    }
  });

  it('details hold status, headers without cookie values, and timing', async () => {
    const server = await startRecorder((_req, res) => void res.setHeader('set-cookie', ['sid=s3cr3t-session; Path=/']).setHeader('x-version', '7').end('OK'));
    try {
      const result = await runCheck(httpCheck, http({ url: server.url }));
      expect(result.details).toMatchObject({ statusCode: 200, bodyTruncated: false, headers: { 'x-version': '7', 'set-cookie': 'sid=***' } });
      const timing = result.details!.timing as { headersMs: number; totalMs: number };
      expect(timing.totalMs).toBeGreaterThanOrEqual(timing.headersMs);
      expect(JSON.stringify(result)).not.toContain('s3cr3t-session');
    } finally {
      await server.close();
    }
  });

  it('a body of exactly maxBodySize is ok; one byte more fails', async () => {
    const server = await startRecorder((req, res) => void res.end('a'.repeat(Number(req.url.slice(1)))));
    try {
      const exact = await runCheck(httpCheck, http({ url: `${server.url}/1024`, maxBodySize: '1kb' }));
      expect(exact).toMatchObject({ outcome: 'ok', message: 'HTTP 200', details: { bodyTruncated: false } });
      const under = await runCheck(httpCheck, http({ url: `${server.url}/1000`, maxBodySize: '1kb', expect: { bodyContains: 'aaa' } }));
      expect(under.outcome).toBe('ok');
      const over = await runCheck(httpCheck, http({ url: `${server.url}/1025`, maxBodySize: '1kb', expect: { bodyContains: 'aaa' } }));
      expect(over).toMatchObject({
        outcome: 'failed',
        message: 'response body larger than maxBodySize (1 KB); stopped reading',
        details: { bodyTruncated: true },
      });
    } finally {
      await server.close();
    }
  });
});

describe('redirects', () => {
  let server: Awaited<ReturnType<typeof startRecorder>>;
  beforeAll(async () => {
    server = await startRecorder((req, res) => {
      const hop = /^\/hop\/(\d+)/.exec(req.url);
      if (req.url === '/login') return void res.writeHead(303, { location: '/home', 'set-cookie': 'sid=abcd1234; Path=/' }).end();
      if (req.url === '/home') return void res.end(req.headers.cookie === 'sid=abcd1234' ? 'welcome back' : 'who are you?');
      if (hop) return void res.writeHead(302, { location: `/hop/${Number(hop[1]) + 1}` }).end();
      res.end('OK');
    });
  });
  afterAll(() => server.close());

  it('are followed by default, POST becoming GET after a 303, carrying cookies set on the way', async () => {
    const result = await runCheck(httpCheck, http({ url: `${server.url}/login`, method: 'POST', form: { u: 'x' }, expect: { bodyContains: 'welcome back' } }));
    expect(result).toMatchObject({ outcome: 'ok', details: { redirects: 1, finalUrl: `${server.url}/home` } });
    expect(server.seen.at(-1)).toMatchObject({ method: 'GET', url: '/home', body: '' });
  });

  it('are not followed when followRedirects is false', async () => {
    const result = await runCheck(httpCheck, http({ url: `${server.url}/login`, followRedirects: false, expect: { status: 303 } }));
    expect(result).toMatchObject({ outcome: 'ok', message: 'HTTP 303' });
  });

  it('more than five in a row are failed', async () => {
    const result = await runCheck(httpCheck, http({ url: `${server.url}/hop/0` }));
    expect(result).toMatchObject({ outcome: 'failed', message: `more than 5 redirects, the last to ${server.url}/hop/6` });
  });
});

describe('secrets', () => {
  it('credentials echoed back by the server never reach the result', async () => {
    const server = await startRecorder((req, res) => void res.writeHead(500).end(JSON.stringify({ got: req.headers, body: req.body, url: req.url })));
    try {
      const config = http({
        url: `${server.url}/x`,
        method: 'POST',
        query: { api_key: 'query-key-9876' },
        headers: { 'X-Api-Key': 'header-key-5555', Cookie: 'sid=cookie-7777' },
        auth: { basic: { username: 'probe', password: 'basic-pass-4242' } },
        json: { user: 'probe', password: 'json-pass-3131' },
      });
      const result = await runCheck(httpCheck, config);
      expect(result.outcome).toBe('failed');
      const text = JSON.stringify(result);
      for (const secret of [
        'query-key-9876',
        'header-key-5555',
        'cookie-7777',
        'basic-pass-4242',
        'json-pass-3131',
        Buffer.from('probe:basic-pass-4242').toString('base64'),
      ]) {
        expect(text).not.toContain(secret);
      }
      expect(text).toContain('***');
    } finally {
      await server.close();
    }
  });

  it('credential headers named like keys and signatures are masked too', async () => {
    const server = await startRecorder((req, res) => void res.writeHead(500).end(JSON.stringify({ got: req.headers, url: req.url })));
    try {
      const config = http({
        url: `${server.url}/x`,
        query: { apikey: 'query-apikey-1111', sig: 'query-sig-2222' },
        headers: {
          'X-Client-Key': 'KEYVALUE123',
          client_key: 'client-key-3333',
          'X-Signature': 'signature-4444',
          'X-Keep-Alive-Hint': 'timeout=5',
          'X-Monkey': 'banana-5555',
        },
      });
      const result = await runCheck(httpCheck, config);
      const text = JSON.stringify(result);
      for (const secret of ['query-apikey-1111', 'query-sig-2222', 'KEYVALUE123', 'client-key-3333', 'signature-4444']) expect(text).not.toContain(secret);
      // Names that merely contain "key" are not credentials.
      expect(text).toContain('timeout=5');
      expect(text).toContain('banana-5555');
    } finally {
      await server.close();
    }
  });

  it('credentials the server hands out are masked in the excerpt, the message and the headers', async () => {
    const server = await startRecorder((req, res) => {
      if (req.url === '/form')
        return void res.writeHead(400, { 'content-type': 'application/x-www-form-urlencoded' }).end('error=expired&refresh_token=FORMTOKEN-321');
      res
        .writeHead(401, { 'content-type': 'application/json', 'x-auth-token': 'HEADERTOKEN-777' })
        .end(JSON.stringify({ access_token: 'LEAKYTOKEN-999', error: 'mfa required' }));
    });
    try {
      const result = await runCheck(httpCheck, http({ url: `${server.url}/login`, expect: { status: 200 } }));
      expect(result).toMatchObject({ outcome: 'failed', message: 'expected status 200, got 401' });
      expect(result.details).toMatchObject({ bodyExcerpt: '{"access_token":"***","error":"mfa required"}', headers: { 'x-auth-token': '***' } });
      const quoted = await runCheck(httpCheck, http({ url: `${server.url}/login`, expect: { status: 401, json: { '$.access_token': 'other' } } }));
      expect(quoted.message).toBe('$.access_token: expected other, got ***');
      const form = await runCheck(httpCheck, http({ url: `${server.url}/form` }));
      expect(form.details!.bodyExcerpt).toBe('error=expired&refresh_token=***');
      const text = JSON.stringify([result, quoted, form]);
      for (const secret of ['LEAKYTOKEN-999', 'HEADERTOKEN-777', 'FORMTOKEN-321']) expect(text).not.toContain(secret);
    } finally {
      await server.close();
    }
  });

  it("a bearer token from the environment is among the check's own secrets", () => {
    const config = configFromYaml(
      [
        'services:',
        '  - id: s',
        '    name: S',
        '    checks:',
        '      - id: h',
        '        type: http',
        '        url: http://127.0.0.1:9/',
        '        auth: { bearer: "${TOKEN}" }',
      ].join('\n'),
      { TOKEN: 'env-token-1234' },
    ).services[0]!.checks[0]!;
    expect(config.type === 'http' && httpCheck.secrets!(config)).toContain('env-token-1234');
  });
});

describe('connections', () => {
  it('checks hanging on one path of a host do not hold up a check of another path of that host', async () => {
    const server = await startRecorder((req, res) => void (req.url === '/hang' ? undefined : res.end('OK')));
    const stop = new AbortController();
    // More than the 16 connections per host the pool once allowed.
    const hanging = Array.from({ length: 20 }, () => runCheck(httpCheck, http({ url: `${server.url}/hang`, timeout: '30s' }), { stop: stop.signal }));
    try {
      await waitFor(() => server.seen.filter((seen) => seen.url === '/hang').length >= 16, 'the hanging requests to arrive');
      const result = await runCheck(httpCheck, http({ url: `${server.url}/ok`, timeout: '5s' }));
      expect(result).toMatchObject({ outcome: 'ok', message: 'HTTP 200' });
    } finally {
      stop.abort();
      await Promise.all(hanging);
      await server.close();
    }
  });
});

/**
 * A server that closes a kept-alive connection, without answering, when a second request
 * arrives on it: what a server closing idle connections does when its close crosses the
 * client's next request, made certain instead of left to timing.
 */
async function startIdleCloser(
  answer: (req: IncomingMessage, res: ServerResponse) => void = (_req, res) => void res.end('OK'),
  close: (req: IncomingMessage) => void = (req) => void req.socket.destroy(),
) {
  /** requests: all received; dropped: the methods of those closed unanswered; reconnectsClosed: connections opened right after a drop and closed since. */
  const stats = { requests: 0, dropped: [] as string[], reconnectsClosed: 0 };
  const requestsOn = new WeakMap<Socket, number>();
  let reconnectDue = false;
  const server = createServer((req, res) => {
    stats.requests += 1;
    const count = (requestsOn.get(req.socket) ?? 0) + 1;
    requestsOn.set(req.socket, count);
    if (count === 1) return answer(req, res);
    stats.dropped.push(req.method!);
    reconnectDue = true;
    close(req);
  });
  server.on('connection', (socket: Socket) => {
    if (!reconnectDue) return;
    reconnectDue = false;
    socket.on('close', () => void (stats.reconnectsClosed += 1));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    stats,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/**
 * Runs the check, with the fields of each run from `fieldsFor`, until the server has dropped
 * `drops` requests (at most 20 runs). Every result, in order.
 */
async function runUntilDropped(server: Awaited<ReturnType<typeof startIdleCloser>>, fieldsFor: (run: number) => Record<string, unknown>, drops = 1) {
  const results = [];
  while (server.stats.dropped.length < drops && results.length < 20) {
    results.push(await runCheck(httpCheck, http({ url: server.url, ...fieldsFor(results.length) })));
    // One turn of the event loop, as between runs at intervals: the pool takes the connection back.
    await new Promise((resolve) => setImmediate(resolve));
  }
  expect(server.stats.dropped.length).toBe(drops);
  return results;
}

describe('a kept-alive connection the server closes under a request', () => {
  it('a GET is sent once more on a new connection, and is ok', async () => {
    const server = await startIdleCloser();
    try {
      const results = await runUntilDropped(server, () => ({ url: `${server.url}/health` }), 3);
      for (const result of results) expect(result).toMatchObject({ outcome: 'ok', message: 'HTTP 200' });
      expect(server.stats.requests).toBe(results.length + 3);
      // The connection opened for each second try does not linger.
      await waitFor(() => server.stats.reconnectsClosed === 3, 'the connections of the second tries to close');
    } finally {
      await server.close();
    }
  });

  it('an OPTIONS is sent once more too', async () => {
    const server = await startIdleCloser();
    try {
      for (const result of await runUntilDropped(server, () => ({ method: 'OPTIONS' }))) expect(result.outcome).toBe('ok');
      expect(server.stats.dropped).toEqual(['OPTIONS']);
    } finally {
      await server.close();
    }
  });

  it('a HEAD is sent once more too', async () => {
    const server = await startIdleCloser();
    try {
      // undici closes a connection after a HEAD, so a HEAD can only follow a GET on one.
      for (const result of await runUntilDropped(server, (run) => ({ method: run % 2 ? 'HEAD' : 'GET' }), 2)) expect(result.outcome).toBe('ok');
      expect(server.stats.dropped).toContain('HEAD');
    } finally {
      await server.close();
    }
  });

  it('a POST is not sent twice: it fails', async () => {
    const server = await startIdleCloser();
    try {
      const results = await runUntilDropped(server, () => ({ method: 'POST', json: { order: 1 } }));
      expect(results.at(-1)!.outcome).toBe('failed');
      expect(results.at(-1)!.message).toMatch(/closed by the server|reset/);
      expect(server.stats.requests).toBe(results.length);
    } finally {
      await server.close();
    }
  });

  it('a GET whose answer had begun is not sent again: it fails', async () => {
    // The close comes after the first bytes of an answer: the server did take the request.
    const server = await startIdleCloser(undefined, (req) => void req.socket.end('HTTP/1.1 200 OK\r\nx-cut-'));
    try {
      const results = await runUntilDropped(server, () => ({}));
      expect(results.at(-1)!.outcome).toBe('failed');
      expect(server.stats.requests).toBe(results.length);
    } finally {
      await server.close();
    }
  });

  it('a new connection closed under a GET is not retried: it fails', async () => {
    const server = await startIdleCloser((req) => void req.socket.destroy());
    try {
      const result = await runCheck(httpCheck, http({ url: server.url }));
      expect(result.outcome).toBe('failed');
      expect(result.message).toMatch(/closed by the server|reset/);
      expect(server.stats.requests).toBe(1);
    } finally {
      await server.close();
    }
  });
});

describe('config errors', () => {
  const yaml = (lines: string[]) =>
    ['services:', '  - id: s', '    name: S', '    checks:', '      - id: h', '        type: http', '        url: http://127.0.0.1:9/', ...lines].join('\n');
  it.each<[string, string[], string]>([
    [
      'auth with both kinds',
      ['        auth:', '          bearer: x', '          basic: { username: a, password: b }'],
      'test.yaml:8: services[0].checks[0].auth: auth takes exactly one of basic or bearer',
    ],
    [
      'a misspelt expectation',
      ['        expect:', '          bodyContain: OK'],
      'test.yaml:9: services[0].checks[0].expect.bodyContain: unknown field "bodyContain"',
    ],
    ['a size that is not one', ['        maxBodySize: 2 gigs'], 'test.yaml:8: services[0].checks[0].maxBodySize: "2 gigs" is not a size'],
    [
      'a JSON path without $',
      ['        expect:', '          json: { status: UP }'],
      'test.yaml:9: services[0].checks[0].expect.json.status: "status" is not a JSONPath',
    ],
  ])('%s is reported with file, line and field', (_name, lines, message) => {
    expect(() => configFromYaml(yaml(lines))).toThrow(message);
  });
});

const run = promisify(execFile);
const opensslPresent = await run('openssl', ['version']).then(
  () => true,
  () => false,
);
const openssl = requirement('openssl', opensslPresent, 'install it (apt-get install -y openssl) to make a test certificate');

describe.skipIf(openssl.skip)('https with a self-signed certificate', () => {
  let dir: string;
  let url: string;
  let close: () => Promise<void>;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'greenboard-http-'));
    const [key, cert] = [join(dir, 'key.pem'), join(dir, 'cert.pem')];
    const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes'];
    await run('openssl', [
      'req',
      '-x509',
      ...ec,
      '-keyout',
      key,
      '-out',
      cert,
      '-days',
      '2',
      '-subj',
      '/CN=localhost',
      '-addext',
      'subjectAltName=IP:127.0.0.1',
    ]);
    const server = createHttpsServer({ key: await readFile(key), cert: await readFile(cert) }, (_req, res) => res.end('secure OK'));
    server.on('tlsClientError', () => undefined);
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `https://127.0.0.1:${(server.address() as AddressInfo).port}/`;
    close = () =>
      new Promise((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      });
  });
  afterAll(async () => {
    await close();
    await rm(dir, { recursive: true, force: true });
  });

  it('is refused by default, saying the certificate is not trusted', async () => {
    const result = await runCheck(httpCheck, http({ url }));
    expect(result.outcome).toBe('failed');
    expect(result.message).toMatch(/^certificate not trusted: .*self-signed.* \(tls.insecure accepts it\)$/);
  });

  it('is accepted with tls.insecure', async () => {
    const result = await runCheck(httpCheck, http({ url, tls: { insecure: true }, expect: { bodyContains: 'secure OK' } }));
    expect(result).toMatchObject({ outcome: 'ok', message: 'HTTP 200' });
  });
});
