import { Router } from 'express';
import type { MaintenanceResponse, MaintenanceWindowView } from '../../shared/api';
import { AppError, badRequest, notFound } from '../errors';
import type { MaintenanceBook } from '../maintenance/book';
import { readMaintenanceRequest } from '../maintenance/request';
import { methodNotAllowed } from './error-handler';
import { principalOf } from '../access/guard';

export interface MaintenanceRouteDeps {
  /** The running book of windows. */
  book: () => MaintenanceBook;
  /** The services of the config in force: a window may name only these. */
  serviceIds: () => ReadonlySet<string>;
  /** The clock; `Date.now` unless a test gives its own. */
  now?: () => number;
}

/**
 * `GET /api/maintenance` (the windows in force or to come), `POST /api/maintenance` (a
 * window for some services, now or later) and `DELETE /api/maintenance/{id}` (ends a window
 * made that way). Mounted after the JSON body parser.
 */
export function maintenanceRoutes(deps: MaintenanceRouteDeps): Router {
  const now = deps.now ?? Date.now;
  const router = Router();

  router.get('/maintenance', (_req, res) => {
    const body: MaintenanceResponse = { windows: deps.book().calendar().views(now()) };
    res.json(body);
  });

  router.post('/maintenance', async (req, res) => {
    if (req.body === undefined)
      throw badRequest('body: expected a JSON object (Content-Type: application/json) such as { "services": ["checkout"], "duration": "2h" }');
    const reading = readMaintenanceRequest(req.body, { now: now(), serviceIds: deps.serviceIds() });
    if (!reading.ok) throw badRequest(reading.problem);
    // A person signed in made it, whatever the body says.
    const who = principalOf(res);
    const window = await deps.book().add(who.kind === 'person' ? { ...reading.value, createdBy: who.name } : reading.value);
    const body: MaintenanceWindowView = {
      id: window.id,
      services: window.services,
      from: new Date(window.from).toISOString(),
      until: new Date(window.until).toISOString(),
      reason: window.reason,
      origin: 'api',
      recurrence: null,
    };
    res.status(201).json(body);
  });

  router.delete('/maintenance/:id', async (req, res) => {
    const { id } = req.params;
    const outcome = await deps.book().end(id);
    if (outcome === 'config') throw new AppError('conflict', `window ${id} is defined in the config; remove it there`, { status: 409 });
    if (outcome === 'unknown') throw notFound(`maintenance window "${id}"`);
    res.status(204).end();
  });

  // Each path answers other methods with 405 and the methods it takes, not a 404.
  router.all('/maintenance', methodNotAllowed(['GET', 'HEAD', 'POST']));
  router.all('/maintenance/:id', methodNotAllowed(['DELETE']));
  return router;
}
