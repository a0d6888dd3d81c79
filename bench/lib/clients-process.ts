// A load generator: many socket.io clients in one process, driven by the orchestrator
// over IPC. Times are Date.now(), comparable with other processes on this machine.
import { io, type Socket } from 'socket.io-client';
import type { OncallUpdatePayload, ServerToClientEvents, ServiceUpdateMessage, ServiceUpdatePayload } from '../../shared/events';
import { decodeServiceUpdate, decodeSnapshot } from '../../shared/snapshot-codec';
import { gunzipText } from './gunzip';
import { openRawBoard } from './raw-board';

/**
 * `light`: all but one of the clients are raw boards (see raw-board.ts) that note each
 * delta's arrival without decoding it; the one full client says what each delta held.
 */
export type ClientsRequest = { cmd: 'connect'; url: string; count: number; timeoutMs: number; light?: boolean } | { cmd: 'close' };

export interface ConnectReport {
  type: 'connected';
  /** Clients that received their snapshot. */
  ok: number;
  /** Failure reason → how many clients failed that way. */
  failed: Record<string, number>;
  /** Date.now() when the first client was created. */
  startedAt: number;
  /** Date.now() when the last snapshot arrived. */
  lastSnapshotAt: number;
  /** Per client: connect start → snapshot received, ms. */
  snapshotMs: number[];
}

/** One delta has reached every connected client of this process. */
export interface DeliveredReport {
  type: 'delivered';
  seq: number;
  serviceId: string;
  status: string;
  /** Date.now() at the first and the last client's receipt. */
  first: number;
  last: number;
}

export type ClientsReply = ConnectReport | DeliveredReport | { type: 'closed'; disconnects: number };

const send = (reply: ClientsReply) => process.send?.(reply);
const closers: Array<{ close(): void }> = [];
let connected = 0;
let disconnects = 0;

/** Per delta (seq): how many clients have it, first and last receipt, and what it held once a full client decoded it. */
const deltas = new Map<number, { count: number; first: number; last: number; services?: Array<{ id: string; status: string }> }>();

function deltaSeen(seq: number): NonNullable<ReturnType<typeof deltas.get>> {
  let seen = deltas.get(seq);
  if (!seen) {
    seen = { count: 0, first: Infinity, last: 0 };
    deltas.set(seq, seen);
  }
  return seen;
}

/** Once every client has a delta and its content is known: one report per service it held. */
function reportIfComplete(seq: number): void {
  const seen = deltas.get(seq);
  if (!seen || seen.count < connected || !seen.services) return;
  deltas.delete(seq);
  for (const { id, status } of seen.services) send({ type: 'delivered', seq, serviceId: id, status, first: seen.first, last: seen.last });
}

function arrived(seq: number, at: number): void {
  const seen = deltaSeen(seq);
  seen.count += 1;
  seen.first = Math.min(seen.first, at);
  seen.last = Math.max(seen.last, at);
  reportIfComplete(seq);
}

function onDelta(message: ServiceUpdateMessage): void {
  const at = Date.now();
  // Synchronous: the gunzip here is zlib's.
  const { seq, services } = decodeServiceUpdate(message, gunzipText) as ServiceUpdatePayload;
  const seen = deltaSeen(seq);
  seen.services ??= services.map((s) => ({ id: s.id, status: s.status }));
  arrived(seq, at);
}

/**
 * A handoff has reached every client of this process: reported as a delivery of
 * `oncall:{team}` with the new person's id (or `nobody`) as its status.
 */
const handoffs = new Map<string, { count: number; first: number; last: number }>();
function onOncall({ teams }: OncallUpdatePayload): void {
  const now = Date.now();
  for (const { team, layers } of teams) {
    const person = layers[0]?.now.person?.id ?? 'nobody';
    const key = `${team.id} ${person}`;
    const seen = handoffs.get(key) ?? { count: 0, first: now, last: now };
    seen.count += 1;
    seen.last = now;
    handoffs.set(key, seen);
    if (seen.count === connected) {
      handoffs.delete(key);
      send({ type: 'delivered', seq: -1, serviceId: `oncall:${team.id}`, status: person, first: seen.first, last: seen.last });
    }
  }
}

function connectAll(url: string, count: number, timeoutMs: number, light: boolean): void {
  const report: ConnectReport = { type: 'connected', ok: 0, failed: {}, startedAt: Date.now(), lastSnapshotAt: 0, snapshotMs: [] };
  let settled = 0;
  const settle = () => {
    settled += 1;
    if (settled === count) {
      clearTimeout(deadline);
      connected = report.ok;
      send(report);
    }
  };
  const received = (started: number) => {
    const now = Date.now();
    report.ok += 1;
    report.lastSnapshotAt = Math.max(report.lastSnapshotAt, now);
    report.snapshotMs.push(now - started);
    settle();
  };
  const fail = (reason: string) => {
    report.failed[reason] = (report.failed[reason] ?? 0) + 1;
    settle();
  };
  for (let i = 0; i < count; i += 1) {
    const started = Date.now();
    if (light && i > 0) {
      let done = false;
      const board = openRawBoard(url, {
        snapshot: () => {
          done = true;
          received(started);
        },
        update: arrived,
        failed: (reason) => {
          if (done) return;
          done = true;
          fail(reason);
        },
        closed: () => {
          disconnects += 1;
        },
      });
      closers.push(board);
      continue;
    }
    const socket: Socket<ServerToClientEvents> = io(url, { transports: ['websocket'], forceNew: true, reconnection: false, timeout: timeoutMs });
    closers.push(socket);
    let done = false;
    socket.once('snapshot', (message) => {
      if (done) return;
      done = true;
      // A board has its snapshot once it is decoded, so decoding is part of the time.
      void decodeSnapshot(message, gunzipText).then(
        () => received(started),
        (error: Error) => fail(`snapshot not decodable: ${error.message}`),
      );
    });
    socket.once('connect_error', (error: Error & { description?: unknown }) => {
      if (done) return;
      done = true;
      const cause = error.description instanceof Error ? error.description.message : (error.description as { message?: string } | undefined)?.message;
      fail(cause ?? error.message);
    });
    socket.on('service:update', onDelta);
    socket.on('oncall:update', onOncall);
    socket.on('disconnect', (reason) => {
      if (reason !== 'io client disconnect') disconnects += 1;
    });
  }
  // Clients that neither failed nor got a snapshot in time count as failed.
  const deadline = setTimeout(() => {
    const missing = count - settled;
    report.failed['no snapshot in time'] = missing;
    settled = count - 1;
    settle();
  }, timeoutMs + 1_000);
}

process.on('message', (request: ClientsRequest) => {
  if (request.cmd === 'connect') connectAll(request.url, request.count, request.timeoutMs, request.light ?? false);
  if (request.cmd === 'close') {
    for (const client of closers) client.close();
    send({ type: 'closed', disconnects });
    setTimeout(() => process.exit(0), 50);
  }
});
process.on('disconnect', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
