import type { QueryClient } from '@tanstack/react-query';
import type { HistoryResponse } from '../../shared/api';
import { EVENTS, type CheckResultPayload } from '../../shared/events';
import { historyKey } from './history';
import { addLiveResult } from './history-cache';

/** The part of the socket that carries live results; tests pass a fake emitter. */
export interface HistorySocket {
  readonly connected: boolean;
  on(event: 'connect', listener: () => void): unknown;
  on(event: 'check:result', listener: (payload: CheckResultPayload) => void): unknown;
  emit(event: 'service:watch' | 'service:unwatch', serviceId: string): unknown;
}

/** Services whose history someone is looking at: a query of theirs has an observer. */
function observedServices(queryClient: QueryClient): Set<string> {
  const queries = queryClient.getQueryCache().findAll({ queryKey: ['history'] });
  return new Set(queries.filter((q) => q.getObserversCount() > 0).map((q) => String(q.queryKey[1])));
}

/**
 * Keeps open service pages live between refetches: while a service's history is on
 * screen the socket watches it, and each of its results is added to the cached
 * history. Which services to watch follows the query cache, so pages need no socket.
 * Returns a function that stops following the cache.
 */
export function connectLiveHistory({ socket, queryClient }: { socket: HistorySocket; queryClient: QueryClient }): () => void {
  let watched = new Set<string>();
  const sync = () => {
    const wanted = observedServices(queryClient);
    if (socket.connected) {
      for (const id of wanted) if (!watched.has(id)) socket.emit(EVENTS.serviceWatch, id);
      for (const id of watched) if (!wanted.has(id)) socket.emit(EVENTS.serviceUnwatch, id);
    }
    watched = wanted;
  };
  const unsubscribe = queryClient.getQueryCache().subscribe((event) => {
    if (event.type === 'observerAdded' || event.type === 'observerRemoved') sync();
  });
  // A new connection (or a restarted server) knows nothing of what this page watched.
  socket.on('connect', () => {
    for (const id of watched) socket.emit(EVENTS.serviceWatch, id);
  });
  socket.on(EVENTS.checkResult, ({ serviceId, result }) => {
    if (!watched.has(serviceId)) return;
    queryClient.setQueriesData<HistoryResponse>({ queryKey: historyKey(serviceId) }, (cached) => cached && addLiveResult(cached, result));
  });
  sync();
  return unsubscribe;
}
