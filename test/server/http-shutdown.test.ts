import { once } from 'node:events';
import { Agent, createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo, Socket } from 'node:net';
import { afterEach, describe, expect, it } from 'vitest';
import { trackForShutdown, type HttpShutdown } from '../../server/http-shutdown';
import { waitFor } from '../helpers/wait';

let server: Server;
afterEach(() => {
  server.closeAllConnections();
  server.close();
});

/** A server whose `/hold` requests are answered only when the test says so. */
async function startServer(): Promise<{ port: number; shutdown: HttpShutdown; release: () => void; held: () => number }> {
  const holding: Array<() => void> = [];
  server = createServer((req, res) => {
    if (req.url === '/hold') holding.push(() => res.end('late'));
    else res.end('now');
  });
  const shutdown = trackForShutdown(server);
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  return {
    port: (server.address() as AddressInfo).port,
    shutdown,
    release: () => holding.splice(0).forEach((answer) => answer()),
    held: () => holding.length,
  };
}

function get(port: number, path: string, agent: Agent): Promise<IncomingMessage & { socketUsed: Socket; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, path, agent }, (res) => {
      let text = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (text += chunk));
      res.once('end', () => resolve(Object.assign(res, { socketUsed: req.socket!, text })));
    });
    req.once('error', reject);
    req.end();
  });
}

describe('closing the HTTP server', () => {
  it('ends idle keep-alive connections at once and lets a request in flight finish on a closing connection', async () => {
    const { port, shutdown, release, held } = await startServer();
    const idleAgent = new Agent({ keepAlive: true });
    const idle = await get(port, '/', idleAgent);
    const idleClosed = once(idle.socketUsed, 'close');
    const busy = get(port, '/hold', new Agent({ keepAlive: true }));
    await waitFor(() => held() === 1, 'the request to be held');

    const closed = shutdown.close(60_000);
    await idleClosed; // long before any grace or keep-alive timeout
    release();
    const answer = await busy;
    expect(answer.text).toBe('late');
    expect(answer.headers.connection).toBe('close');
    await closed;
  });

  it('cuts a request still in flight when the grace runs out', async () => {
    const { port, shutdown, held } = await startServer();
    const stuck = get(port, '/hold', new Agent({ keepAlive: true }));
    await waitFor(() => held() === 1, 'the request to be held');
    await shutdown.close(50);
    await expect(stuck).rejects.toThrow(/socket hang up|ECONNRESET/);
  });
});
