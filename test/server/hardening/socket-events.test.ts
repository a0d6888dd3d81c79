import fc from 'fast-check';
import { io as connect, type Socket } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient, startBoard, type BoardClient, type RunningBoard } from '../../helpers/board';
import { capturingLogger, ERROR, type LogLine } from '../../helpers/log-lines';
import { waitFor } from '../../helpers/wait';
import { awkwardText, longText } from './awkward-input';
import { expectHealthy } from './answers';
import { runs } from './runs';

const TOKEN = 'ci-webhook-token-0123456789abcdef';

/** The canary is turned up and down by a webhook after every round, so the boards have something to be told. */
const yaml = `
services:
  - { id: canary, name: Canary }
  - { id: checkout, name: Checkout }
sources:
  - { id: ci, type: webhook, token: ${TOKEN}, services: [canary] }
`;

/** Names socket.io keeps for itself: its client refuses to emit them, so they go as raw packets. */
const RESERVED = new Set(['connect', 'connect_error', 'disconnect', 'disconnecting', 'newListener', 'removeListener']);

const eventName = fc.oneof(
  { weight: 6, arbitrary: fc.constantFrom('snapshot:request', 'service:watch', 'service:unwatch') },
  {
    weight: 2,
    arbitrary: fc.constantFrom('snapshot', 'service:update', 'heartbeat', 'check:result', 'access:revoked', 'error', '__proto__', 'constructor', 'toString'),
  },
  // The server drops a socket that sends one of these, as socket.io does.
  { weight: 1, arbitrary: fc.constantFrom(...RESERVED) },
  { weight: 2, arbitrary: fc.string() },
);

const argument: fc.Arbitrary<unknown> = fc.oneof(
  { weight: 2, arbitrary: fc.constantFrom('canary', 'checkout', 'board', '', 'service:canary') },
  { weight: 3, arbitrary: fc.anything({ maxDepth: 3 }) },
  { weight: 2, arbitrary: awkwardText(5_000) },
  { weight: 1, arbitrary: fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)) },
);

/** Socket.IO packets as text, well-formed or not: events with and without ack ids, binary placeholders, other namespaces. */
const rawPacket = fc.oneof(
  fc.constantFrom(
    '',
    '0',
    '1',
    '2',
    '3',
    '5',
    '6',
    '9',
    '2[]',
    '2{}',
    '2[1]',
    '2[null]',
    '2["__proto__"]',
    '2["disconnect"]',
    '2["connect","x"]',
    '2["newListener","snapshot:request"]',
    '20["snapshot:request"]',
    '2999999999999999999999["snapshot:request"]',
    '2["service:watch",{"length":1}]',
    '51-["service:watch",{"_placeholder":true,"num":0}]',
    '51-["service:watch",{"_placeholder":true,"num":7}]',
    '0/nowhere,',
    '2/nowhere,["snapshot:request"]',
  ),
  fc.string().map((text) => `2${text}`),
  fc.string(),
);

type Message = { kind: 'emit'; event: string; args: unknown[]; ack: boolean } | { kind: 'raw'; packet: string };

// Most messages are events the server reads; a malformed packet or one too large ends the socket, so they come less often.
const message: fc.Arbitrary<Message> = fc.oneof(
  { weight: 14, arbitrary: fc.record({ kind: fc.constant('emit' as const), event: eventName, args: fc.array(argument, { maxLength: 4 }), ack: fc.boolean() }) },
  // Many arguments at once.
  {
    weight: 1,
    arbitrary: fc.record({
      kind: fc.constant('emit' as const),
      event: eventName,
      args: fc.array(fc.jsonValue(), { minLength: 20, maxLength: 200 }),
      ack: fc.boolean(),
    }),
  },
  // Past the 1 MB a socket message may be (the server drops that socket, and no other), or just under it.
  {
    weight: 1,
    arbitrary: fc.record({ kind: fc.constant('emit' as const), event: eventName, args: longText(1_200_000).map((text) => [text]), ack: fc.boolean() }),
  },
  { weight: 1, arbitrary: fc.record({ kind: fc.constant('raw' as const), packet: rawPacket }) },
);

/** Sends one message as a careless or hostile client would; reserved names go as raw packets. */
function sendMessage(socket: Socket, m: Message): void {
  if (m.kind === 'raw' || RESERVED.has(m.event)) {
    const packet = m.kind === 'raw' ? m.packet : `2${JSON.stringify([m.event, ...m.args])}`;
    socket.io.engine.send(packet);
    return;
  }
  const args = m.ack ? [...m.args, () => undefined] : m.args;
  socket.emit(m.event, ...args);
}

function openSocket(url: string): Promise<Socket> {
  const socket = connect(url, { transports: ['websocket'], reconnection: false, forceNew: true });
  return new Promise((resolve, reject) => {
    socket.once('connect', () => resolve(socket));
    socket.once('connect_error', reject);
  });
}

/**
 * Asks the socket for a snapshot after what it sent: the answer comes after the server
 * handled everything before it on the connection. `closed` when the server dropped the socket.
 */
function snapshotAfter(socket: Socket): Promise<'snapshot' | 'closed'> {
  return new Promise((resolve, reject) => {
    if (!socket.connected) return resolve('closed');
    socket.once('disconnect', () => resolve('closed'));
    socket.timeout(10_000).emit('snapshot:request', (error: Error | null, snapshot?: { epoch?: unknown; count?: unknown }) => {
      if (error) return socket.connected ? reject(error) : resolve('closed');
      resolve(typeof snapshot?.epoch === 'string' && typeof snapshot.count === 'number' ? 'snapshot' : 'closed');
    });
  });
}

/** What a board is sent while it watches no service page. */
const BOARD_EVENTS = new Set(['service:update', 'heartbeat', 'oncall:update']);

describe('socket events, for any payload', () => {
  let board: RunningBoard;
  let lines: LogLine[];
  let observer: BoardClient;
  const seen: string[] = [];

  beforeAll(async () => {
    const captured = capturingLogger();
    lines = captured.lines;
    board = await startBoard(yaml, { log: captured.log });
    observer = await connectClient(board.url);
    observer.socket.onAny((event: string) => seen.push(event));
  });
  afterAll(async () => {
    observer?.close();
    await board?.close();
  });

  let canaryDown = false;
  /** Turns the canary over and waits for the well-behaved board to be told. */
  const flipCanary = async () => {
    canaryDown = !canaryDown;
    const status = canaryDown ? 'down' : 'up';
    const answer = await fetch(`${board.url}/api/sources/ci/webhook`, {
      method: 'POST',
      headers: { authorization: `Bearer ${TOKEN}`, 'content-type': 'application/json' },
      body: JSON.stringify({ service: 'canary', status }),
    });
    expect(answer.status).toBe(202);
    await waitFor(() => observer.service('canary')?.status === status, `the board to show the canary ${status}`);
  };

  it('a socket sending anything leaves the server up, itself or a new socket served, and other boards told only what boards are told', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(message, { minLength: 1, maxLength: 6 }), async (messages) => {
        const socket = await openSocket(board.url);
        // A DISCONNECT packet leaves the namespace, as a client may; its side of the socket is not told, so it is not asked again.
        const left = messages.some((m) => m.kind === 'raw' && /^1(?!\/)/.test(m.packet));
        try {
          for (const m of messages) sendMessage(socket, m);
          if (left || (await snapshotAfter(socket)) === 'closed') {
            // Dropped for what it sent, or gone of its own accord: the next socket is served as ever.
            const fresh = await connectClient(board.url);
            fresh.close();
          }
        } finally {
          socket.close();
        }
        await expectHealthy(board.url);
        await flipCanary();
        expect(
          seen.filter((event) => !BOARD_EVENTS.has(event)),
          'events the board was sent',
        ).toEqual([]);
        expect(observer.snapshots).toHaveLength(1);
        expect(lines.filter((line) => line.level >= ERROR)).toEqual([]);
      }),
      { numRuns: runs(100) },
    );
  });
});
