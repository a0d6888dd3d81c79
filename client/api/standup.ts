import { queryOptions } from '@tanstack/react-query';
import type { IncidentsResponse, UptimeResponse } from '../../shared/api';
import { getJson } from './http';
import { uptimeKeys } from './uptime';

/** A fixed stretch of time: epoch ms ends and the zone its days are counted in. */
export interface FixedPeriod {
  from: number;
  to: number;
  timeZone: string;
}

/** The most incidents one answer of `GET /api/incidents` lists (the newest); a period with more says so. */
export const INCIDENT_LIST_LIMIT = 500;

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Every service's uptime over a fixed period (`GET /api/uptime?from&to&tz`). Under
 * `uptimeKeys.all`, so a status change that invalidates uptime reaches it too; no
 * backstop refetch, since the period does not move.
 */
export function periodUptimeQuery(period: FixedPeriod) {
  const query = new URLSearchParams({ from: iso(period.from), to: iso(period.to), tz: period.timeZone });
  return queryOptions({
    queryKey: [...uptimeKeys.all, 'period', period.from, period.to, period.timeZone] as const,
    queryFn: ({ signal }) => getJson<UptimeResponse>(`/api/uptime?${query}`, signal),
    staleTime: 30_000,
  });
}

/** Every incident open at any time in a fixed period, newest first (`GET /api/incidents?from&to`). */
export function periodIncidentsQuery(period: FixedPeriod) {
  const query = new URLSearchParams({ from: iso(period.from), to: iso(period.to) });
  return queryOptions({
    queryKey: ['incidents', 'period', period.from, period.to] as const,
    queryFn: ({ signal }) => getJson<IncidentsResponse>(`/api/incidents?${query}`, signal),
    staleTime: 30_000,
  });
}
