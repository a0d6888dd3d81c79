import { Router, type NextFunction, type Request, type RequestHandler, type Response } from 'express';
import type { SourcesResponse, SourceView, UnmappedAlertsResponse, UnmappedAlertView } from '../../shared/api';
import { AppError } from '../errors';
import type { SourceSet } from '../sources/running';

/**
 * The sources' own addresses (push URLs, webhooks) for the config in force, which changes
 * on reload. During a reload's handover a message waits (milliseconds) for the new sources
 * instead of being lost.
 */
export function sourceMessageRoutes(
  current: () => SourceSet,
  handover: () => Promise<void> | null = () => null,
  /** In a cluster: hands a message for a source another instance runs to that instance. */
  forward?: (sourceId: string, req: Request, res: Response, next: NextFunction) => void,
): Router {
  const router = Router();
  /**
   * Hands the request to the source `find` names in the config in force, after any
   * handover; an unknown token or id is a 404 that does not repeat it.
   */
  const toSource =
    (find: (sources: SourceSet, req: Request) => RequestHandler | undefined, kind: 'push' | 'webhook', key: (req: Request) => string, unknown: string) =>
    (req: Request, res: Response, next: NextFunction) => {
      const answer = () => {
        const sources = current();
        const handle = find(sources, req);
        if (handle) return handle(req, res, next);
        const elsewhere = forward && sources.sourceFor(kind, key(req));
        if (elsewhere) return forward(elsewhere, req, res, next);
        next(new AppError('not_found', unknown, { status: 404 }));
      };
      const pending = handover();
      if (pending === null) return answer();
      pending.then(answer).catch(next);
    };
  router.all(
    '/push/:token',
    toSource(
      (sources, req) => sources.push(req.params.token as string),
      'push',
      (req) => req.params.token as string,
      'unknown push token',
    ),
  );
  router.post(
    '/sources/:id/webhook',
    toSource(
      (sources, req) => sources.webhook(req.params.id as string),
      'webhook',
      (req) => req.params.id as string,
      'unknown source',
    ),
  );
  return router;
}

/** `GET /api/sources`, listing the sources with their health, and the alerts that fit no service. */
export function sourceListRoutes(list: () => SourceView[], unmapped: () => UnmappedAlertView[]): Router {
  const router = Router();
  router.get('/sources', (_req, res) => {
    const body: SourcesResponse = { sources: list() };
    res.json(body);
  });
  router.get('/alerts/unmapped', (_req, res) => {
    const body: UnmappedAlertsResponse = { alerts: unmapped() };
    res.json(body);
  });
  return router;
}
