/** Incidents and pages as rows, the same for every SQL backend. Pure. */
import { pageKey, type Incident, type Page } from '../incidents/model';

/** What an incident keeps beside the columns it is queried by: stored as JSON, so a new field needs no migration. */
type IncidentData = Omit<Incident, 'id' | 'serviceId' | 'status' | 'openedAt' | 'resolvedAt' | 'partOf'>;

/** A row of `incidents`. */
export interface IncidentRow {
  id: string;
  service_id: string;
  status: Incident['status'];
  opened_at: number;
  resolved_at: number | null;
  part_of: string | null;
  data: string;
}

/** A row of `pages`; `key` is `pageKey` of the page, unique. */
export interface PageRow {
  id: string;
  key: string;
  incident_id: string;
  kind: Page['kind'];
  step: Page['step'];
  recipient_kind: Page['recipient']['kind'];
  recipient_id: string;
  recipient_name: string;
  channel: string;
  channel_type: string;
  route: number;
  address: string;
  status: Page['status'];
  attempts: number;
  created_at: number;
  sent_at: number | null;
  next_attempt_at: number | null;
  last_error: string | null;
}

/** The columns of `pages` a page is written to, in order. */
export const PAGE_COLUMNS =
  'id, key, incident_id, kind, step, recipient_kind, recipient_id, recipient_name, channel, channel_type, route, address, status, attempts, created_at, sent_at, next_attempt_at, last_error';

/** An incident as one row: the queried fields as columns, the rest as JSON. */
export function incidentRow(incident: Incident): IncidentRow {
  const { id, serviceId, status, openedAt, resolvedAt, partOf, ...data } = incident;
  return { id, service_id: serviceId, status, opened_at: openedAt, resolved_at: resolvedAt, part_of: partOf, data: JSON.stringify(data) };
}

/** The incident a row holds. */
export function incidentFromRow(row: IncidentRow): Incident {
  const data = JSON.parse(row.data) as IncidentData;
  return { id: row.id, serviceId: row.service_id, status: row.status, openedAt: row.opened_at, resolvedAt: row.resolved_at, partOf: row.part_of, ...data };
}

/** A page as one row, with the key that keeps it unique. */
export function pageRow(page: Page): PageRow {
  return {
    id: page.id,
    key: pageKey(page),
    incident_id: page.incidentId,
    kind: page.kind,
    step: page.step,
    recipient_kind: page.recipient.kind,
    recipient_id: page.recipient.id,
    recipient_name: page.recipient.name,
    channel: page.channel,
    channel_type: page.channelType,
    route: page.route,
    address: page.address,
    status: page.status,
    attempts: page.attempts,
    created_at: page.createdAt,
    sent_at: page.sentAt,
    next_attempt_at: page.nextAttemptAt,
    last_error: page.lastError,
  };
}

/** The page a row holds. */
export function pageFromRow(row: PageRow): Page {
  return {
    id: row.id,
    incidentId: row.incident_id,
    kind: row.kind,
    step: row.step,
    recipient: { kind: row.recipient_kind, id: row.recipient_id, name: row.recipient_name },
    channel: row.channel,
    channelType: row.channel_type,
    route: row.route,
    address: row.address,
    status: row.status,
    attempts: row.attempts,
    createdAt: row.created_at,
    sentAt: row.sent_at,
    nextAttemptAt: row.next_attempt_at,
    lastError: row.last_error,
  };
}
