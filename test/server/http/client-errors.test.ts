import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBoard, type RunningBoard } from '../../helpers/board';
import { exchange, parseResponse } from './raw-http';

let board: RunningBoard;

beforeAll(async () => {
  board = await startBoard('services:\n  - { id: checkout, name: Checkout API }\n');
});

afterAll(async () => {
  await board.close();
});

describe('requests refused before they reach a route', () => {
  it('headers too large are answered 431 in the API error shape, and the connection is closed', async () => {
    const response = parseResponse(await exchange(board.url, `GET /api/services HTTP/1.1\r\nHost: x\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`));
    expect(response.status).toBe(431);
    expect(response.headers['content-type']).toMatch(/^application\/json/);
    expect(response.headers.connection).toBe('close');
    expect(JSON.parse(response.body)).toEqual({ error: { code: 'headers_too_large', message: 'request headers too large' } });
  });

  it('a malformed request is answered 400 in the API error shape', async () => {
    const response = parseResponse(await exchange(board.url, 'HELLO THERE\r\n\r\n'));
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body)).toEqual({ error: { code: 'bad_request', message: 'malformed request' } });
  });

  it('a request with both a length and chunks (a smuggling attempt) is refused the same way', async () => {
    const response = parseResponse(
      await exchange(board.url, 'POST /api/services HTTP/1.1\r\nHost: x\r\nContent-Length: 4\r\nTransfer-Encoding: chunked\r\n\r\n0\r\n\r\n'),
    );
    expect(response.status).toBe(400);
    expect(JSON.parse(response.body).error.code).toBe('bad_request');
  });

  it('the server keeps serving after refusing them', async () => {
    expect((await fetch(`${board.url}/api/services`)).status).toBe(200);
  });
});
