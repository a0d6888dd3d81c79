import type { TeamRef } from '../../shared/api';
import type { ServiceConfig } from '../config/schema';
import type { Incident, Page } from '../incidents/model';
import type { PageMessage } from './types';

/** What one page is made from. */
export interface PageInput {
  incident: Incident;
  /** The page being sent: its kind, step, recipient and id. */
  page: Page;
  service: ServiceConfig;
  team: TeamRef | null;
  /** A service's name by its id, for the services this incident impacts. */
  serviceName: (id: string) => string;
  /** `paging.boardUrl`; without it a page carries no link to the board. */
  boardUrl: string | undefined;
  /** The signed acknowledge link for this recipient, or null. Only a trigger carries it. */
  ackUrl: string | null;
}

/** The value when it is an absolute http(s) URL; a `javascript:` or `file:` link never goes into a page. */
function httpUrl(value: string | undefined): string | null {
  if (value === undefined) return null;
  try {
    const url = new URL(value);
    return url.protocol === 'http:' || url.protocol === 'https:' ? url.href : null;
  } catch {
    return null;
  }
}

/** Why the incident opened, one line: each failing check's or source's own line, "health: expected status 200, got 503; am: HighErrorRate firing". */
function reasonOf(incident: Incident): string {
  if (incident.causes.length === 0) return incident.reason;
  return incident.causes.map((cause) => `${cause.checkId}: ${cause.message}`).join('; ');
}

/**
 * What a page says, whatever the channel: "Checkout API is down" with why, what else it
 * takes down and where to look, or "Checkout API is back up". A reopened incident pages
 * nobody, so no title says so. Pure.
 */
export function composePage(input: PageInput): PageMessage {
  const { incident, page, service, team, boardUrl } = input;
  const trigger = page.kind === 'trigger';
  return {
    kind: page.kind,
    incidentId: incident.id,
    dedupKey: `greenboard-${incident.id}`,
    deliveryId: page.id,
    service: { id: service.id, name: service.name },
    team,
    step: page.step,
    recipient: { kind: page.recipient.kind, id: page.recipient.id, name: page.recipient.name },
    title: trigger ? `${service.name} is down` : `${service.name} is back up`,
    reason: reasonOf(incident),
    impacted: incident.impacted.map((id) => input.serviceName(id)),
    openedAt: incident.openedAt,
    resolvedAt: incident.resolvedAt,
    serviceUrl: boardUrl === undefined ? null : `${boardUrl.replace(/\/+$/, '')}/services/${encodeURIComponent(service.id)}`,
    ackUrl: trigger ? input.ackUrl : null,
    runbookUrl: httpUrl(service.links.runbook),
  };
}
