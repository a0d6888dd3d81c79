import { escapeHtml, plainPage } from './plain-page';
import type { IncidentView } from '../../shared/api';

/** "1 Dec 2026, 10:48 UTC": the page has no idea of the reader's zone, so it says which it uses. */
const when = (iso: string) =>
  `${new Intl.DateTimeFormat('en-GB', { day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23', timeZone: 'UTC' }).format(new Date(iso))} UTC`;

const page = (title: string, body: string) => plainPage(title, body, 'data-ack-page');

function facts(incident: IncidentView, boardUrl: string | undefined): string {
  const link = boardUrl
    ? `<p><a href="${escapeHtml(`${boardUrl}/services/${encodeURIComponent(incident.serviceId)}`)}">Open ${escapeHtml(incident.serviceName)} on the board</a></p>`
    : '';
  return `<dl><dt>Service</dt><dd>${escapeHtml(incident.serviceName)}</dd><dt>Why</dt><dd>${escapeHtml(incident.reason)}</dd>
<dt>Down since</dt><dd>${escapeHtml(when(incident.openedAt))}</dd></dl>${link}`;
}

/**
 * What the link in a page opens: the incident and one button. Acknowledging takes that
 * second click on purpose: mail scanners and chat previews open every link they see, and
 * must not acknowledge a page nobody has read.
 */
export function ackConfirmPage(incident: IncidentView, action: string, boardUrl: string | undefined): string {
  const state =
    incident.status === 'open'
      ? `<form method="post" action="${escapeHtml(action)}"><button type="submit" data-ack-button>Acknowledge</button></form>
<p>This stops the escalation: nobody else is paged.</p>`
      : incident.status === 'acknowledged'
        ? `<p class="ok" data-ack-state="acknowledged">Already acknowledged by ${escapeHtml(incident.acknowledged!.by)}.</p>`
        : `<p class="ok" data-ack-state="resolved">Resolved: ${escapeHtml(incident.serviceName)} recovered.</p>`;
  return page(`${incident.serviceName} is down`, `<h1 class="down">${escapeHtml(incident.serviceName)} is down</h1>${facts(incident, boardUrl)}${state}`);
}

export function ackDonePage(incident: IncidentView, boardUrl: string | undefined): string {
  const by = incident.acknowledged?.by ?? 'someone';
  return page(
    'Acknowledged',
    `<h1 class="ok" data-ack-state="acknowledged">Acknowledged by ${escapeHtml(by)}</h1><p>The escalation has stopped; nobody else is paged for this incident.</p>${facts(incident, boardUrl)}`,
  );
}

/** A link that cannot act: tampered, expired, or its incident gone or over. */
export function ackRefusedPage(title: string, explanation: string): string {
  return page(title, `<h1 class="down" data-ack-state="refused">${escapeHtml(title)}</h1><p>${escapeHtml(explanation)}</p>`);
}
