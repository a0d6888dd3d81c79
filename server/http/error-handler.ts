import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { ApiErrorBody } from '../../shared/api';
import { AppError } from '../errors';
import type { Logger } from '../log';
import { hasBody } from './body-limit';
import { closeAfterAnswer } from './lingering-close';
import { redactRequestUrl } from './request-log';

/** Any path nothing answers, API or not, gets the API's error shape, never an HTML page. */
export const notFoundHandler: RequestHandler = (req, res) => {
  const body: ApiErrorBody = { error: { code: 'not_found', message: `no such endpoint: ${req.method} ${req.baseUrl}${req.path}` } };
  res.status(404).json(body);
};

/** Unknown API paths answer in the API's error shape, not with HTML. */
export const apiNotFound: RequestHandler = notFoundHandler;

/** A path that exists but not for this method: 405, saying which methods it takes (and an `Allow` header). */
export function methodNotAllowed(allowed: string[]): RequestHandler {
  return (req, res) => {
    res.setHeader('Allow', allowed.join(', '));
    throw new AppError('method_not_allowed', `${req.method} is not allowed on ${req.baseUrl}${req.path}; use ${allowed.join(' or ')}`, { status: 405 });
  };
}

/** Errors Express and the libraries under it raise for a request that is itself at fault. */
function clientError(error: { status?: number; statusCode?: number }): AppError | null {
  const status = error.status ?? error.statusCode;
  // A malformed path (a bad %-escape) and the like: the request's fault, said plainly.
  if (typeof status === 'number' && status >= 400 && status < 500) return new AppError('bad_request', 'malformed request', { status });
  return null;
}

function asAppError(error: unknown): AppError {
  if (error instanceof AppError) return error;
  const known = error && typeof error === 'object' ? clientError(error) : null;
  return known ?? new AppError('internal', 'internal error', { status: 500, expose: false, cause: error });
}

/** The one error handler: exposes only messages meant for clients, never a stack trace. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, next) => {
    // Too late for an answer of our own: Express's default cuts the connection.
    if (res.headersSent) return next(error);
    const appError = asAppError(error);
    // Through the request's own logger when it has one, so the line carries its request id; never the raw path, which may hold a token.
    if (appError.status >= 500)
      ((req as { log?: Logger }).log ?? log).error({ err: error, method: req.method, url: redactRequestUrl(req.originalUrl) }, 'request failed');
    // A body left unread (refused as too large, say) is not read to its end: the connection closes.
    if (hasBody(req) && !req.complete) closeAfterAnswer(req, res);
    const body: ApiErrorBody = {
      error: { code: appError.code, message: appError.expose ? appError.message : 'internal error' },
    };
    res.status(appError.status).json(body);
  };
}
