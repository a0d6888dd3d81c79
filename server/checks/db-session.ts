import type { Duplex } from 'node:stream';
import { WrongProtocolError, type Protocol } from './db-errors';

/** What a check needs to let go of a database client. */
export interface ClientHandle {
  /** Says goodbye in the protocol and waits for the connection to close. */
  close(): Promise<unknown>;
  /** Drops the connection at once: the socket is destroyed, not just half-closed. */
  destroy(): void;
}

/** Resolves when the signal aborts; `cancel` drops the listener when no longer needed. */
function whenAborted(signal: AbortSignal): { promise: Promise<void>; cancel(): void } {
  let onAbort = () => undefined as void;
  const promise = new Promise<void>((resolve) => {
    onAbort = () => resolve();
    if (signal.aborted) resolve();
    else signal.addEventListener('abort', onAbort, { once: true });
  });
  return { promise, cancel: () => signal.removeEventListener('abort', onAbort) };
}

/**
 * Runs `work` with a client and always lets go of it, so no connection outlives its run:
 * the client is destroyed the moment the run is aborted (a hung server or the timeout),
 * otherwise closed politely, and a polite close that hangs is cut by the abort too.
 */
export async function withClient<T>(signal: AbortSignal, client: ClientHandle, work: () => Promise<T>): Promise<T> {
  const destroy = () => client.destroy();
  signal.addEventListener('abort', destroy, { once: true });
  try {
    if (signal.aborted) throw new Error('aborted');
    return await work();
  } finally {
    if (!signal.aborted) {
      const aborted = whenAborted(signal);
      await Promise.race([client.close().catch(() => undefined), aborted.promise]);
      aborted.cancel();
    }
    destroy();
    signal.removeEventListener('abort', destroy);
  }
}

/** What the first bytes from a server say: they can begin the protocol, cannot, or are too few to tell. */
export type FirstBytesVerdict = 'fits' | 'wrong' | 'need-more';

/**
 * Reads the first bytes the server sends, beside the driver, and cuts the connection as soon
 * as they cannot begin `protocol`. A driver handed an HTTP or SSH banner reads a length out of
 * it and would wait, until the timeout, for megabytes that never come (or choke on them).
 * Returns a function giving the error the connection was cut with, if it was.
 */
export function watchFirstBytes(socket: Duplex, protocol: Protocol, judge: (head: Buffer) => FirstBytesVerdict): () => WrongProtocolError | undefined {
  let head = Buffer.alloc(0);
  let wrong: WrongProtocolError | undefined;
  const onData = (chunk: Buffer) => {
    head = Buffer.concat([head, chunk]);
    const verdict = judge(head);
    if (verdict === 'need-more') return;
    socket.off('data', onData);
    if (verdict === 'wrong') {
      wrong = new WrongProtocolError(protocol);
      socket.destroy(wrong);
    }
  };
  // Ahead of the driver's listener: the driver still sees this chunk, but never another after a wrong one.
  socket.prependListener('data', onData);
  return () => wrong;
}
