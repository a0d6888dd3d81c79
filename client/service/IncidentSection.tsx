import { useQuery } from '@tanstack/react-query';
import type { ServiceView } from '../../shared/api';
import { serviceIncidentsQuery } from '../api/incidents';
import { IncidentPanel } from './IncidentPanel';

export interface IncidentSectionProps {
  /** The service whose page this is. */
  service: ServiceView;
  /** Every service, to name the impacted ones. */
  services: readonly ServiceView[];
  /** Epoch ms, ticking. */
  now: number;
}

/**
 * The incident a service page leads with: the one it is part of now (its own, or the
 * cause's it is impacted by), else its latest of the last 30 days; nothing when it has had
 * none. Which incident is open comes live with the service itself.
 */
export function IncidentSection({ service, services, now }: IncidentSectionProps) {
  const open = service.incident ?? null;
  const recent = useQuery({ ...serviceIncidentsQuery(service.id), enabled: open === null });
  const incidentId = open?.id ?? recent.data?.incidents[0]?.id ?? null;
  if (incidentId === null) return null;
  // Keyed by incident: an acknowledgement's answer belongs to the incident it was given for.
  return <IncidentPanel key={incidentId} incidentId={incidentId} service={service} services={services} now={now} />;
}
