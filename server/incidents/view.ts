import type { IncidentBrief, IncidentView, PageView, TeamRef } from '../../shared/api';
import type { Incident, Page } from './model';

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export function pageView(page: Page): PageView {
  return {
    id: page.id,
    kind: page.kind,
    step: page.step,
    recipient: page.recipient,
    channel: page.channel,
    channelType: page.channelType,
    address: page.address,
    status: page.status,
    attempts: page.attempts,
    createdAt: new Date(page.createdAt).toISOString(),
    sentAt: iso(page.sentAt),
    nextAttemptAt: iso(page.nextAttemptAt),
    lastError: page.lastError,
  };
}

/** An incident as the API and the socket show it. Pure. */
export function incidentView(
  incident: Incident,
  pages: readonly Page[],
  facts: { serviceName: string; team: TeamRef | null; nextEscalationAt: number | null },
): IncidentView {
  return {
    id: incident.id,
    serviceId: incident.serviceId,
    serviceName: facts.serviceName,
    team: facts.team,
    status: incident.status,
    openedAt: new Date(incident.openedAt).toISOString(),
    acknowledged: incident.acknowledged ? { ...incident.acknowledged, at: new Date(incident.acknowledged.at).toISOString() } : null,
    resolvedAt: iso(incident.resolvedAt),
    reason: incident.reason,
    causes: incident.causes,
    impacted: incident.impacted,
    partOf: incident.partOf,
    reopened: incident.reopened,
    step: incident.step,
    nextEscalationAt: iso(facts.nextEscalationAt),
    pages: pages.map(pageView),
    timeline: incident.timeline.map((event) => ({ ...event, at: new Date(event.at).toISOString() })),
  };
}

/** The person most recently paged for an incident: the newest trigger page taken by its channel. */
export function lastPaged(pages: readonly Page[]): { name: string; at: number } | null {
  let found: Page | null = null;
  for (const page of pages) {
    if (page.kind === 'trigger' && page.status === 'sent' && page.sentAt !== null && (!found || page.sentAt >= found.sentAt!)) found = page;
  }
  return found ? { name: found.recipient.name, at: found.sentAt! } : null;
}

/** What a tile shows of an incident. Pure. */
export function incidentBrief(incident: Incident, pages: readonly Page[]): IncidentBrief {
  const paged = lastPaged(pages);
  return {
    id: incident.id,
    serviceId: incident.serviceId,
    status: incident.status,
    openedAt: new Date(incident.openedAt).toISOString(),
    paged: paged ? { name: paged.name, at: new Date(paged.at).toISOString() } : null,
    nobodyPaged: incident.step !== null && !pages.some((p) => p.kind === 'trigger'),
    acknowledged: incident.acknowledged ? { by: incident.acknowledged.by, at: new Date(incident.acknowledged.at).toISOString() } : null,
  };
}
