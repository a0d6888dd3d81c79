import { io, type Socket } from 'socket.io-client';
import type { ClientToServerEvents, ServerToClientEvents } from '../../shared/events';

export type BoardSocket = Socket<ServerToClientEvents, ClientToServerEvents>;

/** Connects to the page's own origin; socket.io-client reconnects by itself with backoff. */
export function createSocket(): BoardSocket {
  return io({
    transports: ['websocket', 'polling'],
    tryAllTransports: true,
    reconnectionDelay: 500,
    reconnectionDelayMax: 5000,
  });
}
