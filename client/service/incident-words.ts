import type { EscalationStep, IncidentAck, IncidentStatus, IncidentView, PageView } from '../../shared/api';
import type { Status } from '../../shared/status';
import { ApiError } from '../api/http';
import { formatFromNow, formatWhen } from './format';

/** An incident's status in a word, and the board colour it is drawn in. */
export const INCIDENT_STATUS: Record<IncidentStatus, { word: string; tone: Status }> = {
  open: { word: 'Open', tone: 'down' },
  acknowledged: { word: 'Acknowledged', tone: 'degraded' },
  resolved: { word: 'Resolved', tone: 'up' },
};

/** Who an escalation step pages. */
export const STEP_WORDS: Record<EscalationStep, string> = {
  primary: 'the primary on-call',
  secondary: 'the secondary on-call',
  team: 'the whole team',
};

/** A page's delivery in a word, and the board colour it is drawn in: a failed page looks like a problem. */
export const PAGE_STATUS: Record<PageView['status'], { word: string; tone: Status }> = {
  pending: { word: 'Pending', tone: 'unknown' },
  retrying: { word: 'Retrying', tone: 'degraded' },
  sent: { word: 'Sent', tone: 'up' },
  failed: { word: 'Failed', tone: 'down' },
};

const VIA_WORDS: Record<IncidentAck['via'], string> = { link: 'the link in a page', api: 'the API' };

/** "Alice Liddell, via the link in a page". */
export function ackWho(ack: IncidentAck): string {
  return `${ack.by}, via ${VIA_WORDS[ack.via]}`;
}

const STEP_ORDER: readonly EscalationStep[] = ['primary', 'secondary', 'team'];

/**
 * How far escalation has gone and what comes next: "Paged the primary on-call · next step
 * at 14:10:00 unless acknowledged (in 4m)". A step reached with nobody to page (no team,
 * nobody on call) says so rather than claim a page went out. Nothing comes next once
 * someone has it. Pure.
 */
export function escalationText(incident: Pick<IncidentView, 'step' | 'nextEscalationAt' | 'status' | 'pages'>, now: number): string {
  const { step, nextEscalationAt, status } = incident;
  const pagedSteps = new Set(incident.pages.filter((p) => p.kind === 'trigger').map((p) => p.step));
  const lastPaged = STEP_ORDER.filter((s) => pagedSteps.has(s)).at(-1);
  let done: string;
  if (step === null) done = 'Nobody paged yet';
  else if (pagedSteps.has(step)) done = `Paged ${STEP_WORDS[step]}`;
  else if (lastPaged) done = `Paged ${STEP_WORDS[lastPaged]}; nobody to page at ${STEP_WORDS[step]}`;
  else done = `Nobody paged: nobody to page up to ${STEP_WORDS[step]}`;
  const next = nextEscalationAt === null ? NaN : Date.parse(nextEscalationAt);
  if (status !== 'open' || !Number.isFinite(next)) return done;
  return `${done} · next step at ${formatWhen(next, now)} unless acknowledged (${formatFromNow(next, now)})`;
}

/** What the pages list says when it is empty: a page may still come, or none ever will, and why. Pure. */
export function noPagesText(incident: Pick<IncidentView, 'step' | 'nextEscalationAt' | 'status'>): string {
  if (incident.status === 'open' && (incident.step === null || incident.nextEscalationAt !== null)) return 'No page sent yet.';
  return incident.step === null ? 'No page was sent.' : 'No page was sent: there was nobody to page.';
}

/** Why an acknowledgement did not go through, in words; the server's own when it gave some. */
export function ackErrorText(error: unknown): string {
  if (error instanceof ApiError) return `Not acknowledged: ${error.message}`;
  if (error instanceof TypeError) return `Not acknowledged: the server could not be reached (${error.message})`;
  return `Not acknowledged: ${error instanceof Error ? error.message : String(error)}`;
}
