import { useQueryClient } from '@tanstack/react-query';
import { useEffect, useRef } from 'react';
import type { ServiceView } from '../../shared/api';
import { historyKey } from '../api/history';

/** History is fetched again at most this often, however fast the live state changes. */
export const HISTORY_REFRESH_MS = 5_000;

/** What, when it changes, means the service has new history: its status or a new result. */
export function liveSignature(service: ServiceView): string {
  return [service.status, ...service.checks.map((c) => `${c.id}@${c.lastCheckedAt ?? ''}:${c.status}`)].join('|');
}

/**
 * Refetches the service's history when its live state changes: at once if the last
 * refetch is `minGapMs` old, else when it will be, so a burst costs one request and
 * the last change is never missed.
 */
export function useHistoryRefresh(service: ServiceView, minGapMs = HISTORY_REFRESH_MS): void {
  const queryClient = useQueryClient();
  const signature = liveSignature(service);
  const seen = useRef(signature); // the query fetched for this one as the page opened
  const lastRefreshAt = useRef(Date.now());
  useEffect(() => {
    if (seen.current === signature) return;
    const timer = setTimeout(
      () => {
        seen.current = signature;
        lastRefreshAt.current = Date.now();
        void queryClient.invalidateQueries({ queryKey: historyKey(service.id) });
      },
      Math.max(0, lastRefreshAt.current + minGapMs - Date.now()),
    );
    return () => clearTimeout(timer);
  }, [signature, service.id, minGapMs, queryClient]);
}
