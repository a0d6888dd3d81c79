import { downFor, headline, pageLinks, pagedAs, reasonLines, utcTime } from './page-text';
import type { PageMessage } from './types';

/** A page as a mail: its subject, and the same content as plain text and as HTML. */
export interface RenderedEmail {
  subject: string;
  text: string;
  html: string;
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text made safe for HTML, in content and in attribute values alike. */
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}

const DOWN_COLOUR = '#c62828';
const UP_COLOUR = '#2e7d32';

/** Label and value rows shown under the reason, in both bodies. */
function facts(message: PageMessage): Array<[string, string]> {
  const rows: Array<[string, string]> = [];
  if (message.kind === 'trigger' && message.impacted.length > 0) rows.push(['Also down because of it', message.impacted.join(', ')]);
  rows.push(['Team', message.team?.name ?? 'none']);
  rows.push(['Opened', utcTime(message.openedAt)]);
  if (message.resolvedAt !== null) rows.push(['Resolved', `${utcTime(message.resolvedAt)}, after ${downFor(message)}`]);
  rows.push([message.kind === 'trigger' ? 'Paged' : 'Told', pagedAs(message)]);
  return rows;
}

/** "Checkout API is down" / "Checkout API is back up": the mail's first line and its heading. */
function opening(message: PageMessage): string {
  return message.kind === 'trigger' ? `${message.service.name} is down` : `${message.service.name} is back up`;
}

function plainText(message: PageMessage): string {
  const reasons = reasonLines(message);
  const lines = [
    `${opening(message)}.`,
    '',
    message.kind === 'trigger' ? 'Why:' : 'It went down on:',
    ...(reasons.length > 0 ? reasons : ['no reason given']).map((r) => `  ${r}`),
    '',
  ];
  for (const [label, value] of facts(message)) lines.push(`${label}: ${value}`);
  const links = pageLinks(message);
  if (links.length > 0) lines.push('', ...links.map((link) => `${link.label}: ${link.url}`));
  lines.push('', '-- ', `Greenboard · incident ${message.incidentId}`, '');
  return lines.join('\n');
}

function linkButton(label: string, url: string, primary: boolean): string {
  const style = primary
    ? `background:${DOWN_COLOUR};color:#ffffff;border:1px solid ${DOWN_COLOUR}`
    : 'background:#ffffff;color:#1a1a1a;border:1px solid #8a8a8a';
  return `<a href="${escapeHtml(url)}" style="display:inline-block;margin:0 8px 8px 0;padding:10px 16px;border-radius:4px;text-decoration:none;font-weight:bold;${style}">${escapeHtml(label)}</a>`;
}

function html(message: PageMessage): string {
  const colour = message.kind === 'trigger' ? DOWN_COLOUR : UP_COLOUR;
  const reasons = reasonLines(message);
  const reasonItems = (reasons.length > 0 ? reasons : ['no reason given']).map((r) => `<li>${escapeHtml(r)}</li>`).join('');
  const rows = facts(message)
    .map(
      ([label, value]) =>
        `<tr><th align="left" style="padding:2px 16px 2px 0;vertical-align:top">${escapeHtml(label)}</th><td style="padding:2px 0">${escapeHtml(value)}</td></tr>`,
    )
    .join('\n');
  const buttons = pageLinks(message)
    .map((link) => linkButton(link.label, link.url, link.kind === 'ack'))
    .join('');
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width">
<title>${escapeHtml(headline(message))}</title>
</head>
<body style="margin:0;padding:0;font-family:Arial,Helvetica,sans-serif;color:#1a1a1a;background:#ffffff">
<div style="max-width:640px;margin:0 auto;padding:16px">
<h1 style="margin:0 0 12px;padding:12px 16px;font-size:22px;color:#ffffff;background:${colour}">${escapeHtml(opening(message))}</h1>
<p style="margin:0 0 4px;font-weight:bold">${message.kind === 'trigger' ? 'Why' : 'It went down on'}</p>
<ul style="margin:0 0 16px;padding-left:20px">${reasonItems}</ul>
<table role="presentation" style="border-collapse:collapse;margin:0 0 16px">
${rows}
</table>
${buttons ? `<p style="margin:0 0 16px">${buttons}</p>\n` : ''}<p style="margin:0;font-size:12px;color:#5f5f5f">Greenboard · incident ${escapeHtml(message.incidentId)}</p>
</div>
</body>
</html>
`;
}

/**
 * A page as a mail. Subject "[DOWN] Checkout API — health: expected 200, got 503" or
 * "[RESOLVED] Checkout API is back up"; both bodies say why, what else is down, when it
 * opened and who is paged, with the Acknowledge, board and runbook links. Every value in
 * the HTML is escaped: a service name is text, never markup.
 */
export function renderEmail(message: PageMessage): RenderedEmail {
  return { subject: headline(message), text: plainText(message), html: html(message) };
}
