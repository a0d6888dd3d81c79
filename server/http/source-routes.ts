import { Router } from 'express';
import type { SourcesResponse, UnmappedAlertsResponse } from '../../shared/api';
import { AppError } from '../errors';
import type { SourceSet } from '../sources/running';

/**
 * The sources' own routes (push URLs, webhooks) for the config in force, which changes
 * on reload, and `GET /api/sources` listing them with their health. During a reload's
 * handover a request waits (milliseconds) for the new sources instead of being lost.
 */
export function sourceRoutes(current: () => SourceSet, handover: () => Promise<void> | null = () => null): Router {
  const router = Router();
  router.get('/sources', (_req, res) => {
    const body: SourcesResponse = { sources: current().list() };
    res.json(body);
  });
  router.use((req, res, next) => {
    // A message sent while one config hands over to the next goes to the new sources.
    const pending = handover();
    if (pending === null) current().router(req, res, next);
    else pending.then(() => current().router(req, res, next), next);
  });
  // No source took it: the token is unknown. Said without repeating the token.
  router.all('/push/:token', () => {
    throw new AppError('not_found', 'unknown push token', { status: 404 });
  });
  router.post('/sources/:id/webhook', () => {
    throw new AppError('not_found', 'unknown source', { status: 404 });
  });
  // Each alert source has added the alerts of its own that fit no service.
  router.get('/alerts/unmapped', (_req, res) => {
    const body: UnmappedAlertsResponse = { alerts: (res.locals.unmappedAlerts ?? []) as UnmappedAlertsResponse['alerts'] };
    res.json(body);
  });
  return router;
}
