import type { QueryClient } from '@tanstack/react-query';
import { EVENTS, type IncidentUpdatePayload } from '../../shared/events';
import { incidentKey, serviceIncidentsKey } from './incidents';

/** The part of the socket that carries incidents; tests pass a fake emitter. */
export interface IncidentSocket {
  on(event: 'connect', listener: () => void): unknown;
  on(event: 'incident:update', listener: (payload: IncidentUpdatePayload) => void): unknown;
}

/**
 * Keeps incidents on screen current: each `incident:update` replaces the cached incident
 * (keyed by its id) and marks the recent-incident lists of its service and of the
 * services it impacts out of date, so an open page refetches them. Incidents are not
 * sequenced, so after every (re)connect whatever incident is on screen is asked again.
 */
export function connectLiveIncidents({ socket, queryClient }: { socket: IncidentSocket; queryClient: QueryClient }): void {
  socket.on('connect', () => {
    void queryClient.invalidateQueries({ queryKey: ['incident'] });
    void queryClient.invalidateQueries({ queryKey: ['incidents'] });
  });
  socket.on(EVENTS.incidentUpdate, ({ incident }) => {
    queryClient.setQueryData(incidentKey(incident.id), incident);
    for (const serviceId of [incident.serviceId, ...incident.impacted]) {
      void queryClient.invalidateQueries({ queryKey: serviceIncidentsKey(serviceId) });
    }
  });
}
