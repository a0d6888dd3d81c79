import { Router } from 'express';
import { demoApp } from './demo-app';

/** Where in its cycle a demo service is at `now`: true means misbehaving. Pure. */
export function demoPhase(now: number, cycleMs: number, badMs: number, offsetMs = 0): boolean {
  return (now + offsetMs) % cycleMs < badMs;
}

/**
 * Endpoints that change by themselves, and the demo shop under `shop/`, so the example
 * config shows a live board on a machine with no network. Clearly demo: every body says
 * so. Mounted only when the demo is asked for (see `edgeOptions`).
 */
export function demoRoutes(now: () => number = Date.now): Router {
  const router = Router();
  router.use('/shop', demoApp());
  router.get('/ok', (_req, res) => {
    res.type('text/plain').send('OK (demo service)');
  });
  // Down for 20 s of every 90 s.
  router.get('/flaky', (_req, res) => {
    if (demoPhase(now(), 90_000, 20_000)) res.status(503).type('text/plain').send('Service Unavailable (demo outage)');
    else res.type('text/plain').send('OK (demo service)');
  });
  // Slow for 25 s of every 70 s.
  router.get('/slow', (_req, res) => {
    const slow = demoPhase(now(), 70_000, 25_000, 30_000);
    setTimeout(() => res.type('text/plain').send('OK (demo service)'), slow ? 1_200 : 5).unref();
  });
  // Where the example config's pages go: taken and dropped, so the tiles show who was paged
  // without sending anything anywhere.
  router.post('/pager', (_req, res) => {
    res.status(204).end();
  });
  router.get('/search', (req, res) => {
    const q = typeof req.query.q === 'string' ? req.query.q : '';
    res.json({ query: q, results: [{ id: 1, title: `demo result for "${q}"` }] });
  });
  return router;
}
