import type { Server as HttpServer, ServerResponse } from 'node:http';
import type { Socket } from 'node:net';

/** Closes an HTTP server without waiting on clients that keep their connections open. */
export interface HttpShutdown {
  /**
   * Stops accepting connections and ends idle keep-alive ones at once; requests in
   * flight may finish within `graceMs`, each closing its connection, and anything still
   * open then is cut. Resolves when every connection is gone.
   */
  close(graceMs: number): Promise<void>;
}

/**
 * Follows the responses of `server` so that it can be closed promptly. Node's own close
 * waits for every keep-alive connection to go quiet, which a board or a script polling
 * the API never does. Attach after anything that takes over the server's request
 * listeners (socket.io does), so it sees every request.
 */
export function trackForShutdown(server: HttpServer): HttpShutdown {
  const open = new Set<ServerResponse>();
  // Every socket, upgraded ones (WebSockets) included, which the server itself forgets.
  const sockets = new Set<Socket>();
  let closing = false;
  server.on('connection', (socket: Socket) => {
    sockets.add(socket);
    socket.once('close', () => sockets.delete(socket));
  });
  server.prependListener('request', (_req, res) => {
    if (closing) res.shouldKeepAlive = false;
    open.add(res);
    res.once('close', () => {
      open.delete(res);
      // A response that was already under way when closing began left its connection idle.
      if (closing) setImmediate(() => server.closeIdleConnections());
    });
  });
  return {
    async close(graceMs) {
      closing = true;
      // Responses not yet begun tell their client this connection ends with them.
      for (const res of open) if (!res.headersSent) res.shouldKeepAlive = false;
      const closed = new Promise<void>((resolve) => server.close(() => resolve()));
      server.closeIdleConnections();
      const cut = setTimeout(() => {
        for (const socket of sockets) socket.destroy();
      }, graceMs);
      try {
        await closed;
      } finally {
        clearTimeout(cut);
      }
    },
  };
}
