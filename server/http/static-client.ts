import express, { Router } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Serves the built board. Hashed assets are cached for good; index.html never is,
 * so a wall screen picks up a new build at its next reconnect.
 */
export function staticClient(clientDir: string): Router {
  const router = Router();
  const index = join(clientDir, 'index.html');
  router.use(
    express.static(clientDir, {
      index: false,
      setHeaders(res, path) {
        if (path.includes(`${join(clientDir, 'assets')}`)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
      },
    }),
  );
  router.get(/^\/(?!api\/|socket\.io\/).*/, (_req, res) => {
    if (!existsSync(index)) {
      res.status(503).type('text/plain').send('The board has not been built: run `npm run build` (npm start does it for you).');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}
