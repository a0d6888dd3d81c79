import type { QueryClient } from '@tanstack/react-query';
import { EVENTS } from '../../shared/events';
import { ApiError } from '../api/http';
import { refusalOf } from '../api/socket-refusal';
import type { AccessStore } from './access-state';

/** The socket events that tell about access: the raw socket.io socket has them all. */
export interface AccessSocket {
  on(event: 'connect', listener: () => void): unknown;
  on(event: 'connect_error', listener: (error: Error) => void): unknown;
  on(event: typeof EVENTS.accessRevoked, listener: (payload: { message: string }) => void): unknown;
}

/** Feeds `store` from the socket: refused, told its token was revoked, or through again. */
export function watchSocketAccess(socket: AccessSocket, store: AccessStore): void {
  socket.on('connect', () => store.tell({ type: 'connected' }));
  socket.on('connect_error', (error) => {
    const code = refusalOf(error);
    if (code) store.tell({ type: 'socket-refused', code });
  });
  socket.on(EVENTS.accessRevoked, () => store.tell({ type: 'revoked' }));
}

/**
 * Marks a query whose refusals speak of what it needs (an admin's list of tokens), not of
 * this screen having lost access: its 401 is a page asking to sign in, not a lost board.
 */
export const OWN_REFUSALS = { ownRefusals: true } as const;

/**
 * Feeds `store` from the board's reads: one refused for a revoked token or for no
 * credentials says so as soon as it fails, before its retries, and even while the socket
 * still looks connected.
 */
export function watchQueryAccess(queryClient: QueryClient, store: AccessStore): () => void {
  return queryClient.getQueryCache().subscribe((event) => {
    if (event.type !== 'updated' || (event.action.type !== 'failed' && event.action.type !== 'error')) return;
    if (event.query.meta?.ownRefusals === true) return;
    const error: unknown = event.action.error;
    if (error instanceof ApiError) store.tell({ type: 'api-refused', status: error.status, code: error.code });
  });
}
