import { queryOptions } from '@tanstack/react-query';
import type { IncidentsResponse, OncallLoadResponse, TransitionsResponse, UptimeResponse } from '../../shared/api';
import { getJson } from './http';
import { uptimeKeys } from './uptime';

/** A fixed stretch of time: epoch ms ends and the zone its days are counted in. */
export interface FixedPeriod {
  from: number;
  to: number;
  timeZone: string;
}

/** The most incidents one answer of `GET /api/incidents` lists (the newest); a period with more is `truncated`. */
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

/**
 * Every incident of its own open at any time in a fixed period, newest first (`GET
 * /api/incidents?from&to&own=true`): those that joined another's as its symptom are left
 * to the server, so a storm's hundreds of them never crowd the causes out of the list.
 */
export function periodIncidentsQuery(period: FixedPeriod) {
  const query = new URLSearchParams({ from: iso(period.from), to: iso(period.to), own: 'true' });
  return queryOptions({
    queryKey: ['incidents', 'period', period.from, period.to] as const,
    queryFn: ({ signal }) => getJson<IncidentsResponse>(`/api/incidents?${query}`, signal),
    staleTime: 30_000,
  });
}

/**
 * Each person's on-call load over a fixed period (`GET /api/oncall/load?from&to&tz`).
 * Under 'incidents': a page sent or an incident acknowledged, which refreshes the
 * incidents, changes the load too.
 */
export function periodOncallLoadQuery(period: FixedPeriod) {
  const query = new URLSearchParams({ from: iso(period.from), to: iso(period.to), tz: period.timeZone });
  return queryOptions({
    queryKey: ['incidents', 'oncall-load', period.from, period.to, period.timeZone] as const,
    queryFn: ({ signal }) => getJson<OncallLoadResponse>(`/api/oncall/load?${query}`, signal),
    staleTime: 30_000,
  });
}

/**
 * Every status change of the services of one team (null: all) over a fixed period
 * (`GET /api/transitions?from&to&tz&team`). The team is asked of the server, so another
 * team's flapping never crowds a team's own changes out of the capped list. Under
 * `uptimeKeys.all`, which a status change invalidates.
 */
export function periodTransitionsQuery(period: FixedPeriod, team: string | null) {
  const query = new URLSearchParams({ from: iso(period.from), to: iso(period.to), tz: period.timeZone, ...(team === null ? {} : { team }) });
  return queryOptions({
    queryKey: [...uptimeKeys.all, 'transitions', period.from, period.to, period.timeZone, team] as const,
    queryFn: ({ signal }) => getJson<TransitionsResponse>(`/api/transitions?${query}`, signal),
    staleTime: 30_000,
  });
}
