import { randomBytes } from 'node:crypto';
import type { Server } from 'socket.io';
import type { BoardNotice, ServiceView, TeamOncallView, UnmappedAlertView } from '../../shared/api';
import { DELTA_BATCH_GAP_MS, EVENTS, type ClientToServerEvents, type ServerToClientEvents, type SnapshotMessage } from '../../shared/events';
import type { ClusterProblem, EventBus } from '../engine/bus';
import type { Logger } from '../log';
import type { Metrics } from '../metrics/metrics';
import type { StoreProblem } from '../store/store';
import type { PeersSeen } from '../cluster/peer-views';
import { boardNotices, mergePaging } from './notices';
import { DeltaBatcher } from './delta-batcher';
import { encodeServiceUpdate } from './delta-encoder';
import { attachServiceRooms, serviceRoom } from './service-rooms';
import { SnapshotEncoder } from './snapshot-encoder';

export type BoardServer = Server<ClientToServerEvents, ServerToClientEvents>;

/** Every board watches the same room, so one change is one broadcast. */
export const BOARD_ROOM = 'board';

const SNAPSHOT_REQUEST_GAP_MS = 250;

export interface GatewayDeps {
  io: BoardServer;
  bus: EventBus;
  /** The current state of every service. */
  views: () => ServiceView[];
  /** Every team's on-call now. */
  oncall?: () => TeamOncallView[];
  heartbeatMs: number;
  log: Logger;
  /** Counts every event sent, per socket, and times each broadcast; none in tests that do not measure. */
  metrics?: Pick<Metrics, 'socketEventSent' | 'boardBroadcast'>;
}

/**
 * Turns engine changes into socket events: a snapshot on connect and on request,
 * then numbered deltas, and a heartbeat so a board can tell a frozen server from a
 * quiet one. The epoch changes at every start, so boards notice a restart.
 */
export function attachGateway({ io, bus, views, oncall = () => [], heartbeatMs, log, metrics }: GatewayDeps) {
  const epoch = `${Date.now().toString(36)}-${randomBytes(4).toString('hex')}`;
  let seq = 0;
  let notices: BoardNotice[] = [];
  let storeProblem: StoreProblem | null = null;
  let unmapped: UnmappedAlertView[] = [];
  let paging: BoardNotice[] = [];
  let cluster: ClusterProblem | null = null;
  /** What the other instances see that this one cannot, told by them. */
  let peers: PeersSeen = { unmapped: [], paging: [] };
  const encoder = new SnapshotEncoder(views, () => notices, oncall);
  const snapshot = (): SnapshotMessage => encoder.encode({ epoch, seq });
  /** Writes one event to every board here, timed: the cost that grows with the boards. */
  const toBoards = <E extends keyof ServerToClientEvents>(event: E, ...args: Parameters<ServerToClientEvents[E]>) => {
    const started = performance.now();
    io.local.to(BOARD_ROOM).emit(event, ...args);
    metrics?.boardBroadcast(event, (performance.now() - started) / 1_000);
  };

  io.on('connection', (socket) => {
    // Every event the socket is sent, broadcast or its own, passes here; answers to its requests do not.
    if (metrics) socket.onAnyOutgoing((event: string) => metrics.socketEventSent(event));
    void socket.join(BOARD_ROOM);
    socket.emit(EVENTS.snapshot, snapshot());
    // A confused client asking in a tight loop must not cost a snapshot each time:
    // requests within SNAPSHOT_REQUEST_GAP_MS of the last answer share one deferred answer.
    let lastAnswer = 0;
    let waiting: Array<(message: SnapshotMessage) => void> = [];
    socket.on(EVENTS.snapshotRequest, (ack) => {
      if (typeof ack !== 'function') return;
      waiting.push(ack);
      if (waiting.length > 1) return;
      const answer = () => {
        lastAnswer = Date.now();
        const payload = snapshot();
        const acks = waiting;
        waiting = [];
        for (const a of acks) {
          a(payload);
          metrics?.socketEventSent(EVENTS.snapshot);
        }
      };
      const wait = lastAnswer + SNAPSHOT_REQUEST_GAP_MS - Date.now();
      if (wait <= 0) answer();
      else setTimeout(answer, wait).unref();
    });
  });

  // Each message is written to every board: batched, a storm of changes costs each board a
  // few writes rather than one per service, and leaves the loop free for checks and pages.
  const deltas = new DeltaBatcher<ServiceView>({
    gapMs: DELTA_BATCH_GAP_MS,
    keyOf: (service) => service.id,
    flush: (services) => {
      seq += 1;
      toBoards(EVENTS.serviceUpdate, encodeServiceUpdate({ epoch, seq }, services));
    },
  });
  const unsubscribe = bus.on('service.changed', (service) => deltas.add(service));

  const unsubscribeRooms = attachServiceRooms(io, bus);

  const beat = () => toBoards(EVENTS.heartbeat, { epoch, seq, at: new Date().toISOString(), notices });
  // A notice is state, not a delta: boards have it at once from an extra heartbeat, and
  // again from every later one, so one that missed it catches up without a snapshot.
  const renotice = () => {
    const next = boardNotices(storeProblem, [...unmapped, ...peers.unmapped], mergePaging(paging, peers.paging), cluster);
    if (JSON.stringify(next) === JSON.stringify(notices)) return;
    notices = next;
    encoder.invalidate();
    beat();
  };
  const unsubscribeStore = bus.on('store.health', (problem) => {
    storeProblem = problem;
    renotice();
  });
  // A handoff is state, not a delta: every board gets the teams that changed, and the next
  // snapshot has them too. The services of those teams follow as ordinary deltas.
  const unsubscribeOncall = bus.on('oncall.changed', (teams) => {
    encoder.invalidate();
    toBoards(EVENTS.oncallUpdate, { epoch, teams });
  });
  const unsubscribeUnmapped = bus.on('alerts.unmapped', (alerts) => {
    unmapped = alerts;
    renotice();
  });
  const unsubscribePaging = bus.on('paging.health', (failing) => {
    paging = failing;
    renotice();
  });
  const unsubscribeCluster = bus.on('cluster.health', (problem) => {
    cluster = problem;
    renotice();
  });
  const unsubscribePeers = bus.on('cluster.peers', (seen) => {
    peers = seen;
    renotice();
  });
  // Only pages showing a service the incident touches use it; the tiles learn what they
  // show from service:update. Not encoded at all when no such page is open.
  const unsubscribeIncidents = bus.on('incident.changed', (incident) => {
    const rooms = [incident.serviceId, ...incident.impacted].map(serviceRoom).filter((room) => io.sockets.adapter.rooms.get(room)?.size);
    if (rooms.length > 0) io.local.to(rooms).emit(EVENTS.incidentUpdate, { epoch, incident });
  });
  const heartbeat = setInterval(beat, heartbeatMs);
  heartbeat.unref();
  log.debug({ epoch }, 'realtime gateway ready');

  return {
    epoch,
    /** Sends every board a fresh snapshot, e.g. after the config changed which services exist. */
    broadcastSnapshot() {
      deltas.flush();
      encoder.invalidate();
      toBoards(EVENTS.snapshot, snapshot());
    },
    get seq() {
      return seq;
    },
    stop() {
      unsubscribe();
      deltas.stop();
      unsubscribeRooms();
      unsubscribeStore();
      unsubscribeUnmapped();
      unsubscribeOncall();
      unsubscribePaging();
      unsubscribeCluster();
      unsubscribePeers();
      unsubscribeIncidents();
      clearInterval(heartbeat);
    },
  };
}
