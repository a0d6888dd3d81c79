import type { EscalationStep, IncidentEvent, IncidentStatus, PageView } from '../../shared/api';

/** An incident as the server keeps it (times in epoch ms); `IncidentView` is how it is shown. */
export interface Incident {
  id: string;
  serviceId: string;
  status: IncidentStatus;
  openedAt: number;
  acknowledged: { by: string; personId: string | null; at: number; via: 'link' | 'api' } | null;
  resolvedAt: number | null;
  reason: string;
  causes: Array<{ checkId: string; type: string; origin?: 'source'; message: string; alerts?: string[] }>;
  impacted: string[];
  partOf: string | null;
  reopened: number;
  /**
   * Counted from here, not from `openedAt`, the group wait before the first page: the
   * incident's opening, or — for a service that was a symptom until its cause recovered —
   * a check interval later, giving it the time to recover too. Absent in older rows.
   */
  pageFrom?: number | null;
  /** The latest escalation step paged, and when; null before the first. */
  step: EscalationStep | null;
  stepAt: number | null;
  /** Oldest first; times as epoch ms. */
  timeline: Array<Omit<IncidentEvent, 'at'> & { at: number }>;
}

/** The state of one page's delivery. */
export type PageStatus = PageView['status'];

/**
 * One page, stored before it is sent and updated after each attempt, so a restart neither
 * drops nor repeats it. At most one page exists per (incident, kind, step, recipient,
 * channel): that is what makes sending it idempotent.
 */
export interface Page {
  id: string;
  incidentId: string;
  kind: PageView['kind'];
  step: EscalationStep;
  recipient: PageView['recipient'];
  /** The notifier's id in `notifiers:`. */
  channel: string;
  channelType: string;
  /** The route's place in its person's or team's `notify:` list, to find its target again (targets may hold secrets and are not stored). */
  route: number;
  /** Shown where it went, never a secret. */
  address: string;
  status: PageStatus;
  attempts: number;
  createdAt: number;
  sentAt: number | null;
  nextAttemptAt: number | null;
  lastError: string | null;
}

/** The unique key of a page: the same page is never created twice. */
export function pageKey(page: Pick<Page, 'incidentId' | 'kind' | 'step' | 'recipient' | 'channel' | 'route'>): string {
  return [page.incidentId, page.kind, page.step, page.recipient.kind, page.recipient.id, page.channel, page.route].join('|');
}
