import type { IncidentView } from '../../shared/api';

/** Who an incident's first page was for and when it went out; null when nobody was paged. */
export interface FirstPage {
  /** The person's (or team's) name. */
  name: string;
  /** When it was handed over; when it was made, if it never was (ISO 8601). */
  at: string;
  /** False while it is still being retried, or once given up. */
  delivered: boolean;
}

/** The incident's first trigger page, by when it was made. */
export function firstPaged(incident: IncidentView): FirstPage | null {
  const triggers = incident.pages.filter((page) => page.kind === 'trigger');
  if (triggers.length === 0) return null;
  const first = triggers.reduce((a, b) => (Date.parse(b.createdAt) < Date.parse(a.createdAt) ? b : a));
  return { name: first.recipient.name, at: first.sentAt ?? first.createdAt, delivered: first.status === 'sent' };
}

/** How long it lasted: opening to resolution, or to `now` while it is still open. */
export function incidentDurationMs(incident: IncidentView, now: number): number {
  const end = incident.resolvedAt === null ? now : Date.parse(incident.resolvedAt);
  return Math.max(0, end - Date.parse(incident.openedAt));
}

/**
 * The period's incidents in the order they opened (the API lists them newest first). One
 * that joined its cause's incident (`partOf`: a dependent seen down a moment before its
 * dependency) is that outage, listed there among the impacted: one database outage is one
 * line, not hundreds.
 */
export function inOpeningOrder(incidents: readonly IncidentView[]): IncidentView[] {
  return incidents.filter((i) => i.partOf === null).sort((a, b) => Date.parse(a.openedAt) - Date.parse(b.openedAt) || a.id.localeCompare(b.id));
}
