import type { IncomingMessage, ServerResponse } from 'node:http';

/** Longest a refused client may go on sending after its answer before the connection is cut. */
export const LINGER_MS = 2_000;

/**
 * Answers on a connection whose request body is refused unread, and then closes it in
 * stages (RFC 9112 §9.6): the answer, then the write side, then reading and dropping what
 * the client still sends until it closes too, for at most `lingerMs`. Closed at once, the
 * kernel would reset a connection that has unread bytes, and a client still uploading
 * would see "connection reset" or EPIPE instead of the 413 or 401 it was sent.
 */
export function closeAfterAnswer(req: IncomingMessage, res: ServerResponse, lingerMs = LINGER_MS): void {
  res.setHeader('Connection', 'close');
  const socket = req.socket;
  if (socket.destroyed) return;
  // Node half-closes (ends) a socket without `destroySoon` once the answer is written, where
  // it would otherwise destroy it; the server's sockets allow half-open, so reading goes on.
  Object.defineProperty(socket, 'destroySoon', { value: undefined, configurable: true });
  // Whatever still arrives is read and dropped, so the client's writes never stall or reset.
  req.on('data', () => undefined).resume();
  const cut = setTimeout(() => socket.destroy(), lingerMs).unref();
  socket.once('close', () => clearTimeout(cut));
}
