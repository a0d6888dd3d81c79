import { Router } from 'express';
import { notFound } from '../errors';
import type { FileArtifacts } from '../store/artifacts';
import { methodNotAllowed } from './error-handler';

/** `GET /api/artifacts/{id}`: a file kept with a result, such as a screenshot of a failed browser check. */
export function artifactRoutes(artifacts: FileArtifacts): Router {
  const router = Router();
  router.get('/artifacts/:id', async (req, res) => {
    const artifact = await artifacts.load(req.params.id);
    if (!artifact) throw notFound(`artifact "${req.params.id}"`);
    res.setHeader('Content-Type', artifact.contentType);
    res.setHeader('Cache-Control', 'private, max-age=86400, immutable');
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.send(artifact.data);
  });
  // Each path answers other methods with 405 and the methods it takes, not a 404.
  const readOnly = methodNotAllowed(['GET', 'HEAD']);
  router.all('/artifacts/:id', readOnly);
  return router;
}
