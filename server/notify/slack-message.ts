import { cut, downFor, oneLine, pageLinks, pagedAs, reasonLines, shortReason, utcTime } from './page-text';
import type { PageMessage } from './types';

// Limits from Slack's Block Kit reference: beyond them Slack refuses the whole message
// (`invalid_blocks`), so every text is cut to fit rather than lose the page.
const HEADER_MAX = 150;
const SECTION_MAX = 3_000;
const FIELD_MAX = 2_000;
const FALLBACK_MAX = 3_000;
/** Slack's green, for a service back up: a resolve must not look like another alarm. */
const RESOLVED_COLOUR = '#2eb67d';

/** The three characters Slack reads as markup (links, mentions); everything else is shown as written. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/**
 * A mention as Slack writes it: `here`/`@channel` → `<!here>`/`<!channel>`, a member id
 * (`U024BE7LH`) → `<@U024BE7LH>`, a user group id (`S0614TZR7`) → `<!subteam^S0614TZR7>`;
 * Slack's own forms as they are. Anything else (`@alice`) is shown as written: Slack
 * only notifies for ids.
 */
export function slackMention(raw: string): string {
  const text = oneLine(raw);
  if (/^<[@!#][^<>\s]+>$/.test(text)) return text;
  const special = /^@?(here|channel|everyone)$/i.exec(text);
  if (special) return `<!${special[1]!.toLowerCase()}>`;
  if (/^[UW][A-Z0-9]{6,}$/.test(text)) return `<@${text}>`;
  if (/^S[A-Z0-9]{6,}$/.test(text)) return `<!subteam^${text}>`;
  return escapeMrkdwn(text);
}

/** An instant shown in each reader's own time zone, with UTC as the fallback text. */
function slackDate(epochMs: number): string {
  return `<!date^${Math.floor(epochMs / 1_000)}^{date_short_pretty} at {time}|${utcTime(epochMs)}>`;
}

const plain = (text: string, max: number) => ({ type: 'plain_text', text: cut(oneLine(text), max), emoji: true });
const mrkdwn = (text: string, max: number) => ({ type: 'mrkdwn', text: cut(text, max) });

function buttons(message: PageMessage) {
  const links = pageLinks(message);
  if (links.length === 0) return [];
  const elements = links.map((link) => ({
    type: 'button',
    text: plain(link.label, 75),
    url: link.url,
    action_id: link.kind,
    ...(link.kind === 'ack' ? { style: 'primary' } : {}),
  }));
  return [{ type: 'actions', elements }];
}

function triggerMessage(message: PageMessage, mention: string | null): Record<string, unknown> {
  const lead = mention ? `${mention} ` : '';
  const why = reasonLines(message).map(escapeMrkdwn).join('\n') || 'no reason given';
  const impacted =
    message.impacted.length > 0
      ? [{ type: 'section', text: mrkdwn(`*Also down because of it:* ${message.impacted.map(escapeMrkdwn).join(', ')}`, SECTION_MAX) }]
      : [];
  return {
    text: cut(`${lead}:red_circle: ${escapeMrkdwn(message.title)}: ${escapeMrkdwn(shortReason(message))}`, FALLBACK_MAX),
    blocks: [
      { type: 'header', text: plain(`:red_circle: ${message.title}`, HEADER_MAX) },
      { type: 'section', text: mrkdwn(`${lead}*Why*\n${why}`, SECTION_MAX) },
      ...impacted,
      {
        type: 'section',
        fields: [
          mrkdwn(`*Team*\n${message.team ? escapeMrkdwn(message.team.name) : 'none'}`, FIELD_MAX),
          mrkdwn(`*Opened*\n${slackDate(message.openedAt)}`, FIELD_MAX),
          mrkdwn(`*Paged*\n${escapeMrkdwn(pagedAs(message))}`, FIELD_MAX),
        ],
      },
      ...buttons(message),
      { type: 'context', elements: [mrkdwn(`Greenboard · incident ${escapeMrkdwn(message.incidentId)}`, FIELD_MAX)] },
    ],
  };
}

function resolveMessage(message: PageMessage, mention: string | null): Record<string, unknown> {
  const lead = mention ? `${mention} ` : '';
  const name = escapeMrkdwn(message.service.name);
  const after = downFor(message);
  const back = `:large_green_circle: *${name} is back up*${after ? ` after ${after}` : ''}.`;
  return {
    text: cut(`${lead}:large_green_circle: ${name} is back up${after ? ` after ${after}` : ''}`, FALLBACK_MAX),
    attachments: [
      {
        color: RESOLVED_COLOUR,
        blocks: [
          { type: 'section', text: mrkdwn(`${lead}${back}\nDown since ${slackDate(message.openedAt)}: ${escapeMrkdwn(shortReason(message))}`, SECTION_MAX) },
          ...buttons(message),
        ],
      },
    ],
  };
}

/**
 * A page as a Slack incoming-webhook message. A trigger: a header with the title, the
 * reason, the services down because of it, fields for the team, when it opened (in each
 * reader's own time) and who is paged, then buttons "Acknowledge", "Open on the board"
 * and "Runbook" (each when there is a link), and `text` as the notification's fallback.
 * A resolve: one short line on a green bar. `mention` is put first, so it notifies.
 */
export function slackMessage(message: PageMessage, options: { mention: string | null; username?: string | undefined }): Record<string, unknown> {
  const mention = options.mention === null ? null : slackMention(options.mention);
  const body = message.kind === 'resolve' ? resolveMessage(message, mention) : triggerMessage(message, mention);
  return options.username ? { username: options.username, ...body } : body;
}
