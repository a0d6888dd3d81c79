import { Router } from 'express';
import { notFound } from '../errors';
import type { FileArtifacts } from '../store/artifacts';

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
  return router;
}
