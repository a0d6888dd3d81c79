import { Router } from 'express';
import type { ServiceResponse, ServicesResponse } from '../../shared/api';
import type { Engine } from '../engine/engine';
import { badRequest, notFound } from '../errors';
import type { Store } from '../store/store';

const DAY_MS = 86_400_000;
const HISTORY_LIMIT = 10_000;

function parseTime(value: unknown, name: string, fallback: number): number {
  if (value === undefined || value === '') return fallback;
  if (typeof value !== 'string') throw badRequest(`${name} must be a time`);
  const ms = /^\d+$/.test(value) ? Number(value) : Date.parse(value);
  if (!Number.isFinite(ms)) throw badRequest(`${name} must be an ISO 8601 time or epoch milliseconds`);
  return ms;
}

/** Thin routes over the current engine's views and the store's history. */
export function servicesRoutes(currentEngine: () => Engine, store: Store): Router {
  const router = Router();

  router.get('/services', (_req, res) => {
    const body: ServicesResponse = { services: currentEngine().views(), generatedAt: new Date().toISOString() };
    res.json(body);
  });

  router.get('/services/:id', (req, res) => {
    const service = currentEngine().view(req.params.id);
    if (!service) throw notFound(`service "${req.params.id}"`);
    const body: ServiceResponse = { service, generatedAt: new Date().toISOString() };
    res.json(body);
  });

  router.get('/services/:id/history', async (req, res) => {
    if (!currentEngine().view(req.params.id)) throw notFound(`service "${req.params.id}"`);
    const now = Date.now();
    const to = parseTime(req.query.to, 'to', now);
    const from = parseTime(req.query.from, 'from', to - DAY_MS);
    if (from > to) throw badRequest('from must not be after to');
    const history = await store.serviceHistory(req.params.id, from, to, HISTORY_LIMIT);
    res.json({
      serviceId: req.params.id,
      from: new Date(from).toISOString(),
      to: new Date(to).toISOString(),
      results: history.results.map((r) => ({ ...r, at: new Date(r.at).toISOString() })),
      transitions: history.transitions.map((t) => ({ ...t, at: new Date(t.at).toISOString() })),
    });
  });

  return router;
}
