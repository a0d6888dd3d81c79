import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connect, type Socket } from 'socket.io-client';
import type { BoardNotice, ServiceView, TeamOncallView } from '../../shared/api';
import type { ClientToServerEvents, ServerToClientEvents, SnapshotPayload } from '../../shared/events';
import { decodeServiceUpdate, decodeSnapshot } from '../../shared/snapshot-codec';
import { createApp, type AppDeps, type Greenboard } from '../../server/app';
import { silentLogger } from '../../server/log';
import { SqliteStore } from '../../server/store/sqlite';
import { configFromYaml } from './config';
import { waitFor } from './wait';

export interface RunningBoard {
  app: Greenboard;
  store: SqliteStore;
  url: string;
  dbFile: string;
  /** Stops the server and closes its store. */
  close(): Promise<void>;
}

/** A real Greenboard server in this process on an ephemeral port, with a SQLite file of its own (or the store given). */
export async function startBoard(
  yaml: string,
  { store: given, ...options }: { dbFile?: string; store?: SqliteStore } & Partial<Omit<AppDeps, 'store'>> = {},
): Promise<RunningBoard> {
  const dbFile = given?.file ?? options.dbFile ?? join(mkdtempSync(join(tmpdir(), 'gb-board-')), 'greenboard.db');
  const store = given ?? new SqliteStore(dbFile);
  await store.migrate();
  const app = createApp({ config: configFromYaml(yaml), store, log: silentLogger(), maxInitialSpreadMs: 50, ...options });
  const address = await app.listen(0);
  await app.start();
  return {
    app,
    store,
    dbFile,
    url: `http://127.0.0.1:${address.port}`,
    async close() {
      await app.stop();
      await store.close();
    },
  };
}

export type BoardSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** A Socket.IO client that keeps the board as the browser would: snapshot, then deltas. */
export interface BoardClient {
  socket: BoardSocket;
  snapshots: SnapshotPayload[];
  updates: Array<{ seq: number; service: ServiceView }>;
  heartbeats: number;
  /** The notices of the latest snapshot or heartbeat. */
  notices: BoardNotice[];
  /** Every team's on-call from the latest snapshot, with each `oncall:update` applied. */
  oncall: TeamOncallView[];
  /** Each `oncall:update` as it arrived, with the time it did. */
  oncallUpdates: Array<{ at: number; teams: TeamOncallView[] }>;
  /** The latest view of a service from the snapshot and deltas received. */
  service(id: string): ServiceView | undefined;
  close(): void;
}

export async function connectClient(url: string): Promise<BoardClient> {
  const socket: BoardSocket = connect(url, { transports: ['websocket'], reconnection: false, forceNew: true });
  const board = new Map<string, ServiceView>();
  const client: BoardClient = {
    socket,
    snapshots: [],
    updates: [],
    heartbeats: 0,
    notices: [],
    oncall: [],
    oncallUpdates: [],
    service: (id) => board.get(id),
    close: () => void socket.close(),
  };
  // Snapshots decode asynchronously; everything is handled in arrival order, as the board does.
  let inOrder: Promise<void> = Promise.resolve();
  const later = (handle: () => Promise<void> | void) => {
    inOrder = inOrder.then(handle);
  };
  socket.on('snapshot', (message) =>
    later(async () => {
      const snapshot = await decodeSnapshot(message);
      client.snapshots.push(snapshot);
      client.notices = snapshot.notices ?? [];
      client.oncall = snapshot.oncall ?? [];
      board.clear();
      for (const s of snapshot.services) board.set(s.id, s);
    }),
  );
  socket.on('service:update', (message) =>
    later(async () => {
      const { seq, services } = await decodeServiceUpdate(message);
      for (const service of services) {
        client.updates.push({ seq, service });
        board.set(service.id, service);
      }
    }),
  );
  socket.on('oncall:update', ({ teams }) => {
    const at = Date.now();
    later(() => {
      client.oncallUpdates.push({ at, teams });
      client.oncall = [...client.oncall.filter((t) => !teams.some((u) => u.team.id === t.team.id)), ...teams];
    });
  });
  socket.on('heartbeat', ({ notices }) =>
    later(() => {
      client.heartbeats += 1;
      client.notices = notices ?? [];
    }),
  );
  await waitFor(() => client.snapshots.length > 0, 'the first snapshot');
  return client;
}
