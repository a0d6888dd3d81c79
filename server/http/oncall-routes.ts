import { Router } from 'express';
import type { OncallResponse } from '../../shared/api';
import type { Roster } from '../oncall/roster';

/** `GET /api/oncall`: every team's on-call now and next, per layer, with where it comes from and how fresh it is. */
export function oncallRoutes(current: () => Roster): Router {
  const router = Router();
  router.get('/oncall', (_req, res) => {
    const body: OncallResponse = { teams: current().views(), generatedAt: new Date().toISOString() };
    res.json(body);
  });
  return router;
}
