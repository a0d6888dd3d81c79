import { queryOptions } from '@tanstack/react-query';
import type { ServiceUptimeResponse, UptimeResponse } from '../../shared/api';
import { getJson } from './http';

/**
 * Uptime moves slowly (a minute of a 30-day window is 0.002 %): it is asked again when a
 * service changes status (`connectLive` in live.ts, at most every few seconds) and, as a
 * backstop for the time passing, every few minutes.
 */
export const UPTIME_BACKSTOP_MS = 5 * 60_000;

/** Cache keys: every uptime answer starts with 'uptime', so one invalidation reaches all. */
export const uptimeKeys = {
  all: ['uptime'] as const,
  board: (window: string) => ['uptime', 'board', window] as const,
  service: (serviceId: string, window: string, days: boolean) => ['uptime', 'service', serviceId, window, days] as const,
};

/** Every service's uptime over a window (`GET /api/uptime?window=30d`). */
export function boardUptimeQuery(window = '30d') {
  return queryOptions({
    queryKey: uptimeKeys.board(window),
    queryFn: ({ signal }) => getJson<UptimeResponse>(`/api/uptime?window=${encodeURIComponent(window)}`, signal),
    staleTime: 30_000,
    refetchInterval: UPTIME_BACKSTOP_MS,
  });
}

/** One service's uptime over a window, with its local days when `days` (`GET /api/services/{id}/uptime`). */
export function serviceUptimeQuery(serviceId: string, window = '90d', days = true) {
  const query = new URLSearchParams({ window, ...(days ? { buckets: 'day' } : {}) });
  // The viewer's own days: a bar is the day as they lived it.
  const timeZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
  if (timeZone) query.set('tz', timeZone);
  return queryOptions({
    queryKey: uptimeKeys.service(serviceId, window, days),
    queryFn: ({ signal }) => getJson<ServiceUptimeResponse>(`/api/services/${encodeURIComponent(serviceId)}/uptime?${query}`, signal),
    staleTime: 30_000,
    refetchInterval: UPTIME_BACKSTOP_MS,
  });
}
