import type { Socket } from 'socket.io';
import { EVENTS, MAX_WATCHED_SERVICES, type ClientToServerEvents, type ServerToClientEvents } from '../../shared/events';
import type { EventBus } from '../engine/bus';
import { historyResult } from '../store/history-json';
import type { BoardServer } from './gateway';

/** The room of the sockets watching one service's results. */
export const serviceRoom = (serviceId: string) => `service:${serviceId}`;

const MAX_ID_LENGTH = 200;

/**
 * Lets a socket watch a service (a service page is open on it) and sends it every
 * result of that service's checks. The board room never gets these: a wall needs
 * changes, not every run.
 */
export function attachServiceRooms(io: BoardServer, bus: EventBus) {
  io.on('connection', (socket: Socket<ClientToServerEvents, ServerToClientEvents>) => {
    const watched = new Set<string>();
    socket.on(EVENTS.serviceWatch, (serviceId) => {
      // Input from the network: ignore anything that is not a plausible id, and cap how many.
      if (typeof serviceId !== 'string' || serviceId.length === 0 || serviceId.length > MAX_ID_LENGTH) return;
      if (!watched.has(serviceId) && watched.size >= MAX_WATCHED_SERVICES) return;
      watched.add(serviceId);
      void socket.join(serviceRoom(serviceId));
    });
    socket.on(EVENTS.serviceUnwatch, (serviceId) => {
      if (typeof serviceId !== 'string' || !watched.delete(serviceId)) return;
      void socket.leave(serviceRoom(serviceId));
    });
  });

  return bus.on('check.result', ({ serviceId, result }) => {
    const room = serviceRoom(serviceId);
    // Most results have no one watching; do not even encode them.
    if (!io.sockets.adapter.rooms.get(room)?.size) return;
    io.local.to(room).emit(EVENTS.checkResult, { serviceId, result: historyResult(result) });
  });
}
