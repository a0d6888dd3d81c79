import { queryOptions } from '@tanstack/react-query';
import type { HistoryResponse } from '../../shared/api';
import { getJson } from './http';

/** The spans of history a service page offers, and their length in milliseconds. */
export const HISTORY_WINDOWS = { '1h': 3_600_000, '24h': 86_400_000, '7d': 604_800_000 } as const;

export type HistoryWindow = keyof typeof HISTORY_WINDOWS;

export const DEFAULT_HISTORY_WINDOW: HistoryWindow = '24h';

/**
 * The server announces a service when its state changes, not on every result, so a
 * healthy service sends nothing; this slow refetch keeps its charts moving anyway.
 */
export const HISTORY_BACKSTOP_MS = 60_000;

/** The cache key of every window of one service's history, to invalidate them together. */
export function historyKey(serviceId: string) {
  return ['history', serviceId] as const;
}

/**
 * A service's results and status changes over the last `historyWindow`, ending when it is
 * fetched. The socket does not carry history, so the service page invalidates this
 * when the service's live state changes (see use-history-refresh), and refetches it
 * now and then in case nothing changes.
 */
export function historyQuery(serviceId: string, historyWindow: HistoryWindow, now: () => number = Date.now) {
  return queryOptions({
    queryKey: [...historyKey(serviceId), historyWindow] as const,
    queryFn: ({ signal }) => {
      const to = now();
      const params = new URLSearchParams({ from: String(to - HISTORY_WINDOWS[historyWindow]), to: String(to) });
      return getJson<HistoryResponse>(`/api/services/${encodeURIComponent(serviceId)}/history?${params}`, signal);
    },
    // Switching back to a window seen moments ago shows it without asking again.
    staleTime: 5_000,
    refetchInterval: HISTORY_BACKSTOP_MS,
    refetchOnWindowFocus: false,
  });
}
