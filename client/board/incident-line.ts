import type { IncidentBrief } from '../../shared/api';
import { formatAgo } from '../service/format';

/** Where an incident stands for the room: someone is being paged, was paged, or has it in hand. */
export type IncidentState = 'paging' | 'paged' | 'acknowledged' | 'unpaged';

/** The line a tile shows about its incident, and the state scripts read from `data-incident-state`. */
export interface IncidentLine {
  state: IncidentState;
  text: string;
}

/** What a brief says about who has the incident: acknowledged outranks paged, paged outranks nothing sent yet. */
export function incidentState(incident: IncidentBrief): IncidentState {
  if (incident.acknowledged) return 'acknowledged';
  if (incident.paged) return 'paged';
  return incident.nobodyPaged ? 'unpaged' : 'paging';
}

/**
 * The tile's incident line: "Paged Alice · 2m ago", "Paging…", "Nobody paged", "Acknowledged by Alice ·
 * 5m ago"; for a tile that is only a symptom, the cause's incident by the cause's name,
 * without times (the cause's own tile has them): "Orders DB incident · paged Bob". Null
 * once the incident is resolved. Pure.
 */
export function incidentLine(incident: IncidentBrief, tileServiceId: string, now: number, nameOf: (serviceId: string) => string): IncidentLine | null {
  if (incident.status === 'resolved') return null;
  const { acknowledged, paged } = incident;
  const state = incidentState(incident);
  if (incident.serviceId !== tileServiceId) {
    const what = acknowledged ? `acknowledged by ${acknowledged.by}` : paged ? `paged ${paged.name}` : state === 'unpaged' ? 'nobody paged' : 'paging…';
    return { state, text: `${nameOf(incident.serviceId)} incident · ${what}` };
  }
  // A time the server got wrong costs the line its "ago", not the name.
  const withAgo = (text: string, iso: string) => {
    const at = Date.parse(iso);
    return Number.isFinite(at) ? `${text} · ${formatAgo(at, now)}` : text;
  };
  if (acknowledged) return { state, text: withAgo(`Acknowledged by ${acknowledged.by}`, acknowledged.at) };
  if (paged) return { state, text: withAgo(`Paged ${paged.name}`, paged.at) };
  // Nobody to page is said as plainly as a page: the room must not think someone is on it.
  return { state, text: state === 'unpaged' ? 'Nobody paged' : 'Paging…' };
}
