/*
 * The service worker: a screen that starts while the server is away (a TV after a power
 * cut often boots first) still opens Greenboard, which waits for the server and connects
 * by itself, instead of the browser's error page. Built on its own by vite.config.ts,
 * which fills in the release and its files, and served at /sw.js.
 */
import { BOARD_PATH, KEEP_BOARD, SHELL_PATH, cacheName, isGatewayFailure, otherReleases, routeOf, type KeepBoardMessage } from './offline/sw-policy';

declare const __GREENBOARD_RELEASE__: string;
declare const __GREENBOARD_SHELL__: string[];

// The parts of the worker's global scope used here (the project's types are the page's).
interface ExtendableEvent extends Event {
  waitUntil(promise: Promise<unknown>): void;
}
interface FetchEvent extends ExtendableEvent {
  readonly request: Request;
  respondWith(response: Promise<Response>): void;
}
interface MessageFromPage extends ExtendableEvent {
  readonly data: unknown;
}
interface WorkerScope {
  addEventListener(type: 'install' | 'activate', listener: (event: ExtendableEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: FetchEvent) => void): void;
  addEventListener(type: 'message', listener: (event: MessageFromPage) => void): void;
  skipWaiting(): Promise<void>;
  readonly clients: { claim(): Promise<void> };
  readonly location: { origin: string };
}
const worker = globalThis as unknown as WorkerScope;

const CACHE = cacheName(__GREENBOARD_RELEASE__);

// Once a newer release's worker has dropped this release's cache, this worker (still
// answering a page until the new one takes it) must not make it again: `caches.open`
// would. So reads never open a cache, and writes go only to one that is still there.
const store = async (key: string | Request, response: Response) => {
  if (await caches.has(CACHE)) await (await caches.open(CACHE)).put(key, response);
};
const keep = (board: Response) => store(BOARD_PATH, board);
const cached = (path: string | Request) => caches.match(path, { cacheName: CACHE });

// Install: the page and the files the wall opens with, so the board opens with no server
// at all. Taking over at once: a TV never closes its tab, so it would never wait its turn.
worker.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // The page is asked past the HTTP cache; the hashed files may come from it.
      await cache.addAll(__GREENBOARD_SHELL__.map((path) => new Request(path, { cache: path === SHELL_PATH ? 'no-cache' : 'default' })));
      await worker.skipWaiting();
    })(),
  );
});

// Activate: other releases' caches go, but the last board known moves to this one first.
worker.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      const others = otherReleases(await caches.keys(), CACHE);
      const cache = await caches.open(CACHE);
      if (!(await cache.match(BOARD_PATH))) {
        for (const name of [...others].reverse()) {
          const board = await (await caches.open(name)).match(BOARD_PATH);
          if (board) {
            await cache.put(BOARD_PATH, board);
            break;
          }
        }
      }
      await Promise.all(others.map((name) => caches.delete(name)));
      await worker.clients.claim();
    })(),
  );
});

worker.addEventListener('fetch', (event) => {
  const route = routeOf(event.request, worker.location.origin);
  if (route === 'page') event.respondWith(page(event.request));
  else if (route === 'file') event.respondWith(file(event));
  else if (route === 'board') event.respondWith(board(event));
});

// A page sends the board it shows now and then, so the one kept is never older than a few minutes.
worker.addEventListener('message', (event) => {
  const message = event.data as Partial<KeepBoardMessage> | null;
  if (message?.type !== KEEP_BOARD || typeof message.body !== 'string') return;
  event.waitUntil(keep(new Response(message.body, { headers: { 'content-type': 'application/json; charset=utf-8' } })));
});

async function page(request: Request): Promise<Response> {
  try {
    const response = await fetch(request);
    if (!isGatewayFailure(response.status, response.headers.get('content-type'))) return response;
    return (await cached(SHELL_PATH)) ?? response;
  } catch (error) {
    const shell = await cached(SHELL_PATH);
    if (shell) return shell;
    throw error;
  }
}

// Hashed files never change: one fetched for the first time (a lazy page's) is kept too.
async function file(event: FetchEvent): Promise<Response> {
  const hit = await cached(event.request);
  if (hit) return hit;
  const response = await fetch(event.request);
  if (response.ok) {
    const copy = response.clone(); // now: the page will have read the response by the time the cache opens
    event.waitUntil(store(event.request, copy));
  }
  return response;
}

async function board(event: FetchEvent): Promise<Response> {
  try {
    const response = await fetch(event.request);
    // Kept while the page already reads it; the worker stays up until it is stored.
    if (response.ok) event.waitUntil(keep(response.clone()));
    return response;
  } catch (error) {
    const kept = await cached(BOARD_PATH);
    if (kept) return kept;
    throw error;
  }
}
