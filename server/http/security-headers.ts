import cors from 'cors';
import type { RequestHandler } from 'express';
import helmet from 'helmet';
import type { AccessConfig } from '../access/config';
import { PLAIN_PAGE_STYLE_HASH } from './plain-page';

/**
 * The headers every answer carries (helmet): a strict Content-Security-Policy (no inline
 * script at all; the one inline style of the server's own pages by its hash), no
 * framing except by the pages `access.frameAncestors` names, no MIME sniffing, no
 * referrer to other sites. Made again when the config changes.
 */
export function securityHeaders(access: () => AccessConfig): RequestHandler {
  let made: { ancestors: readonly string[]; handler: RequestHandler } | null = null;
  return (req, res, next) => {
    const ancestors = access().frameAncestors;
    if (made?.ancestors !== ancestors) made = { ancestors, handler: helmetFor(ancestors) };
    made.handler(req, res, next);
  };
}

function helmetFor(ancestors: readonly string[]): RequestHandler {
  return helmet({
    contentSecurityPolicy: {
      useDefaults: false,
      directives: {
        defaultSrc: ["'self'"],
        scriptSrc: ["'self'"],
        styleSrc: ["'self'", PLAIN_PAGE_STYLE_HASH],
        // The favicon is drawn as a data: URL; screenshots of results come from the API.
        imgSrc: ["'self'", 'data:'],
        // Fetches and the live socket (ws: and wss: to this host are 'self').
        connectSrc: ["'self'"],
        workerSrc: ["'self'"],
        fontSrc: ["'self'"],
        objectSrc: ["'none'"],
        baseUri: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ancestors.length > 0 ? ["'self'", ...ancestors] : ["'none'"],
      },
    },
    // X-Frame-Options knows no list of sites: with ancestors named, the CSP alone decides.
    xFrameOptions: ancestors.length > 0 ? false : { action: 'deny' },
    referrerPolicy: { policy: 'same-origin' },
    // HSTS belongs to whoever terminates TLS in front; on plain HTTP it would do harm.
    strictTransportSecurity: false,
    // The board's own scripts load from itself; cross-origin isolation would break embedding.
    crossOriginEmbedderPolicy: false,
  });
}

/**
 * CORS: off unless `access.corsOrigins` names the sites whose scripts may call the API
 * (with their cookies). A preflight from anywhere else is answered without the headers,
 * so the browser refuses it.
 */
export function corsPolicy(access: () => AccessConfig): RequestHandler {
  const handler = cors({
    origin: (origin, callback) => callback(null, origin !== undefined && access().corsOrigins.includes(origin)),
    credentials: true,
    methods: ['GET', 'HEAD', 'POST', 'DELETE'],
    allowedHeaders: ['content-type', 'authorization', 'x-csrf-token'],
    maxAge: 600,
  });
  return (req, res, next) => (access().corsOrigins.length === 0 ? next() : handler(req, res, next));
}
