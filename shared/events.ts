import type { BoardNotice, HistoryResult, IncidentView, ServiceView, TeamOncallView } from './api';

/** Socket.IO event names, shared by the server and every client. */
export const EVENTS = {
  snapshot: 'snapshot',
  serviceUpdate: 'service:update',
  heartbeat: 'heartbeat',
  snapshotRequest: 'snapshot:request',
  serviceWatch: 'service:watch',
  serviceUnwatch: 'service:unwatch',
  checkResult: 'check:result',
  oncallUpdate: 'oncall:update',
  incidentUpdate: 'incident:update',
  accessRevoked: 'access:revoked',
} as const;

/**
 * A change is sent at once when none was sent in the last DELTA_BATCH_GAP_MS; otherwise it
 * waits, with whatever else changes meanwhile, until that much time has passed.
 */
export const DELTA_BATCH_GAP_MS = 100;

/** Most services one socket may watch at once; a page watches one. */
export const MAX_WATCHED_SERVICES = 20;

/** How often the server proves it is alive; a board goes stale after HEARTBEAT_STALE_MS of silence. */
export const HEARTBEAT_INTERVAL_MS = 2_000;
export const HEARTBEAT_STALE_MS = 10_000;

/**
 * Every delta carries the server's `epoch` (one per process start) and a sequence
 * number that grows by one per delta. A client holding (epoch, seq) can tell a
 * missed delta or a restarted server, and then asks for a fresh snapshot.
 */
export interface Sequenced {
  epoch: string;
  seq: number;
}

/** The whole current board, once decoded (see `decodeSnapshot` in ./snapshot-codec). */
export interface SnapshotPayload extends Sequenced {
  generatedAt: string;
  services: ServiceView[];
  /** What is wrong with the server itself (see BoardNotice); absent means nothing. */
  notices?: BoardNotice[];
  /** Every team's on-call (absent from servers without on-call, or with no team that has one). */
  oncall?: TeamOncallView[];
}

/**
 * The whole current board as it travels: sent on connect and on request. The service
 * list is JSON, gzip-compressed once per board version and the same bytes go to every
 * board, so a thousand boards reconnecting at once cost one compression, not a thousand.
 */
export interface SnapshotMessage extends Sequenced {
  generatedAt: string;
  /** How many services `data` holds. */
  count: number;
  /** How `data` is encoded; the only encoding so far. */
  encoding: 'json+gzip';
  /** gzip of the JSON `ServiceView[]`: an ArrayBuffer in browsers, a Buffer in Node. */
  data: ArrayBuffer | Uint8Array;
  /** What is wrong with the server itself (see BoardNotice), plain JSON; absent means nothing. */
  notices?: BoardNotice[];
  /** gzip of the JSON `TeamOncallView[]`, every team's on-call (compressed: 200 teams are most of a snapshot's size otherwise); absent means none. */
  oncallData?: ArrayBuffer | Uint8Array;
}

/**
 * Sent at the instant on-call changes hands (a shift boundary, an override starting) and
 * when a schedule read anew says something else: the teams that changed, whole. State, not
 * a delta: a board that missed one has it again from the next snapshot. The services of
 * those teams also get a `service:update` with their new `oncall`.
 */
export interface OncallUpdatePayload {
  epoch: string;
  teams: TeamOncallView[];
}

/**
 * An incident opened, was paged, escalated, acknowledged or resolved: the incident whole.
 * Sent only to sockets watching (`service:watch`) its service or a service it impacts: the
 * tiles learn what they show through `service:update` (`ServiceView.incident`). Not
 * sequenced: a page showing an incident refetches it after a reconnect.
 */
export interface IncidentUpdatePayload {
  epoch: string;
  incident: IncidentView;
}

/**
 * Services that changed, each whole, once decoded (see `decodeServiceUpdate` in
 * ./snapshot-codec). Changes close together travel as one message (see
 * DELTA_BATCH_GAP_MS), so a storm of failures costs each board a few messages, not one per
 * service; a service appears at most once, in its latest state.
 */
export interface ServiceUpdatePayload extends Sequenced {
  services: ServiceView[];
}

/**
 * A `service:update` as it travels: plain JSON while small, and above
 * DELTA_COMPRESS_BYTES gzip-compressed once, the same bytes to every board, as a snapshot
 * is: a storm's batch of hundreds of services is a twentieth of its size.
 */
export type ServiceUpdateMessage =
  | ServiceUpdatePayload
  | (Sequenced & {
      /** How many services `data` holds. */
      count: number;
      encoding: 'json+gzip';
      /** gzip of the JSON `ServiceView[]`: an ArrayBuffer in browsers, a Buffer in Node. */
      data: ArrayBuffer | Uint8Array;
    });

/** A batch whose JSON is longer than this travels compressed. */
export const DELTA_COMPRESS_BYTES = 16 * 1024;

/**
 * Sent at least every HEARTBEAT_INTERVAL_MS; `seq` is that of the last delta sent. Also
 * sent at once when the notices change: a notice is state, not a delta, so it takes no
 * `seq`, and a board that missed one has it again from the next heartbeat.
 */
export interface HeartbeatPayload extends Sequenced {
  at: string;
  /** What is wrong with the server itself now (see BoardNotice); absent means nothing. */
  notices?: BoardNotice[];
}

/**
 * Every result of a check of a watched service, as it is recorded: what a service page
 * appends to its history. Not sequenced: a lost one is made good by the next refetch.
 * `details` come whatever the outcome; as in the history, a page keeps an ok result's
 * only as its check's latest.
 */
export interface CheckResultPayload {
  serviceId: string;
  result: HistoryResult;
}

export interface ServerToClientEvents {
  snapshot: (message: SnapshotMessage) => void;
  'service:update': (message: ServiceUpdateMessage) => void;
  heartbeat: (payload: HeartbeatPayload) => void;
  'check:result': (payload: CheckResultPayload) => void;
  'oncall:update': (payload: OncallUpdatePayload) => void;
  'incident:update': (payload: IncidentUpdatePayload) => void;
  /** This socket's board token was revoked: the screen says so, and the socket is closed. */
  'access:revoked': (payload: { message: string }) => void;
}

/**
 * Why a socket was refused (the `data` of its connect_error): no or wrong credentials
 * (`unauthorized`), a revoked board token (`token_revoked`), or a page of another site (`origin`).
 */
export interface SocketRefusal {
  code: 'unauthorized' | 'token_revoked' | 'origin';
  message: string;
}

export interface ClientToServerEvents {
  'snapshot:request': (ack: (message: SnapshotMessage) => void) => void;
  /** Sends this socket every result of the service's checks from now on (see CheckResultPayload). */
  'service:watch': (serviceId: string) => void;
  /** Stops what `service:watch` started. */
  'service:unwatch': (serviceId: string) => void;
}
