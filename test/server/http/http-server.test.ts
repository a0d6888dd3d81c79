import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_SERVER_LIMITS } from '../../../server/http/server-limits';
import { startBoard, type RunningBoard } from '../../helpers/board';
import { waitFor } from '../../helpers/wait';
import { openRaw, parseResponse, type RawConnection } from './raw-http';

const yaml = 'services:\n  - { id: checkout, name: Checkout API }\n';

let board: RunningBoard | undefined;
const opened: RawConnection[] = [];

afterEach(async () => {
  for (const raw of opened.splice(0)) raw.socket.destroy();
  await board?.close();
  board = undefined;
});

async function open(url: string): Promise<RawConnection> {
  const raw = await openRaw(url);
  opened.push(raw);
  return raw;
}

describe('the HTTP server drops what would otherwise pile up', () => {
  it('a connection that sends half its headers is answered 408 and closed after the headers timeout', async () => {
    board = await startBoard(yaml, { serverLimits: { headersTimeoutMs: 300, requestTimeoutMs: 600 } });
    const half = await open(board.url);
    half.socket.write('GET /api/services HTTP/1.1\r\nHost: 127.0.0.1\r\nAccept: appli');
    await half.closed;
    const response = parseResponse(half.received());
    expect(response.status).toBe(408);
    expect(JSON.parse(response.body)).toEqual({ error: { code: 'request_timeout', message: 'request not received in time' } });
  });

  it('a request whose body stops coming is cut at the request timeout', async () => {
    board = await startBoard(yaml, { serverLimits: { headersTimeoutMs: 300, requestTimeoutMs: 600 } });
    const stalled = await open(board.url);
    stalled.socket.write('POST /api/services HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"a":');
    await stalled.closed;
    expect(parseResponse(stalled.received()).status).toBe(408);
  });

  it('connections over the cap are refused, and the board serves again once some close', async () => {
    board = await startBoard(yaml, { serverLimits: { maxConnections: 2 } });
    const held = [await open(board.url), await open(board.url)];
    const server = board.app.httpServer;
    await waitFor(
      () => new Promise<boolean>((resolve) => server.getConnections((_error, count) => resolve(count === 2))),
      'the server to hold both connections',
    );

    const refused = await open(board.url);
    refused.socket.write('GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n');
    await refused.closed;
    expect(refused.received()).toBe('');

    for (const raw of held) raw.socket.destroy();
    const url = board.url;
    await waitFor(async () => (await fetch(`${url}/api/services`)).ok, 'the board to serve again');
  });

  it("without settings, the defaults are in force rather than node's minute-long ones", async () => {
    board = await startBoard(yaml);
    const server = board.app.httpServer;
    expect({
      headersTimeoutMs: server.headersTimeout,
      requestTimeoutMs: server.requestTimeout,
      keepAliveTimeoutMs: server.keepAliveTimeout,
      maxConnections: server.maxConnections,
    }).toEqual(DEFAULT_SERVER_LIMITS);
  });
});
