import type { QueryClient } from '@tanstack/react-query';
import type { ConnectionStore } from '../api/connection';
import { keepLastBoard } from './keep-last-board';
import { KEEP_BOARD, type KeepBoardMessage } from './sw-policy';

/**
 * Installs the service worker (client/sw.ts, served at /sw.js) once the page has loaded,
 * and hands it the live board now and then. Production builds only: in development the
 * worker's cache would hide every change.
 */
export function startOffline({ queryClient, connection }: { queryClient: QueryClient; connection: ConnectionStore }): void {
  const container = (navigator as Partial<Navigator>).serviceWorker;
  if (!container) return; // an insecure origin (plain http on another host) or an old browser
  const keeper = keepLastBoard({
    queryClient,
    connection,
    keep(body) {
      const worker = container.controller;
      if (!worker) return false;
      worker.postMessage({ type: KEEP_BOARD, body } satisfies KeepBoardMessage);
      return true;
    },
  });
  // The first load is not the worker's until it takes over: then hand it the board at once.
  container.addEventListener('controllerchange', keeper.keepNow);
  const register = () => container.register('/sw.js').catch((error: unknown) => console.warn('the board cannot work offline:', error));
  if (document.readyState === 'complete') void register();
  else window.addEventListener('load', () => void register(), { once: true });
}
