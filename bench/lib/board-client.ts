import { io, type Socket } from 'socket.io-client';
import type { ServerToClientEvents } from '../../shared/events';
import { decodeServiceUpdate, decodeSnapshot } from '../../shared/snapshot-codec';
import { gunzipText } from './gunzip';

/** One socket.io board client that keeps the status of every service it has heard of. */
export class BoardClient {
  private readonly statuses = new Map<string, string>();
  private readonly waiters = new Set<{ serviceId: string; status: string; resolve: (at: number) => void }>();
  private inOrder: Promise<void> = Promise.resolve();
  private snapshots = 0;

  private constructor(readonly socket: Socket<ServerToClientEvents>) {
    // Snapshots decode asynchronously; deltas queue behind them to keep arrival order.
    socket.on('snapshot', (message) => {
      this.inOrder = this.inOrder.then(async () => {
        for (const s of (await decodeSnapshot(message, gunzipText)).services) this.heard(s.id, s.status);
        this.snapshots += 1;
      });
    });
    socket.on('service:update', (message) => {
      this.inOrder = this.inOrder.then(async () => {
        for (const service of (await decodeServiceUpdate(message, gunzipText)).services) this.heard(service.id, service.status);
      });
    });
  }

  /** Connects and resolves once the first snapshot is in. */
  static connect(url: string, timeoutMs = 10_000): Promise<BoardClient> {
    const socket: Socket<ServerToClientEvents> = io(url, { transports: ['websocket'], forceNew: true, reconnection: false, timeout: timeoutMs });
    const client = new BoardClient(socket);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => fail(new Error('no snapshot in time')), timeoutMs);
      const fail = (error: Error) => {
        clearTimeout(timer);
        socket.close();
        reject(error);
      };
      socket.once('connect_error', fail);
      socket.once('snapshot', () => {
        void client.inOrder.then(() => {
          clearTimeout(timer);
          if (client.snapshots > 0) resolve(client);
          else fail(new Error('the snapshot could not be decoded'));
        });
      });
    });
  }

  private heard(serviceId: string, status: string): void {
    const at = performance.now();
    this.statuses.set(serviceId, status);
    for (const waiter of this.waiters) if (waiter.serviceId === serviceId && waiter.status === status) waiter.resolve(at);
  }

  /** performance.now() when the service is (or next becomes) `status`; null after `timeoutMs`. */
  when(serviceId: string, status: string, timeoutMs: number): Promise<number | null> {
    if (this.statuses.get(serviceId) === status) return Promise.resolve(performance.now());
    return new Promise((resolve) => {
      const waiter = { serviceId, status, resolve: (at: number | null) => finish(at) };
      const timer = setTimeout(() => finish(null), timeoutMs);
      const finish = (at: number | null) => {
        clearTimeout(timer);
        this.waiters.delete(waiter);
        resolve(at);
      };
      this.waiters.add(waiter);
    });
  }

  close(): void {
    this.socket.close();
  }
}
