import type { QueryClient } from '@tanstack/react-query';
import type { ServiceView } from '../../shared/api';
import { EVENTS, type HeartbeatPayload, type OncallUpdatePayload, type ServiceUpdatePayload, type SnapshotPayload } from '../../shared/events';
import { heartbeatNeedsResync } from '../../shared/sequence';
import { isSilent, type ConnectionStore } from './connection';
import { servicesQuery } from './services';
import { refusalOf } from './socket-refusal';
import { applyDelta, applyNotices, applyOncallUpdate, applySnapshot } from './services-cache';
import { uptimeKeys } from './uptime';

/** The part of a socket.io client socket the board uses; tests pass a fake emitter. */
export interface LiveSocket {
  /** True while the transport is connected. */
  readonly connected: boolean;
  /** True while socket.io will reconnect by itself; false after the server closed the socket. */
  readonly active: boolean;
  on(event: 'connect', listener: () => void): unknown;
  on(event: 'disconnect', listener: (reason: string) => void): unknown;
  on(event: 'connect_error', listener: (error: Error) => void): unknown;
  on(event: 'snapshot', listener: (payload: SnapshotPayload) => void): unknown;
  on(event: 'service:update', listener: (payload: ServiceUpdatePayload) => void): unknown;
  on(event: 'heartbeat', listener: (payload: HeartbeatPayload) => void): unknown;
  on(event: 'oncall:update', listener: (payload: OncallUpdatePayload) => void): unknown;
  emit(event: 'snapshot:request', ack: (payload: SnapshotPayload) => void): unknown;
  connect(): unknown;
  disconnect(): unknown;
}

export interface LiveOptions {
  /** The socket.io client socket, already created (it connects by itself). */
  socket: LiveSocket;
  /** The cache the board reads; snapshots and deltas are written into it. */
  queryClient: QueryClient;
  /** Told about every message, and whether the board is live. */
  connection: ConnectionStore;
  /** Clock, for tests; Date.now by default. */
  now?: () => number;
}

/** How often the watchdog looks for a silent server. */
export const WATCHDOG_PERIOD_MS = 1_000;

/** A snapshot request with no answer by then is asked again (the server may drop bursts). */
export const RESYNC_RETRY_MS = 5_000;

/**
 * How long after the server closed the socket (a restart, say) the board connects
 * again; socket.io does not do that by itself, and at once would hammer a server
 * that is still shutting down.
 */
export const REOPEN_AFTER_MS = 2_000;

/**
 * How long after the server refused the socket (a revoked token, no credentials) the
 * board asks again: access comes back only when someone acts (a new link, a sign-in in
 * another tab), so a screen left on a revoked token asks twice a minute, not every 2 s.
 */
export const REOPEN_AFTER_REFUSAL_MS = 30_000;

/**
 * Least time between two refreshes of the uptime figures that status changes ask for:
 * a storm of changes costs one refetch at once and one more for the last of them, not
 * one each. Time passing alone is the backstop refetch's job (UPTIME_BACKSTOP_MS).
 */
export const UPTIME_REFRESH_MIN_MS = 5_000;

/** True when any of `changed` has another status than the service of the same id in `before`, or is new. Pure. */
export function changesStatus(before: readonly ServiceView[], changed: readonly ServiceView[]): boolean {
  const statusOf = new Map(before.map((service) => [service.id, service.status]));
  return changed.some((service) => statusOf.get(service.id) !== service.status);
}

/**
 * Marks every uptime answer stale (refetching those on screen) when a status changes, at
 * most once per UPTIME_REFRESH_MIN_MS; a change inside that time is owed and paid by
 * `tick` once the time is up, so the last change of a storm is always counted.
 */
function uptimeRefresher(queryClient: QueryClient, now: () => number) {
  let refreshedAt = -Infinity;
  let owed = false;
  const refresh = () => {
    refreshedAt = now();
    owed = false;
    void queryClient.invalidateQueries({ queryKey: uptimeKeys.all });
  };
  return {
    statusChanged() {
      if (now() - refreshedAt >= UPTIME_REFRESH_MIN_MS) refresh();
      else owed = true;
    },
    tick() {
      if (owed && now() - refreshedAt >= UPTIME_REFRESH_MIN_MS) refresh();
    },
  };
}

/**
 * Wires socket events into the services query cache and the connection store, and
 * refreshes the uptime figures when a service changes status.
 * Returns a function that stops the watchdog.
 */
export function connectLive({ socket, queryClient, connection, now = Date.now }: LiveOptions): () => void {
  const key = servicesQuery().queryKey;
  const startedAt = now();
  let lastHeardAt = startedAt; // last message of any kind
  let lastAttemptAt = startedAt; // last connect, disconnect, or reconnect forced by the watchdog
  let resyncRequestedAt: number | null = null;
  /** Whether the server refused the latest attempt, saying why (not one it could not be reached for). */
  let refused = false;
  const uptime = uptimeRefresher(queryClient, now);
  socket.on('connect_error', (error) => {
    refused = refusalOf(error) !== null;
  });
  socket.on('connect', () => (refused = false));

  const heard = () => {
    lastHeardAt = now();
    connection.heard(lastHeardAt);
  };
  const receiveSnapshot = (snapshot: SnapshotPayload) => {
    heard();
    resyncRequestedAt = null;
    const before = queryClient.getQueryData(key);
    const after = queryClient.setQueryData(key, (current) => applySnapshot(current, snapshot));
    // A first snapshot changes nothing; one after a gap or a reconnect may carry changes missed.
    if (before && after && after !== before && changesStatus(before.services, after.services)) uptime.statusChanged();
    connection.markLive();
  };
  const requestSnapshot = () => {
    const t = now();
    // One request at a time, but never wait forever on an answer that got lost.
    if (resyncRequestedAt !== null && t - resyncRequestedAt < RESYNC_RETRY_MS) return;
    resyncRequestedAt = t;
    socket.emit(EVENTS.snapshotRequest, receiveSnapshot);
  };

  socket.on('connect', () => {
    lastAttemptAt = now(); // the server sends a snapshot on every connect
  });
  socket.on('disconnect', () => {
    lastAttemptAt = now();
    resyncRequestedAt = null;
    connection.markStale();
  });
  socket.on(EVENTS.snapshot, receiveSnapshot);
  socket.on(EVENTS.serviceUpdate, (delta) => {
    heard();
    const before = queryClient.getQueryData(key);
    const { decision, data } = applyDelta(before, delta);
    if (decision === 'apply' && data) {
      queryClient.setQueryData(key, data);
      if (before && changesStatus(before.services, delta.services)) uptime.statusChanged();
    }
    if (decision === 'resync') requestSnapshot();
  });
  socket.on(EVENTS.oncallUpdate, (update) => {
    heard();
    queryClient.setQueryData(key, (current) => applyOncallUpdate(current, update));
  });
  socket.on(EVENTS.heartbeat, (beat) => {
    heard();
    queryClient.setQueryData(key, (current) => applyNotices(current, beat.notices));
    const held = queryClient.getQueryData(key)?.held ?? null;
    // Not live yet after a (re)connect: a snapshot is what makes it live, so ask for one.
    if (connection.get().state !== 'live' || heartbeatNeedsResync(held, beat)) requestSnapshot();
  });

  const watchdog = setInterval(() => {
    uptime.tick();
    const t = now();
    const { state, lastUpdateAt } = connection.get();
    if (state !== 'stale' && isSilent(lastUpdateAt ?? startedAt, t)) connection.markStale();
    // Connected but silent (a frozen server), or connected this long without the
    // snapshot every connect brings: drop the socket so socket.io connects afresh.
    const frozen = isSilent(Math.max(lastHeardAt, lastAttemptAt), t);
    const noSnapshot = state !== 'live' && isSilent(lastAttemptAt, t);
    if (socket.connected && (frozen || noSnapshot)) {
      lastAttemptAt = t;
      socket.disconnect();
      socket.connect();
    }
    // Closed by the server, or refused: socket.io has given up, but a wall board never does.
    if (!socket.connected && !socket.active && t - lastAttemptAt >= (refused ? REOPEN_AFTER_REFUSAL_MS : REOPEN_AFTER_MS)) {
      lastAttemptAt = t;
      socket.connect();
    }
  }, WATCHDOG_PERIOD_MS);

  return () => clearInterval(watchdog);
}
