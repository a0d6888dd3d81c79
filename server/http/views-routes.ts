import { Router } from 'express';
import type { ViewsResponse } from '../../shared/api';
import { createRedactor } from '../checks/redact';
import type { Config } from '../config/schema';
import { methodNotAllowed } from './error-handler';

/**
 * `GET /api/views`: the config's saved views, and the board's public address for links a
 * phone opens. The address is left out when a value from the environment is in it:
 * such values never reach a board.
 */
export function viewsRoutes(config: () => Config, secrets: () => string[]): Router {
  const router = Router();
  router.get('/views', (_req, res) => {
    const { views, paging } = config();
    const boardUrl = paging.boardUrl ?? null;
    const shown = boardUrl !== null && createRedactor(secrets())(boardUrl) === boardUrl ? boardUrl : null;
    const body: ViewsResponse = { views, boardUrl: shown };
    res.json(body);
  });
  router.all('/views', methodNotAllowed(['GET', 'HEAD']));
  return router;
}
