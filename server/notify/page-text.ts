import { formatDuration } from '../../shared/duration';
import type { PageMessage } from './types';

// The words every channel shares, so a page reads the same in a mail, in Slack and on a phone.

/** The reason's lines: one per failing check or source ("health: expected status 200, got 503"). */
export function reasonLines(message: PageMessage): string[] {
  return message.reason
    .split(/\r?\n/)
    .map((line) => line.trim())
    .filter((line) => line.length > 0);
}

/** The first reason, and how many more there are: "health: expected 200, got 503 (+1 more)". */
export function shortReason(message: PageMessage): string {
  const [first, ...rest] = reasonLines(message);
  if (first === undefined) return 'no reason given';
  return rest.length > 0 ? `${first} (+${rest.length} more)` : first;
}

/** An instant as every reader reads it alike, whatever their zone: "2026-11-20 14:02 UTC". */
export function utcTime(epochMs: number): string {
  return `${new Date(epochMs).toISOString().slice(0, 16).replace('T', ' ')} UTC`;
}

/** How long the service was down, for a resolve: "12m"; null while it is not resolved. */
export function downFor(message: PageMessage): string | null {
  return message.resolvedAt === null ? null : formatDuration(message.resolvedAt - message.openedAt);
}

const STEP_WORDS: Record<PageMessage['step'], string> = {
  primary: 'primary on call',
  secondary: 'secondary on call, as the primary did not acknowledge',
  team: 'the whole team, as nobody acknowledged',
};

/** Who this page is for and why them: "Alice Liddell, primary on call for Payments". */
export function pagedAs(message: PageMessage): string {
  const team = message.team ? ` for ${message.team.name}` : '';
  if (message.recipient.kind === 'team') return `${message.recipient.name} (team channel)`;
  return `${message.recipient.name}, ${STEP_WORDS[message.step]}${team}`;
}

/** The subject line of a page: "[DOWN] Checkout API — health: expected 200, got 503" / "[RESOLVED] Checkout API is back up". */
export function headline(message: PageMessage): string {
  const line = message.kind === 'resolve' ? `[RESOLVED] ${message.service.name} is back up` : `[DOWN] ${message.service.name} — ${shortReason(message)}`;
  return oneLine(line);
}

/** The text on one line: line breaks and other control characters become spaces. */
export function oneLine(text: string): string {
  return text
    .replace(/[\p{Cc}\u2028\u2029]+/gu, ' ')
    .replace(/ {2,}/g, ' ')
    .trim();
}

/** The text cut to `max` characters, marked with "…" when cut. */
export function cut(text: string, max: number): string {
  return text.length <= max ? text : `${text.slice(0, max - 1)}…`;
}

/** The URL when it is one a reader may follow (http or https), else null: a `javascript:` runbook link is dropped. */
export function followable(url: string | null): string | null {
  if (url === null) return null;
  try {
    const { protocol } = new URL(url);
    return protocol === 'http:' || protocol === 'https:' ? url : null;
  } catch {
    return null;
  }
}

/** The links a page offers, in the order they are shown; each only when there is one to follow. */
export function pageLinks(message: PageMessage): Array<{ kind: 'ack' | 'board' | 'runbook'; label: string; url: string }> {
  const links = [
    { kind: 'ack' as const, label: 'Acknowledge', url: message.kind === 'trigger' ? followable(message.ackUrl) : null },
    { kind: 'board' as const, label: 'Open on the board', url: followable(message.serviceUrl) },
    { kind: 'runbook' as const, label: 'Runbook', url: followable(message.runbookUrl) },
  ];
  return links.filter((link): link is typeof link & { url: string } => link.url !== null);
}
