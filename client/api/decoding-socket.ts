import { EVENTS, type ServiceUpdateMessage, type SnapshotMessage, type SnapshotPayload } from '../../shared/events';
import { decodeServiceUpdate, decodeSnapshot } from '../../shared/snapshot-codec';
import type { LiveSocket } from './live';
import type { HistorySocket } from './live-history';
import type { IncidentSocket } from './live-incidents';
import type { BoardSocket } from './socket';

type Decode = (message: SnapshotMessage) => Promise<SnapshotPayload>;

/**
 * The board's view of a socket.io socket: snapshots and deltas arrive decoded, and every event
 * is delivered in the order it arrived, so a delta that lands while a snapshot is
 * still being decompressed is applied after it, never before.
 */
export function decodingSocket(raw: BoardSocket, decode: Decode = decodeSnapshot): LiveSocket & HistorySocket & IncidentSocket {
  let queue: Promise<void> = Promise.resolve();
  let pending = 0;

  // Nothing waiting: deliver at once. Otherwise join the back of the queue.
  const deliver = (produce: () => Promise<unknown[]> | unknown[], listener: (...args: never[]) => void) => {
    const call = (args: unknown[]) => (listener as (...a: unknown[]) => void)(...args);
    const produced = produce();
    if (pending === 0 && Array.isArray(produced)) return call(produced);
    pending += 1;
    queue = queue
      .then(async () => call(await produced))
      .catch((error: unknown) => console.error('a board message could not be read; the next heartbeat asks again', error))
      .finally(() => {
        pending -= 1;
      });
  };
  // On-call travels compressed beside the list (`oncallData`); none means no team has a schedule.
  const decoded = (message: SnapshotMessage) => decode(message).then((snapshot) => [{ ...snapshot, oncall: snapshot.oncall ?? [] }]);

  // A small delta is plain and applied at once; a storm's batch arrives compressed.
  const deltaArgs = (message: ServiceUpdateMessage) => {
    const payload = decodeServiceUpdate(message);
    return payload instanceof Promise ? payload.then((p) => [p]) : [payload];
  };

  const socket = {
    get connected() {
      return raw.connected;
    },
    get active() {
      return raw.active;
    },
    on(event: string, listener: (...args: never[]) => void) {
      const forward =
        event === EVENTS.snapshot
          ? (message: SnapshotMessage) => deliver(() => decoded(message), listener)
          : event === EVENTS.serviceUpdate
            ? (message: ServiceUpdateMessage) => deliver(() => deltaArgs(message), listener)
            : (...args: unknown[]) => deliver(() => args, listener);
      (raw as unknown as { on(e: string, l: (...a: never[]) => void): unknown }).on(event, forward);
      return socket;
    },
    emit(event: string, arg: unknown) {
      if (event === EVENTS.snapshotRequest) {
        const ack = arg as (payload: SnapshotPayload) => void;
        raw.emit(EVENTS.snapshotRequest, (message) => deliver(() => decoded(message), ack));
      } else if (event === EVENTS.serviceWatch || event === EVENTS.serviceUnwatch) {
        raw.emit(event, arg as string);
      }
      return socket;
    },
    connect: () => raw.connect(),
    disconnect: () => raw.disconnect(),
  };
  return socket;
}
