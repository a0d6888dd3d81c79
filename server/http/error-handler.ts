import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { ApiErrorBody } from '../../shared/api';
import { AppError } from '../errors';
import type { Logger } from '../log';

/** Unknown API paths answer in the API's error shape, not with HTML. */
export const apiNotFound: RequestHandler = (req, res) => {
  const body: ApiErrorBody = { error: { code: 'not_found', message: `no such endpoint: ${req.method} ${req.path}` } };
  res.status(404).json(body);
};

/** Errors Express and its body parser raise for a request that is itself at fault. */
function clientError(error: { type?: string; status?: number; statusCode?: number; message?: string }): AppError | null {
  if (error.type === 'entity.too.large') return new AppError('payload_too_large', 'request body too large', { status: 413 });
  if (error.type === 'entity.parse.failed') return new AppError('bad_request', 'request body is not valid JSON', { status: 400 });
  if (error.type === 'charset.unsupported' || error.type === 'encoding.unsupported') return new AppError('unsupported_media_type', 'request body encoding not supported', { status: 415 });
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
  return (error: unknown, req, res, _next) => {
    const appError = asAppError(error);
    if (appError.status >= 500) log.error({ err: error, method: req.method, path: req.path }, 'request failed');
    const body: ApiErrorBody = {
      error: { code: appError.code, message: appError.expose ? appError.message : 'internal error' },
    };
    res.status(appError.status).json(body);
  };
}
