import { Router, type NextFunction, type Request, type Response } from 'express';
import type { SourcesResponse, UnmappedAlertsResponse } from '../../shared/api';
import { AppError } from '../errors';
import type { SourceSet } from '../sources/running';

/**
 * The sources' own addresses (push URLs, webhooks) for the config in force, which changes
 * on reload. During a reload's handover a message waits (milliseconds) for the new sources
 * instead of being lost.
 */
export function sourceMessageRoutes(current: () => SourceSet, handover: () => Promise<void> | null = () => null): Router {
  const router = Router();
  const withSources =
    (answer: (sources: SourceSet, req: Request, res: Response, next: NextFunction) => void) => (req: Request, res: Response, next: NextFunction) => {
      const pending = handover();
      if (pending === null) return answer(current(), req, res, next);
      pending.then(() => answer(current(), req, res, next)).catch(next);
    };
  // An unknown token or id is said without repeating it.
  router.all(
    '/push/:token',
    withSources((sources, req, res, next) => {
      const handle = sources.push(req.params.token as string);
      if (!handle) return next(new AppError('not_found', 'unknown push token', { status: 404 }));
      handle(req, res, next);
    }),
  );
  router.post(
    '/sources/:id/webhook',
    withSources((sources, req, res, next) => {
      const handle = sources.webhook(req.params.id as string);
      if (!handle) return next(new AppError('not_found', 'unknown source', { status: 404 }));
      handle(req, res, next);
    }),
  );
  return router;
}

/** `GET /api/sources`, listing the sources with their health, and the alerts that fit no service. */
export function sourceListRoutes(current: () => SourceSet): Router {
  const router = Router();
  router.get('/sources', (_req, res) => {
    const body: SourcesResponse = { sources: current().list() };
    res.json(body);
  });
  router.get('/alerts/unmapped', (_req, res) => {
    const body: UnmappedAlertsResponse = { alerts: current().unmapped() };
    res.json(body);
  });
  return router;
}
