import express, { Router } from 'express';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { methodNotAllowed } from './error-handler';

/**
 * The pages the board's own router shows (its ROUTES in client/App.tsx), matched as it
 * matches them: after trailing slashes are dropped. Any other path is not the board's.
 */
const BOARD_PAGES = [/^\/$/, /^\/services\/[^/]+$/, /^\/standup$/, /^\/admin$/];

/** Whether the board shows a page at `path`, so the server answers it with the board. */
export function isBoardPage(path: string): boolean {
  const normalised = path.length > 1 ? path.replace(/\/+$/, '') : path;
  return BOARD_PAGES.some((page) => page.test(normalised));
}

/**
 * Serves the built board: its files, and its page at each of its own paths. Hashed
 * assets are cached for good; index.html never is, so a wall screen picks up a new
 * build at its next reconnect; nor is the service worker, /sw.js, so a browser that
 * looks for a new release always sees the latest (it sits at the root, so its scope is
 * the whole board and needs no Service-Worker-Allowed). Other paths fall through to a
 * 404 in the API's shape.
 */
export function staticClient(clientDir: string): Router {
  const router = Router();
  const index = join(clientDir, 'index.html');
  const worker = join(clientDir, 'sw.js');
  router.use(
    express.static(clientDir, {
      index: false,
      setHeaders(res, path) {
        if (path.includes(`${join(clientDir, 'assets')}`)) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
        if (path === worker) res.setHeader('Cache-Control', 'no-cache');
      },
    }),
  );
  const wrongMethod = methodNotAllowed(['GET', 'HEAD']);
  router.use((req, res, next) => {
    if (!isBoardPage(req.path)) return next();
    if (req.method !== 'GET' && req.method !== 'HEAD') return wrongMethod(req, res, next);
    if (!existsSync(index)) {
      res.status(503).type('text/plain').send('The board has not been built: run `npm run build` (npm start does it for you).');
      return;
    }
    res.setHeader('Cache-Control', 'no-cache');
    res.sendFile(index);
  });
  return router;
}
