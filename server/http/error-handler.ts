import type { ErrorRequestHandler, RequestHandler } from 'express';
import type { ApiErrorBody } from '../../shared/api';
import { AppError } from '../errors';
import type { Logger } from '../log';

/** Unknown API paths answer in the API's error shape, not with HTML. */
export const apiNotFound: RequestHandler = (req, res) => {
  const body: ApiErrorBody = { error: { code: 'not_found', message: `no such endpoint: ${req.method} ${req.path}` } };
  res.status(404).json(body);
};

/** The one error handler: exposes only messages meant for clients, never a stack trace. */
export function errorHandler(log: Logger): ErrorRequestHandler {
  return (error: unknown, req, res, _next) => {
    const bodyParserError = error as { type?: string; status?: number };
    let appError: AppError;
    if (error instanceof AppError) appError = error;
    else if (bodyParserError?.type === 'entity.too.large') appError = new AppError('payload_too_large', 'request body too large', { status: 413 });
    else if (bodyParserError?.type === 'entity.parse.failed') appError = new AppError('bad_request', 'request body is not valid JSON', { status: 400 });
    else appError = new AppError('internal', 'internal error', { status: 500, expose: false, cause: error });
    if (appError.status >= 500) log.error({ err: error, method: req.method, path: req.path }, 'request failed');
    const body: ApiErrorBody = {
      error: { code: appError.code, message: appError.expose ? appError.message : 'internal error' },
    };
    res.status(appError.status).json(body);
  };
}
