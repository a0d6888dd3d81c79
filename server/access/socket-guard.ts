import type { Socket } from 'socket.io';
import { EVENTS, type SocketRefusal } from '../../shared/events';
import type { BoardServer } from '../realtime/gateway';
import type { AccessConfig } from './config';
import type { AccessGate } from './gate';

/** What the guard learnt of a socket, kept on it: which token it came with, to let it go when that is revoked. */
interface SocketAccess {
  tokenId?: string;
}

const refused = (refusal: SocketRefusal) => Object.assign(new Error(refusal.message), { data: refusal });

/**
 * A board's socket gets what a board's page gets: in `token` mode, only with a board
 * cookie, a session, a trusted proxy's header or an API token (`auth: { token }`); and
 * from a browser, only from this board's own pages (or an origin `corsOrigins` names),
 * so another site cannot read the board through a visitor's cookie.
 */
export function guardSockets(io: BoardServer, gate: AccessGate, access: () => AccessConfig): { revoke(tokenId: string): void } {
  io.use((socket, next) => {
    void (async () => {
      const origin = socket.request.headers.origin;
      if (origin !== undefined && !isOwnOrigin(origin, socket.request.headers.host) && !access().corsOrigins.includes(origin)) {
        return next(refused({ code: 'origin', message: `a page from ${origin} may not watch this board` }));
      }
      const auth = socket.handshake.auth as { token?: unknown } | undefined;
      const identity = await gate.identify(socket.request, typeof auth?.token === 'string' ? auth.token : undefined);
      const refusal = gate.decide('read', identity, { method: 'GET' });
      if (refusal) return next(refused({ code: refusal.code === 'token_revoked' ? 'token_revoked' : 'unauthorized', message: refusal.message }));
      const principal = identity.principal;
      (socket.data as SocketAccess).tokenId = principal.kind === 'board' || principal.kind === 'api' ? principal.tokenId : undefined;
      next();
    })().catch((error: unknown) => next(error as Error));
  });
  return {
    revoke(tokenId) {
      for (const socket of io.sockets.sockets.values() as Iterable<Socket>) {
        if ((socket.data as SocketAccess).tokenId !== tokenId) continue;
        socket.emit(EVENTS.accessRevoked, { message: "this screen's access was revoked: ask an admin for a new board link" });
        socket.disconnect(true);
      }
    },
  };
}

function isOwnOrigin(origin: string, host: string | undefined): boolean {
  try {
    return host !== undefined && new URL(origin).host === host;
  } catch {
    return false;
  }
}
