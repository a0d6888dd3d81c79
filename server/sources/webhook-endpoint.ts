import express, { type ErrorRequestHandler, type Request, type RequestHandler, type Router } from 'express';
import { AppError } from '../errors';
import { jsonBody } from '../http/body-limit';
import { sameToken } from './tokens';
import { answerAccepted } from './accepted';
import type { SourceContext } from './types';

/** Alertmanager caps nothing; a group of thousands of alerts, or a long list of reports, still fits well under this. */
export const WEBHOOK_BODY_LIMIT = 1024 * 1024;

/** Whether the request carries `Authorization: Bearer {token}`, compared in constant time. */
export function bearerMatches(req: Request, token: string): boolean {
  const match = /^Bearer\s+(.+)$/i.exec(req.headers.authorization ?? '');
  return match !== null && sameToken(match[1]!.trim(), token);
}

/** What a webhook source gives its endpoint. */
export interface WebhookEndpoint {
  /** The bearer token its sender must present. */
  token: string;
  /**
   * Takes a parsed body, or throws an `AppError` (400 naming the field) having changed
   * nothing. The endpoint notes the message as received once this returns.
   */
  receive(body: unknown): void;
}

/**
 * What answers `POST /api/sources/{id}/webhook` for one source, as Alertmanager and other
 * senders call it. The bearer token is checked before a byte of the body is read, so a
 * stranger cannot make the server read a megabyte; then the JSON body, up to 1 MB. Every
 * refusal (401, 413, 400) is counted in the source's health with its reason, and answered
 * through the app's error handler.
 */
export function webhookHandler(endpoint: WebhookEndpoint, context: Pick<SourceContext, 'received' | 'failed'>): Router {
  const authorized: RequestHandler = (req, _res, next) => {
    if (!bearerMatches(req, endpoint.token)) throw new AppError('unauthorized', 'wrong or missing bearer token', { status: 401 });
    next();
  };
  const take: RequestHandler = (req, res) => {
    endpoint.receive(req.body);
    context.received();
    answerAccepted(res);
  };
  const noteRefusal: ErrorRequestHandler = (error, _req, _res, next) => {
    // The reason is the answer's own text: it never holds the token, only what was wrong.
    if (error instanceof AppError && error.status < 500) context.failed(error.message);
    next(error);
  };
  const router = express.Router();
  router.use(authorized, jsonBody(WEBHOOK_BODY_LIMIT), take, noteRefusal);
  return router;
}
