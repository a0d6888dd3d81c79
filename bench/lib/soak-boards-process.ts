// The soak's wall screens, in a process of their own: socket.io boards that decode every
// snapshot and delta as a board does and note what a screen would show going wrong —
// silence (no heartbeat), a lost delta (a gap in seq), a dropped socket. Driven by the
// orchestrator over IPC; some boards are closed and opened again now and then, as
// screens reload.
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { io, type Socket } from 'socket.io-client';
import type { ServerToClientEvents } from '../../shared/events';
import { decodeServiceUpdate, decodeSnapshot } from '../../shared/snapshot-codec';
import { gunzipText } from './gunzip';

export type SoakBoardsRequest = { cmd: 'open'; url: string; count: number } | { cmd: 'cycle'; count: number; withinMs: number } | { cmd: 'report' };

/** What one board (one screen, across its reloads) saw. */
export interface BoardTally {
  deltas: number;
  /** Deltas it never got while connected: a seq skipped, or a heartbeat naming a seq it lacked. */
  gaps: number;
  heartbeats: number;
  /** The longest time it went without a heartbeat while connected (connect counts as one). */
  longestSilenceMs: number;
  reloads: number;
  /** Disconnects it did not ask for. */
  dropped: number;
  /** Snapshots or deltas it could not decode. */
  undecodable: number;
}

export type SoakBoardsReply =
  | { type: 'opened'; ok: number; failed: Record<string, number>; /** The seq the first board's snapshot carried. */ seqAtOpen: number }
  | { type: 'cycled'; ok: number; failed: Record<string, number>; snapshotMs: number[] }
  | {
      type: 'report';
      boards: BoardTally[];
      connected: number;
      /** The highest seq any board has seen: the deltas the server has sent since it started. */
      highestSeq: number;
      /** This process's own longest event-loop delay: a silence this long may be ours, not the server's. */
      ownLoopMaxMs: number;
    };

const SNAPSHOT_TIMEOUT_MS = 20_000;
/** Screens are switched on a few at a time, not all in one instant (that is the reconnect-storm benchmark). */
const OPEN_AT_ONCE = 25;
const send = (reply: SoakBoardsReply) => process.send?.(reply);
let highestSeq = 0;
let firstSnapshotSeq: number | null = null;

class WallBoard {
  readonly tally: BoardTally = { deltas: 0, gaps: 0, heartbeats: 0, longestSilenceMs: 0, reloads: 0, dropped: 0, undecodable: 0 };
  private socket: Socket<ServerToClientEvents> | null = null;
  private lastSeq: number | null = null;
  private lastHeard = 0;
  // Snapshots decode asynchronously; deltas wait behind them, as on a board.
  private inOrder: Promise<void> = Promise.resolve();

  constructor(private readonly url: string) {}

  get connected(): boolean {
    return this.socket?.connected === true && this.lastSeq !== null;
  }

  /** Connects; resolves with connect → snapshot decoded in ms, rejects with the reason it failed. */
  open(): Promise<number> {
    const started = Date.now();
    const socket: Socket<ServerToClientEvents> = io(this.url, { transports: ['websocket'], forceNew: true, reconnection: false, timeout: SNAPSHOT_TIMEOUT_MS });
    this.socket = socket;
    socket.on('service:update', (message) => {
      this.sequence(message.seq, 'delta');
      this.tally.deltas += 1;
      this.later(async () => void (await decodeServiceUpdate(message, gunzipText)));
    });
    socket.on('heartbeat', ({ seq }) => {
      const now = Date.now();
      this.tally.heartbeats += 1;
      this.noteSilence(now);
      this.lastHeard = now;
      this.sequence(seq, 'heartbeat');
    });
    socket.on('disconnect', (reason) => {
      if (reason !== 'io client disconnect') this.tally.dropped += 1;
    });
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => fail('no snapshot in time'), SNAPSHOT_TIMEOUT_MS);
      const fail = (reason: string) => {
        clearTimeout(timer);
        socket.close();
        reject(new Error(reason));
      };
      socket.once('connect_error', (error) => fail(error.message));
      socket.once('snapshot', (message) => {
        this.lastSeq = message.seq;
        highestSeq = Math.max(highestSeq, message.seq);
        firstSnapshotSeq ??= message.seq;
        this.lastHeard = Date.now();
        this.later(() =>
          decodeSnapshot(message, gunzipText).then(
            () => {
              clearTimeout(timer);
              resolve(Date.now() - started);
            },
            (error: Error) => {
              fail(`snapshot not decodable: ${error.message}`);
              throw error;
            },
          ),
        );
      });
    });
  }

  /** Closes it as a reloading screen does, its silence so far counted. */
  close(): void {
    if (this.connected) this.noteSilence(Date.now());
    this.socket?.close();
    this.socket = null;
    this.lastSeq = null;
  }

  /** Counts the silence up to now without ending it (for a report mid-run). */
  noteSilence(now: number): void {
    if (this.connected) this.tally.longestSilenceMs = Math.max(this.tally.longestSilenceMs, now - this.lastHeard);
  }

  /** A delta must follow the last seq by one; a heartbeat must name no seq beyond it. */
  private sequence(seq: number, from: 'delta' | 'heartbeat'): void {
    highestSeq = Math.max(highestSeq, seq);
    if (this.lastSeq === null) return;
    if (from === 'delta' ? seq !== this.lastSeq + 1 : seq > this.lastSeq) this.tally.gaps += 1;
    this.lastSeq = Math.max(this.lastSeq, seq);
  }

  private later(step: () => Promise<void>): void {
    this.inOrder = this.inOrder.then(step).catch(() => void (this.tally.undecodable += 1));
  }
}

const boards: WallBoard[] = [];
const loopDelay = monitorEventLoopDelay({ resolution: 20 });
loopDelay.enable();

function tallyFailure(failed: Record<string, number>, error: unknown): void {
  const reason = error instanceof Error ? error.message : String(error);
  failed[reason] = (failed[reason] ?? 0) + 1;
}

async function openAll(url: string, count: number): Promise<void> {
  const failed: Record<string, number> = {};
  let ok = 0;
  for (let first = 0; first < count; first += OPEN_AT_ONCE) {
    const wave = Array.from({ length: Math.min(OPEN_AT_ONCE, count - first) }, () => new WallBoard(url));
    boards.push(...wave);
    await Promise.all(
      wave.map((board) =>
        board.open().then(
          () => void (ok += 1),
          (error: unknown) => tallyFailure(failed, error),
        ),
      ),
    );
  }
  send({ type: 'opened', ok, failed, seqAtOpen: firstSnapshotSeq ?? highestSeq });
}

/** `count` different items of `items`, each set of them as likely as any other. */
function pickAtRandom<T>(items: readonly T[], count: number): T[] {
  const pool = [...items];
  for (let i = 0; i < Math.min(count, pool.length); i += 1) {
    const j = i + Math.floor(Math.random() * (pool.length - i));
    [pool[i], pool[j]] = [pool[j]!, pool[i]!];
  }
  return pool.slice(0, count);
}

/** Closes `count` boards picked at random and opens each again within `withinMs`, as screens reload. */
async function cycle(count: number, withinMs: number): Promise<void> {
  const picked = pickAtRandom(boards, count);
  const failed: Record<string, number> = {};
  const snapshotMs: number[] = [];
  await Promise.all(
    picked.map(async (board) => {
      board.close();
      board.tally.reloads += 1;
      await new Promise((resolve) => setTimeout(resolve, Math.random() * withinMs));
      await board.open().then(
        (ms) => void snapshotMs.push(ms),
        (error: unknown) => tallyFailure(failed, error),
      );
    }),
  );
  send({ type: 'cycled', ok: snapshotMs.length, failed, snapshotMs });
}

process.on('message', (request: SoakBoardsRequest) => {
  if (request.cmd === 'open') void openAll(request.url, request.count);
  if (request.cmd === 'cycle') void cycle(request.count, request.withinMs);
  if (request.cmd === 'report') {
    const now = Date.now();
    for (const board of boards) board.noteSilence(now);
    send({
      type: 'report',
      boards: boards.map((b) => ({ ...b.tally })),
      connected: boards.filter((b) => b.connected).length,
      highestSeq,
      ownLoopMaxMs: loopDelay.max / 1e6,
    });
  }
});
process.on('disconnect', () => process.exit(0));
process.on('SIGTERM', () => process.exit(0));
