import type { SocketRefusal } from '../../shared/events';

/**
 * Whether this screen may still watch the board: `ok` until told otherwise; `revoked`
 * once its board token was revoked (only an admin's new link helps); `lost` when its
 * credentials no longer count (a session that ended, say: a person can sign in again).
 */
export type AccessState = 'ok' | 'lost' | 'revoked';

/** What the socket and the API's answers tell about access. */
export type AccessEvent =
  /** The socket got through: whatever was wrong is not any more. */
  | { type: 'connected' }
  /** The socket was refused (`connect_error` with a SocketRefusal). */
  | { type: 'socket-refused'; code: SocketRefusal['code'] }
  /** The server said this screen's token was revoked (`access:revoked`). */
  | { type: 'revoked' }
  /** A read of the API was refused with this status and code. */
  | { type: 'api-refused'; status: number; code: string };

/**
 * The next state. Pure. A revoked token is the more precise news: a later "unauthorized"
 * does not turn it into "lost". A refusal for another site's page (`origin`) says nothing
 * of this screen's own access.
 */
export function nextAccess(state: AccessState, event: AccessEvent): AccessState {
  switch (event.type) {
    case 'connected':
      return 'ok';
    case 'revoked':
      return 'revoked';
    case 'socket-refused':
      return refusedAs(state, event.code);
    case 'api-refused':
      if (event.status === 403 && event.code === 'token_revoked') return 'revoked';
      if (event.status === 401 && event.code === 'unauthorized') return refusedAs(state, 'unauthorized');
      return state;
  }
}

function refusedAs(state: AccessState, code: SocketRefusal['code']): AccessState {
  if (code === 'token_revoked') return 'revoked';
  if (code === 'unauthorized') return state === 'revoked' ? 'revoked' : 'lost';
  return state;
}

/** A tiny subscribe-based holder, read by React through useSyncExternalStore. */
export interface AccessStore {
  /** The current state. */
  get(this: void): AccessState;
  /** Calls `listener` after every change; returns the unsubscribe function. */
  subscribe(this: void, listener: () => void): () => void;
  /** Applies what was learnt. */
  tell(this: void, event: AccessEvent): void;
}

export function createAccessStore(initial: AccessState = 'ok'): AccessStore {
  let current = initial;
  const listeners = new Set<() => void>();
  return {
    get: () => current,
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    tell(event) {
      const next = nextAccess(current, event);
      if (next === current) return;
      current = next;
      for (const listener of listeners) listener();
    },
  };
}
