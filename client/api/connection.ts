import { HEARTBEAT_STALE_MS } from '../../shared/events';

/**
 * `connecting` before the first snapshot ever; `live` while snapshots and deltas
 * flow; `stale` once the socket dropped or the server went silent, until the next
 * snapshot. The page's `data-connection` attribute shows `live` or `stale` only.
 */
export type ConnectionState = 'connecting' | 'live' | 'stale';

export interface Connection {
  /** Whether the board may be believed right now. */
  state: ConnectionState;
  /** Epoch ms of the last message of any kind from the server; null before the first. */
  lastUpdateAt: number | null;
}

/** A tiny subscribe-based holder, read by React through useSyncExternalStore. */
export interface ConnectionStore {
  /** The current value; the same object until something changes. */
  get(): Connection;
  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(this: void, listener: () => void): () => void;
  /** A message of any kind arrived from the server at `at`. */
  heard(at: number): void;
  /** A snapshot was applied: the board is current. */
  markLive(): void;
  /** The board can no longer be trusted to be current. */
  markStale(): void;
}

export function createConnectionStore(initial: Connection = { state: 'connecting', lastUpdateAt: null }): ConnectionStore {
  let current = initial;
  const listeners = new Set<() => void>();
  const set = (next: Connection) => {
    if (next.state === current.state && next.lastUpdateAt === current.lastUpdateAt) return;
    current = next;
    for (const listener of listeners) listener();
  };
  return {
    get: () => current,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    heard: (at) => set({ ...current, lastUpdateAt: at }),
    markLive: () => set({ ...current, state: 'live' }),
    markStale: () => set({ ...current, state: 'stale' }),
  };
}

/** The value of the page's `data-connection` attribute: only live data is `live`. */
export function connectionAttribute(state: ConnectionState): 'live' | 'stale' {
  return state === 'live' ? 'live' : 'stale';
}

/** True when nothing has come from the server for longer than a board may stay quiet. */
export function isSilent(lastHeardAt: number, now: number): boolean {
  return now - lastHeardAt > HEARTBEAT_STALE_MS;
}
