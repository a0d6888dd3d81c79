import { Router } from 'express';
import { AppError } from '../errors';
import type { Metrics } from '../metrics/metrics';
import { bearerMatches } from '../sources/webhook-endpoint';
import { methodNotAllowed } from './error-handler';

export interface MetricsRouteDeps {
  metrics: Pick<Metrics, 'scrape' | 'contentType'>;
  /** The token scrapers must send under the config in force; undefined leaves `/metrics` open. */
  token: () => string | undefined;
}

/** `GET /metrics`: the Prometheus text format, behind `Authorization: Bearer {metrics.token}` when one is set. */
export function metricsRoute({ metrics, token }: MetricsRouteDeps): Router {
  const router = Router();
  router.get('/metrics', async (req, res) => {
    const expected = token();
    if (expected !== undefined && !bearerMatches(req, expected)) {
      res.setHeader('WWW-Authenticate', 'Bearer realm="metrics"');
      throw new AppError('unauthorized', 'wrong or missing bearer token', { status: 401 });
    }
    const text = await metrics.scrape();
    res.setHeader('Content-Type', metrics.contentType);
    res.setHeader('Cache-Control', 'no-store');
    res.send(text);
  });
  router.all('/metrics', methodNotAllowed(['GET', 'HEAD']));
  return router;
}
