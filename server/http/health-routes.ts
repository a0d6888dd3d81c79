import { Router } from 'express';
import { methodNotAllowed } from './error-handler';

export interface Readiness {
  /** Resolves when everything needed to serve a correct board works; rejects with the reason. */
  check(): Promise<void>;
}

/** `/healthz`: the process answers. `/readyz`: it can serve a correct board. */
export function healthRoutes(readiness: Readiness): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    try {
      await readiness.check();
      res.json({ status: 'ready' });
    } catch (error) {
      res.status(503).json({ error: { code: 'not_ready', message: (error as Error).message } });
    }
  });
  // Each path answers other methods with 405 and the methods it takes, not a 404.
  const readOnly = methodNotAllowed(['GET', 'HEAD']);
  router.all('/healthz', readOnly);
  router.all('/readyz', readOnly);
  return router;
}
