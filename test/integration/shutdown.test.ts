import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { once } from 'node:events';
import { Agent, get } from 'node:http';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../server/store/sqlite';
import { connectClient } from '../helpers/board';
import { startServerProcess } from '../helpers/server-process';
import { stablePort, startHttpTarget, type HttpTarget } from '../helpers/targets';
import { waitFor } from '../helpers/wait';

let target: HttpTarget;
beforeAll(async () => {
  target = await startHttpTarget('up');
});
afterAll(async () => {
  await target.close();
});

/** A script polling the API over one keep-alive connection, as fast as it is answered, until the server goes. */
function poller(url: string) {
  const agent = new Agent({ keepAlive: true, maxSockets: 1 });
  const state = { answers: 0, ended: false };
  const poll = () => {
    get(`${url}/api/services`, { agent }, (res) => {
      res.resume();
      res.once('end', () => {
        state.answers += 1;
        poll();
      });
    }).once('error', () => {
      state.ended = true;
      agent.destroy();
    });
  };
  poll();
  return state;
}

/** A client that sent its request's headers and half its body, and then nothing: a request in flight for ever. */
async function slowUpload(url: string) {
  const { hostname, port } = new URL(url);
  const socket = connect(Number(port), hostname);
  await once(socket, 'connect');
  socket.on('error', () => undefined);
  socket.write('POST /api/services HTTP/1.1\r\nHost: board\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"half":');
  const closed = once(socket, 'close');
  return { closed };
}

describe('stopping the server', () => {
  it('on SIGTERM with keep-alive clients polling, a board open and an upload stuck half-way, it exits 0 and leaves no write-ahead log', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gb-shutdown-'));
    const config = join(dir, 'board.yaml');
    const dbFile = join(dir, 'greenboard.db');
    writeFileSync(
      config,
      `services:\n  - id: api\n    name: API\n    checks: [{ id: health, type: http, url: "${target.url}/", interval: 1s, timeout: 500ms }]\n`,
    );
    const server = await startServerProcess({ config, dbFile, port: await stablePort(), env: { LOG_LEVEL: 'info' } });
    const board = await connectClient(server.url);
    await waitFor(() => board.service('api')?.status === 'up', 'the service up on the board');

    const pollers = Array.from({ length: 5 }, () => poller(server.url));
    await waitFor(() => pollers.every((p) => p.answers >= 3), 'every client to have polled over its connection');
    expect(existsSync(`${dbFile}-wal`)).toBe(true);

    const upload = await slowUpload(server.url);
    const exit = await server.kill('SIGTERM');
    expect(exit, server.output()).toEqual({ code: 0, signal: null });
    expect(existsSync(`${dbFile}-wal`)).toBe(false);
    await waitFor(() => pollers.every((p) => p.ended), 'every client to see the server gone');
    await upload.closed;
    board.close();

    // Nothing was lost on the way out.
    const store = new SqliteStore(dbFile);
    const { services } = await store.loadState();
    expect(services).toMatchObject([{ serviceId: 'api', status: 'up' }]);
    await store.close();
  });
});
