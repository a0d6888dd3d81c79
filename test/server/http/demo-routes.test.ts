import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBoard, type RunningBoard } from '../../helpers/board';
import { endlessBody, openRaw, parseResponse, uploadEndlessly } from './raw-http';

const yaml = 'services:\n  - { id: checkout, name: Checkout API }\n';

let plain: RunningBoard;
let demo: RunningBoard;

beforeAll(async () => {
  plain = await startBoard(yaml);
  demo = await startBoard(yaml, { demo: true });
});

afterAll(async () => {
  await Promise.all([plain.close(), demo.close()]);
});

async function signIn(url: string): Promise<string> {
  const response = await fetch(`${url}/demo/shop/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ username: 'demo', password: 'demo-password' }),
  });
  return ((await response.json()) as { token: string }).token;
}

describe('the demo is mounted only when asked for', () => {
  it.each(['/demo/ok', '/demo/shop/', '/demo/search?q=lamp'])('a deployment without it answers %s with 404 in the API error shape', async (path) => {
    const response = await fetch(`${plain.url}${path}`);
    expect(response.status).toBe(404);
    expect(((await response.json()) as { error: { code: string } }).error.code).toBe('not_found');
  });

  it('its fixed login does not exist in a deployment without it', async () => {
    const response = await fetch(`${plain.url}/demo/shop/login`, {
      method: 'POST',
      body: new URLSearchParams({ username: 'demo', password: 'demo-password' }),
    });
    expect(response.status).toBe(404);
  });

  it('with the demo on, its endpoints and shop answer', async () => {
    expect(await (await fetch(`${demo.url}/demo/ok`)).text()).toBe('OK (demo service)');
    expect((await fetch(`${demo.url}/demo/shop/`)).status).toBe(200);
    expect(await signIn(demo.url)).toMatch(/^\w+$/);
  });
});

describe('the demo shop limits what it reads', () => {
  it('an upload within the limit is received', async () => {
    const form = new FormData();
    form.append('file', new Blob(['x'.repeat(1000)]), 'small.txt');
    const response = await fetch(`${demo.url}/demo/shop/upload`, {
      method: 'POST',
      body: form,
      headers: { authorization: `Bearer ${await signIn(demo.url)}`, accept: 'application/json' },
    });
    expect(await response.json()).toEqual({ uploaded: 'small.txt', bytes: 1000 });
  });

  it('an endless chunked upload is answered 413 in the API error shape once it passes the limit, without being read to its end', async () => {
    const upload = endlessBody();
    const response = await fetch(`${demo.url}/demo/shop/upload`, {
      method: 'POST',
      headers: { authorization: `Bearer ${await signIn(demo.url)}`, 'content-type': 'multipart/form-data; boundary=x', accept: 'application/json' },
      body: upload.stream,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(response.headers.get('connection')).toBe('close');
    expect(await response.json()).toEqual({ error: { code: 'payload_too_large', message: 'request body larger than 1048576 bytes' } });
  });

  it('an endless chunked sign-in form is refused the same way', async () => {
    const response = await fetch(`${demo.url}/demo/shop/login`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: endlessBody().stream,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
  });

  it('an upload without a session is refused without reading it', async () => {
    const response = await fetch(`${demo.url}/demo/shop/upload`, {
      method: 'POST',
      headers: { 'content-type': 'multipart/form-data; boundary=x' },
      body: endlessBody().stream,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(401);
    expect(response.headers.get('connection')).toBe('close');
  });

  it('a client still uploading without a session hears the 401, and the connection closes in order, not reset', async () => {
    const raw = await openRaw(demo.url);
    uploadEndlessly(
      raw,
      'POST /demo/shop/upload HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: multipart/form-data; boundary=x\r\nTransfer-Encoding: chunked\r\n\r\n',
    );
    await raw.closed;
    expect(raw.failure()).toBeUndefined();
    expect(parseResponse(raw.received()).status).toBe(401);
  });
});
