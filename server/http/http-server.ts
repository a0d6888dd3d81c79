import { createServer, type RequestListener, type Server } from 'node:http';
import type { Logger } from '../log';
import { answerClientErrors } from './client-errors';
import { resolveServerLimits, type ServerLimits } from './server-limits';

const MINUTE_MS = 60_000;

/**
 * The HTTP server with its limits in force: slow or half-sent requests are cut at their
 * timeouts, connections over the cap are refused, and refused requests get a JSON answer.
 */
export function createHttpServer(listener: RequestListener, limits: Partial<ServerLimits> | undefined, log: Logger): Server {
  const resolved = resolveServerLimits(limits);
  const server = createServer(
    {
      headersTimeout: resolved.headersTimeoutMs,
      requestTimeout: resolved.requestTimeoutMs,
      // Timeouts are only enforced when node sweeps its connections: sweep often enough that
      // a half-sent request lasts not much longer than its timeout (node's default is 30 s).
      connectionsCheckingInterval: Math.min(1_000, Math.max(25, Math.floor(resolved.headersTimeoutMs / 4))),
    },
    listener,
  );
  server.keepAliveTimeout = resolved.keepAliveTimeoutMs;
  server.maxConnections = resolved.maxConnections;
  server.on('clientError', answerClientErrors(log));
  server.on('drop', countDrops(resolved.maxConnections, log));
  return server;
}

/** Says when the cap refuses connections: once at first, then at most once a minute with a count. */
function countDrops(cap: number, log: Logger): () => void {
  let dropped = 0;
  let lastSaid = -Infinity;
  return () => {
    dropped += 1;
    const now = Date.now();
    if (now - lastSaid < MINUTE_MS) return;
    log.warn({ dropped, maxConnections: cap }, `refused ${dropped} connection(s) since the last notice: ${cap} already open (GREENBOARD_MAX_CONNECTIONS)`);
    dropped = 0;
    lastSaid = now;
  };
}
