import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { formBody, jsonBody } from '../../../server/http/body-limit';
import { errorHandler } from '../../../server/http/error-handler';
import { silentLogger } from '../../../server/log';
import { startBoard, type RunningBoard } from '../../helpers/board';
import { endlessBody, openRaw, parseResponse, uploadEndlessly } from './raw-http';

let board: RunningBoard;
let echo: { url: string; server: Server };

/** The parsers on their own, in front of a route that answers with what they parsed. */
async function startEcho(): Promise<{ url: string; server: Server }> {
  const app = express();
  app.use(jsonBody(1024), formBody(1024));
  app.post('/echo', (req, res) => void res.json({ body: req.body ?? null }));
  app.use(errorHandler(silentLogger()));
  const server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server };
}

beforeAll(async () => {
  board = await startBoard('services:\n  - { id: checkout, name: Checkout API }\n');
  echo = await startEcho();
});

afterAll(async () => {
  echo.server.closeAllConnections();
  echo.server.close();
  await board.close();
});

const post = (body: BodyInit, type: string) => fetch(`${echo.url}/echo`, { method: 'POST', body, headers: { 'content-type': type } });

describe('request bodies are limited by the bytes that arrive', () => {
  it('an endless chunked JSON body is answered 413 in the API error shape once it passes the limit, and the connection is closed', async () => {
    const upload = endlessBody();
    const response = await fetch(`${board.url}/api/services`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: upload.stream,
      duplex: 'half',
    } as RequestInit);
    expect(response.status).toBe(413);
    expect(response.headers.get('connection')).toBe('close');
    expect(await response.json()).toEqual({ error: { code: 'payload_too_large', message: 'request body larger than 262144 bytes' } });
  });

  it('a stated length over the limit is refused before any of the body is sent', async () => {
    const raw = await openRaw(board.url);
    raw.socket.write('POST /api/services HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 300000000\r\n\r\n');
    await raw.closed;
    const response = parseResponse(raw.received());
    expect(response.status).toBe(413);
    expect(JSON.parse(response.body).error.code).toBe('payload_too_large');
  });

  it('a client still uploading when it is refused gets the answer and an orderly close, never a reset', async () => {
    // Closed at once, with the client's bytes unread, the connection would be reset and the answer lost.
    for (const url of [board.url, echo.url]) {
      const raw = await openRaw(url);
      uploadEndlessly(
        raw,
        `POST ${url === board.url ? '/api/services' : '/echo'} HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n`,
      );
      await raw.closed;
      expect(raw.failure(), `the close at ${url}`).toBeUndefined();
      expect(parseResponse(raw.received()).status).toBe(413);
    }
  });

  it('one that goes on sending after its answer is cut off, and the server goes on serving', async () => {
    const raw = await openRaw(echo.url, { halfOpen: true });
    uploadEndlessly(raw, 'POST /echo HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n');
    await raw.closed;
    expect(parseResponse(raw.received()).status).toBe(413);
    expect(raw.failure()).toMatch(/^(ECONNRESET|EPIPE)$/);
    expect((await post('{}', 'application/json')).status).toBe(200);
  });

  it('the server keeps serving after refusing them', async () => {
    expect((await fetch(`${board.url}/api/services`)).status).toBe(200);
  });
});

describe('the JSON and form parsers', () => {
  it('parse a body within the limit, chunked or not', async () => {
    expect(await (await post('{"a":[1,2]}', 'application/json')).json()).toEqual({ body: { a: [1, 2] } });
    expect(await (await post('a=1&b=x+y', 'application/x-www-form-urlencoded')).json()).toEqual({ body: { a: '1', b: 'x y' } });
    const chunked = new Blob(['{"status":', '"up"}']).stream();
    const response = await fetch(`${echo.url}/echo`, {
      method: 'POST',
      body: chunked,
      duplex: 'half',
      headers: { 'content-type': 'application/vnd.api+json' },
    } as RequestInit);
    expect(await response.json()).toEqual({ body: { status: 'up' } });
  });

  it('leave other media types for the route to read', async () => {
    expect(await (await post('hello', 'text/plain')).json()).toEqual({ body: null });
  });

  it.each([
    ['broken JSON', '{"a":', 'application/json', 400, 'bad_request', 'request body is not valid JSON'],
    ['another charset', '{}', 'application/json; charset=latin1', 415, 'unsupported_media_type', 'request body charset "latin1" not supported; send UTF-8'],
    ['a body over the limit', `{"a":"${'x'.repeat(2_000)}"}`, 'application/json', 413, 'payload_too_large', 'request body larger than 1024 bytes'],
  ])('refuse %s in the API error shape', async (_what, body, type, status, code, message) => {
    const response = await post(body, type);
    expect(response.status).toBe(status);
    expect(await response.json()).toEqual({ error: { code, message } });
  });

  it('refuse a compressed body rather than inflate it past the limit', async () => {
    const response = await fetch(`${echo.url}/echo`, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json', 'content-encoding': 'gzip' },
    });
    expect(response.status).toBe(415);
    expect((await response.json()).error.code).toBe('unsupported_media_type');
  });
});
