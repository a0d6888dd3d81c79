import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EVENTS, MAX_WATCHED_SERVICES, type CheckResultPayload, type ClientToServerEvents, type ServerToClientEvents } from '../../shared/events';
import { startBoard, type RunningBoard } from '../helpers/board';
import { startHttpTarget, type HttpTarget } from '../helpers/targets';
import { waitFor } from '../helpers/wait';

type Client = Socket<ServerToClientEvents, ClientToServerEvents> & { results: CheckResultPayload[] };

let target: HttpTarget;
let board: RunningBoard;
const clients: Client[] = [];

async function client(): Promise<Client> {
  const socket = connect(board.url, { transports: ['websocket'], reconnection: false, forceNew: true }) as Client;
  socket.results = [];
  socket.on(EVENTS.checkResult, (payload) => socket.results.push(payload));
  await new Promise<void>((resolve, reject) => socket.once('connect', resolve).once('connect_error', reject));
  clients.push(socket);
  return socket;
}

beforeAll(async () => {
  target = await startHttpTarget('up');
  const check = (id: string) => `      - { id: ${id}, type: http, url: "${target.url}/health", interval: 1s, timeout: 1s }\n`;
  board = await startBoard(
    `services:\n  - id: checkout\n    name: Checkout\n    checks:\n${check('health')}  - id: search\n    name: Search\n    checks:\n${check('health')}`,
  );
});

afterAll(async () => {
  for (const c of clients) c.close();
  await board.close();
  await target.close();
});

describe('live results for a watched service', () => {
  it('a socket that watches a service gets each result of its checks, and only those', async () => {
    const page = await client();
    page.emit(EVENTS.serviceWatch, 'checkout');
    await waitFor(() => page.results.length >= 2, 'two results of checkout');
    expect(new Set(page.results.map((r) => r.serviceId))).toEqual(new Set(['checkout']));
    const { result } = page.results[0]!;
    expect(result).toMatchObject({ checkId: 'health', outcome: 'ok', message: expect.any(String) });
    expect(Date.parse(result.at)).toBeGreaterThan(0);
    expect(typeof result.latencyMs).toBe('number');
  });

  it('a board that watches nothing gets no results, and unwatching stops them', async () => {
    const wall = await client();
    const page = await client();
    page.emit(EVENTS.serviceWatch, 'search');
    await waitFor(() => page.results.length >= 1, 'a result of search');
    page.emit(EVENTS.serviceUnwatch, 'search');
    // Once the server has handled the unwatch (a watch of another service, sent after it, shows that), no more search results come.
    page.emit(EVENTS.serviceWatch, 'checkout');
    await waitFor(() => page.results.some((r) => r.serviceId === 'checkout'), 'a result of checkout');
    const countAfterUnwatch = page.results.filter((r) => r.serviceId === 'search').length;
    await waitFor(() => page.results.filter((r) => r.serviceId === 'checkout').length >= 3, 'more checkout results');
    expect(page.results.filter((r) => r.serviceId === 'search').length).toBeLessThanOrEqual(countAfterUnwatch + 1);
    expect(wall.results).toEqual([]);
  });

  it('ignores watches that are not a service id, and caps how many one socket may hold', async () => {
    const socket = await client();
    const emitRaw = socket.emit.bind(socket) as (event: string, ...args: unknown[]) => void;
    emitRaw(EVENTS.serviceWatch, { $ne: 1 });
    emitRaw(EVENTS.serviceWatch);
    emitRaw(EVENTS.serviceWatch, 'x'.repeat(10_000));
    for (let i = 0; i < MAX_WATCHED_SERVICES; i++) socket.emit(EVENTS.serviceWatch, `nothing-${i}`);
    socket.emit(EVENTS.serviceWatch, 'checkout'); // one too many
    socket.emit(EVENTS.serviceUnwatch, 'nothing-0');
    socket.emit(EVENTS.serviceWatch, 'search'); // room again
    await waitFor(() => socket.results.length >= 1, 'a result of search');
    expect(socket.connected).toBe(true);
    expect(new Set(socket.results.map((r) => r.serviceId))).toEqual(new Set(['search']));
  });
});
