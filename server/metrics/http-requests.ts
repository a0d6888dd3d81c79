import { METHODS } from 'node:http';
import type { RequestHandler } from 'express';
import type { Metrics } from './metrics';

/** The route label of requests no route took: the board's files, and paths nothing answers. */
export const NO_ROUTE = 'none';

const KNOWN_METHODS = new Set(METHODS);

/** A route's pattern under its router's mount point; a pattern that is not a plain string is not spelled out. */
function patternOf(baseUrl: string, route: unknown): string {
  const path = (route as { path?: unknown } | undefined)?.path;
  // Mount points are fixed words matched regardless of case: lower-cased, `/API` and `/api` are one route.
  return typeof path === 'string' ? `${baseUrl.toLowerCase()}${path}` : 'other';
}

/**
 * Counts and times every request by method, route pattern and status. The path asked for
 * is never a label: it may hold a token (`/api/push/{token}`), and there is no end of them.
 */
export function countRequests(metrics: Pick<Metrics, 'httpRequest'>): RequestHandler {
  return (req, res, next) => {
    const started = performance.now();
    let route: unknown;
    let pattern = NO_ROUTE;
    // Express sets `req.route` as a route takes the request; its pattern is relative to the
    // router's mount point, which `req.baseUrl` holds at that moment and not necessarily later.
    Object.defineProperty(req, 'route', {
      configurable: true,
      enumerable: true,
      get: () => route,
      set: (value: unknown) => {
        route = value;
        pattern = patternOf(req.baseUrl, value);
      },
    });
    res.once('finish', () => {
      const method = KNOWN_METHODS.has(req.method) ? req.method : 'other';
      metrics.httpRequest(method, pattern, res.statusCode, (performance.now() - started) / 1_000);
    });
    next();
  };
}
