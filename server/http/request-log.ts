import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { pinoHttp, type HttpLogger } from 'pino-http';
import { createRedactor } from '../checks/redact';
import type { Logger } from '../log';

/** An id a caller may choose: short, and nothing a log line or a header could be confused by. */
const SANE_ID = /^[A-Za-z0-9._-]{1,128}$/;

/** The caller's `X-Request-Id` when it is sane, so one id follows a request through proxies; else a new one. */
export function requestId(incoming: string | string[] | undefined): string {
  return typeof incoming === 'string' && SANE_ID.test(incoming) ? incoming : randomUUID();
}

/**
 * The segment after `push/` or `ack/` is a credential: a push URL's token
 * (`/api/push/{token}`), an acknowledge link's signed token (`/ack/{token}`). Matched
 * anywhere in the path and in any case, as routing matches case-insensitively.
 */
const TOKEN_IN_PATH = /(\/(?:push|ack)\/)[^/]+/gi;
/** Query parameters that carry credentials (a board's `?token=`, API keys). */
const SECRET_PARAMS = new Set(['token', 'access_token', 'key']);

function paramName(pair: string): string {
  const raw = pair.split('=', 1)[0]!;
  let name = raw;
  try {
    name = decodeURIComponent(raw.replace(/\+/g, ' '));
  } catch {
    // A malformed escape: judge the name as written.
  }
  // `token[]=…` is still a token.
  return name.toLowerCase().replace(/\[.*$/, '');
}

/** A request's URL fit for a log: tokens in the path and credential query values replaced by `[redacted]`. */
export function redactRequestUrl(url: string): string {
  const q = url.indexOf('?');
  const path = (q === -1 ? url : url.slice(0, q)).replace(TOKEN_IN_PATH, '$1[redacted]');
  if (q === -1) return path;
  const query = url
    .slice(q + 1)
    .split('&')
    .map((pair) => (SECRET_PARAMS.has(paramName(pair)) ? `${pair.split('=', 1)[0]}=[redacted]` : pair))
    .join('&');
  return `${path}?${query}`;
}

/** What pino-std-serializers hands a request serializer. */
interface SerializedRequest {
  id: unknown;
  method: string;
  url: string;
  headers: Record<string, string | string[] | undefined>;
  remoteAddress?: string;
}

/** Of a response only its status: its headers may set a cookie. */
const responseFields = (res: { statusCode: number }) => ({ statusCode: res.statusCode });

/**
 * Failures are errors and refusals are worth a line, but a success is debug: every open
 * board polls, so at the default `info` level lines of 200s would bury everything else.
 * A 4xx is `info`, not `warn`: boards asking for a service that was just removed, or
 * a stale tab's 404, are normal.
 */
export function responseLevel(status: number, failed: boolean): 'error' | 'info' | 'debug' {
  if (failed || status >= 500) return 'error';
  return status >= 400 ? 'info' : 'debug';
}

/** Masks the values given, in all their forms; rebuilt only when the list in force is replaced (on reload). */
function masker(secrets: () => readonly string[]): (text: string) => string {
  let maskedFor: readonly string[] | undefined;
  let mask = (text: string) => text;
  return (text) => {
    const current = secrets();
    if (current !== maskedFor) {
      maskedFor = current;
      mask = createRedactor(current);
    }
    return mask(text);
  };
}

/**
 * Logs each HTTP request once it is answered, with an id that is also sent back in
 * `X-Request-Id` and bound to `req.log`, so every line about one request can be found.
 * `secrets` are the config's values from the environment, masked wherever a URL carries
 * them (a push's `msg` may quote its own token).
 */
export function requestLog(log: Logger, secrets: () => readonly string[] = () => []): HttpLogger {
  const mask = masker(secrets);
  const loggedUrl = (url: string) => mask(redactRequestUrl(url));
  // Never the headers (Authorization and Cookie are secrets); the URL only redacted.
  const requestFields = (req: SerializedRequest) => ({
    id: req.id,
    method: req.method,
    url: loggedUrl(req.url),
    remoteAddress: req.remoteAddress,
    userAgent: req.headers['user-agent'],
  });
  // Express rewrites `req.url` inside a mounted router (`/api/push/x` becomes `/push/x`): the original is the whole path.
  const summary = (req: IncomingMessage & { originalUrl?: string }, res: ServerResponse) =>
    `${req.method} ${loggedUrl(req.originalUrl ?? req.url ?? '')} ${res.statusCode}`;
  return pinoHttp({
    logger: log.child({ mod: 'http' }),
    genReqId: (req, res) => {
      const id = requestId(req.headers['x-request-id']);
      res.setHeader('X-Request-Id', id);
      return id;
    },
    serializers: { req: requestFields, res: responseFields },
    customLogLevel: (_req, res, error) => responseLevel(res.statusCode, error !== undefined),
    customSuccessMessage: summary,
    customErrorMessage: (req, res) => summary(req, res),
  });
}
