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
