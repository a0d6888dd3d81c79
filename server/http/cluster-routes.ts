import { Router } from 'express';
import type { ClusterResponse } from '../../shared/api';
import type { Engine } from '../engine/engine';
import type { Ownership } from '../cluster/ownership';
import { methodNotAllowed } from './error-handler';

/**
 * `GET /api/cluster`: this instance's place among the others — its name, how many are
 * alive, the shards it holds, the services and sources it runs. A single server runs them all.
 */
export function clusterRoutes(deps: {
  instance: string;
  ownership: () => Ownership & { members?: number };
  engine: () => Engine;
  /** The ids of the sources running on this instance. */
  sources: () => Set<string>;
  connected: () => boolean | null;
}): Router {
  const router = Router();
  router.get('/cluster', (_req, res) => {
    const ownership = deps.ownership();
    const engine = deps.engine();
    const body: ClusterResponse = {
      instance: deps.instance,
      alone: ownership.alone,
      members: ownership.members ?? 1,
      shards: ownership.held(),
      services: engine.serviceIds().filter((id) => engine.owns(id)),
      sources: [...deps.sources()].sort(),
      linked: deps.connected(),
      generatedAt: new Date().toISOString(),
    };
    res.json(body);
  });
  router.all('/cluster', methodNotAllowed(['GET', 'HEAD']));
  return router;
}
