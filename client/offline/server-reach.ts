/** Whether the server could be reached, as the socket's connection attempts tell it. */
export interface Reach {
  /** Attempts that failed since the last one that got through. */
  failures: number;
  /** Epoch ms of the last failed attempt; null when none failed since the last success. */
  lastFailureAt: number | null;
}

/** A tiny subscribe-based holder, read by React through useSyncExternalStore. */
export interface ServerReach {
  /** The current value; the same object until something changes. */
  get(this: void): Reach;
  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(this: void, listener: () => void): () => void;
}

/** The socket events that tell whether the server answers. */
export interface ReachSocket {
  on(event: 'connect', listener: () => void): unknown;
  on(event: 'connect_error', listener: (error: Error) => void): unknown;
}

const REACHED: Reach = { failures: 0, lastFailureAt: null };

/** Counts the socket's failed attempts to reach the server, back to none when one succeeds. */
export function watchServerReach(socket: ReachSocket, now: () => number = Date.now): ServerReach {
  let current = REACHED;
  const listeners = new Set<() => void>();
  const set = (next: Reach) => {
    current = next;
    for (const listener of listeners) listener();
  };
  socket.on('connect_error', () => set({ failures: current.failures + 1, lastFailureAt: now() }));
  socket.on('connect', () => {
    if (current !== REACHED) set(REACHED);
  });
  return {
    get: () => current,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}

/** For pages shown without a socket (tests, say): the server is never known to be away. */
export const NEVER_FAILS: ServerReach = { get: () => REACHED, subscribe: () => () => {} };
