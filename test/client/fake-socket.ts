import type { SnapshotPayload } from '../../shared/events';
import type { LiveSocket } from '../../client/api/live';
import type { HistorySocket } from '../../client/api/live-history';

type Listener = (...args: never[]) => void;

/**
 * Stands in for a socket.io client socket: `serverSends` plays the server's side,
 * `requests` records the snapshot requests with their ack callbacks, `watches` the
 * services watched and unwatched.
 */
export class FakeSocket implements LiveSocket, HistorySocket {
  connected = false;
  active = true;
  readonly requests: Array<(payload: SnapshotPayload) => void> = [];
  readonly calls: string[] = [];
  readonly watches: string[] = [];
  private readonly listeners = new Map<string, Listener[]>();

  on(event: string, listener: (...args: never[]) => void): this {
    this.listeners.set(event, [...(this.listeners.get(event) ?? []), listener]);
    return this;
  }

  emit(event: string, arg: unknown): this {
    if (event === 'snapshot:request') {
      this.calls.push(event);
      this.requests.push(arg as (payload: SnapshotPayload) => void);
    } else {
      this.watches.push(`${event} ${String(arg)}`);
    }
    return this;
  }

  connect(): this {
    this.calls.push('connect()');
    this.active = true;
    return this;
  }

  disconnect(): this {
    this.calls.push('disconnect()');
    this.active = false;
    if (this.connected) {
      this.connected = false;
      this.fire('disconnect', 'io client disconnect');
    }
    return this;
  }

  /** The transport opened. */
  serverAccepts(): void {
    this.connected = true;
    this.fire('connect');
  }

  /** The transport was lost; socket.io keeps reconnecting by itself. */
  serverDrops(): void {
    this.connected = false;
    this.fire('disconnect', 'transport close');
  }

  /** The server closed the socket (shutting down, say); socket.io will not reconnect by itself. */
  serverCloses(): void {
    this.connected = false;
    this.active = false;
    this.fire('disconnect', 'io server disconnect');
  }

  /** The server refused the socket, saying why (`{ code }`); socket.io will not try again by itself. */
  serverRefuses(code: string): void {
    this.connected = false;
    this.active = false;
    this.fire('connect_error', Object.assign(new Error('refused'), { data: { code, message: 'refused' } }));
  }

  serverSends(event: string, payload: unknown): void {
    this.fire(event, payload);
  }

  private fire(event: string, ...args: unknown[]): void {
    for (const listener of this.listeners.get(event) ?? []) (listener as (...a: unknown[]) => void)(...args);
  }
}
