import { Router } from 'express';
import {
  HISTORY_RESULT_LIMIT,
  type BoardNotice,
  type HistoryResponse,
  type ServiceResponse,
  type ServicesResponse,
  type UnmappedAlertView,
} from '../../shared/api';
import type { Engine } from '../engine/engine';
import type { ClusterProblem } from '../engine/bus';
import { badRequest, notFound } from '../errors';
import { timeParam } from './time-param';
import { historyResult, historyTransition } from '../store/history-json';
import { boardNotices } from '../realtime/notices';
import type { Store } from '../store/store';
import { methodNotAllowed } from './error-handler';
import type { RetentionConfig } from '../config/retention';
import { spanText } from '../config/fields';
import { seriesOf } from '../history/series-source';

const DAY_MS = 86_400_000;

const iso = (ms: number) => new Date(ms).toISOString();

/** Thin routes over the current engine's views and the store's history. */
export function servicesRoutes(
  currentEngine: () => Engine,
  store: Store,
  unmapped: () => UnmappedAlertView[] = () => [],
  paging: () => BoardNotice[] = () => [],
  retention: () => Pick<RetentionConfig, 'minutes' | 'hours'>,
  /** Why this instance cannot hear from the others, if it cannot (several instances). */
  cluster: () => ClusterProblem | null = () => null,
): Router {
  const router = Router();

  router.get('/services', (_req, res) => {
    const body: ServicesResponse = {
      services: currentEngine().views(),
      generatedAt: new Date().toISOString(),
      notices: boardNotices(store.writeProblem(), unmapped(), paging(), cluster()),
    };
    res.json(body);
  });

  router.get('/services/:id', (req, res) => {
    const service = currentEngine().view(req.params.id);
    if (!service) throw notFound(`service "${req.params.id}"`);
    const body: ServiceResponse = { service, generatedAt: new Date().toISOString() };
    res.json(body);
  });

  router.get('/services/:id/history', async (req, res) => {
    const view = currentEngine().view(req.params.id);
    if (!view) throw notFound(`service "${req.params.id}"`);
    const now = Date.now();
    const to = timeParam(req.query.to, 'to', now);
    const from = timeParam(req.query.from, 'from', to - DAY_MS);
    if (from > to) throw badRequest('from must not be after to');
    // Longer than history is kept, the answer would be mostly holes: say so rather than draw them.
    const kept = retention().hours;
    if (to - from > kept) throw badRequest(`from–to covers at most ${spanText(kept)} (retention.hours): ask for a shorter window`);
    const [history, series] = await Promise.all([
      store.serviceHistory(req.params.id, from, to, HISTORY_RESULT_LIMIT),
      seriesOf(
        store,
        req.params.id,
        view.checks.map((c) => c.id),
        { from, to },
        { now, minutesKeptMs: retention().minutes },
      ),
    ]);
    const body: HistoryResponse = {
      serviceId: req.params.id,
      from: iso(from),
      to: iso(to),
      results: history.results.map(historyResult),
      transitions: history.transitions.map(historyTransition),
      latest: history.latest.map(historyResult),
      // The store keeps the newest `HISTORY_RESULT_LIMIT`; a full page means older ones were left out.
      truncated: history.results.length >= HISTORY_RESULT_LIMIT,
      series,
    };
    res.json(body);
  });

  // Each path answers other methods with 405 and the methods it takes, not a 404.
  const readOnly = methodNotAllowed(['GET', 'HEAD']);
  router.all('/services', readOnly);
  router.all('/services/:id', readOnly);
  router.all('/services/:id/history', readOnly);
  return router;
}
