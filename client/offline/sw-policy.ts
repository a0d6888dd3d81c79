/*
 * What the service worker (client/sw.ts) does with a request, and how its caches are named:
 * the decisions, pure, apart from the worker's I/O. Imported by the page too, for the
 * names both sides must agree on.
 */

/** Every cache the worker makes starts so; any other cache in the origin is left alone. */
export const CACHE_PREFIX = 'greenboard-';

/** The board's list, whose last answer is kept to show (stale) while the server is away. */
export const BOARD_PATH = '/api/services';

/** The page every board page is: the one index.html, cached under this address. */
export const SHELL_PATH = '/';

/** A message from a page: here is the board it shows, to keep as the last one known. */
export const KEEP_BOARD = 'greenboard:keep-board';

export interface KeepBoardMessage {
  type: typeof KEEP_BOARD;
  /** A `GET /api/services` answer, as JSON. */
  body: string;
}

/** One cache per release: a new release's worker fills its own and drops the others. */
export function cacheName(version: string): string {
  return `${CACHE_PREFIX}${version}`;
}

/** The worker's caches of other releases, newest last (as CacheStorage lists them). */
export function otherReleases(names: readonly string[], current: string): string[] {
  return names.filter((name) => name.startsWith(CACHE_PREFIX) && name !== current);
}

/** How the worker answers a request; null: not at all (the browser goes to the network). */
export type Route = 'page' | 'file' | 'board' | null;

export interface RequestFacts {
  method: string;
  url: string;
  /** The request's mode: `navigate` for a page being opened. */
  mode: string;
}

/**
 * Pages: network first, the cached page when the network fails. The build's hashed files:
 * cache first. The board's list: network first, the last one kept when the network fails.
 * Everything else (the socket, the rest of the API, other origins) is none of its business.
 */
export function routeOf(request: RequestFacts, origin: string): Route {
  if (request.method !== 'GET') return null;
  const url = new URL(request.url);
  if (url.origin !== origin) return null;
  if (request.mode === 'navigate') return 'page';
  if (url.pathname === BOARD_PATH && url.search === '') return 'board';
  if (url.pathname.startsWith('/assets/')) return 'file';
  return null;
}

/** The statuses a proxy in front of the server answers with while the server is away. */
const GATEWAY_FAILURES = new Set([502, 503, 504]);

/**
 * True when a page's answer says the server is not there (a proxy's 502 page, say), so the
 * cached page does better. Greenboard's own errors are JSON and are shown as they are, so
 * `/readyz` opened while the server starts still says why it is not ready.
 */
export function isGatewayFailure(status: number, contentType: string | null): boolean {
  return GATEWAY_FAILURES.has(status) && !(contentType ?? '').includes('json');
}
