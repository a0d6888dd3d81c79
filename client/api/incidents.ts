import { queryOptions } from '@tanstack/react-query';
import type { IncidentsResponse, IncidentView } from '../../shared/api';
import { getJson, postJson } from './http';

/** How far back a service page looks for the latest incident when none is open. */
export const RECENT_INCIDENTS_MS = 30 * 86_400_000;

/**
 * The socket writes each incident as it changes; this slow refetch makes good an update
 * lost on the way, as the history's backstop does.
 */
export const INCIDENT_BACKSTOP_MS = 60_000;

/** The cache key of one incident, which `incident:update` writes. */
export function incidentKey(incidentId: string) {
  return ['incident', incidentId] as const;
}

/** The cache key of a service's recent incidents, invalidated when one of them changes. */
export function serviceIncidentsKey(serviceId: string) {
  return ['incidents', serviceId] as const;
}

/** One incident whole: pages, escalation, timeline (`GET /api/incidents/{id}`). */
export function incidentQuery(incidentId: string) {
  return queryOptions({
    queryKey: incidentKey(incidentId),
    queryFn: ({ signal }) => getJson<IncidentView>(`/api/incidents/${encodeURIComponent(incidentId)}`, signal),
    // Written by the socket as it changes: a page that opens it again shows it without asking.
    staleTime: 5_000,
    refetchInterval: INCIDENT_BACKSTOP_MS,
  });
}

/**
 * A service's incidents of the last 30 days, newest first. Each is also put in the cache
 * under its own key, so the panel showing one reads it from there (and the socket's
 * updates reach it) without asking for it again.
 */
export function serviceIncidentsQuery(serviceId: string, now: () => number = Date.now) {
  return queryOptions({
    queryKey: serviceIncidentsKey(serviceId),
    queryFn: async ({ client, signal }) => {
      const to = now();
      const params = new URLSearchParams({ service: serviceId, from: new Date(to - RECENT_INCIDENTS_MS).toISOString(), to: new Date(to).toISOString() });
      const response = await getJson<IncidentsResponse>(`/api/incidents?${params}`, signal);
      for (const incident of response.incidents) client.setQueryData(incidentKey(incident.id), incident);
      return response;
    },
    staleTime: 5_000,
  });
}

/** `POST /api/incidents/{id}/ack`: the incident as it is once acknowledged; a name only when one is given. */
export function acknowledgeIncident(incidentId: string, by: string): Promise<IncidentView> {
  const name = by.trim();
  return postJson<IncidentView>(`/api/incidents/${encodeURIComponent(incidentId)}/ack`, name === '' ? {} : { by: name });
}
