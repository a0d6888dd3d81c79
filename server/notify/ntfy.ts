import { z } from 'zod';
import { urlSecrets } from '../checks/redact';
import { apiUrl } from '../http/api-url';
import { postPage } from './http-delivery';
import { cut, downFor, oneLine, pageLinks, pagedAs, reasonLines, shortReason } from './page-text';
import { defineNotifier, type PageMessage } from './types';

// ntfy's "Publish as JSON" (docs.ntfy.sh/publish): a POST to the server's root with
// `topic`, `title`, `message`, `priority` (1-5), `tags`, `click` and `actions` (at most
// three, `{ action: "view", label, url }`). JSON, rather than headers, carries any text
// as it is: headers cannot hold line breaks, and non-ASCII in them needs RFC 2047.

/** A message longer than this is turned into an attachment by ntfy; a page must stay readable on the lock screen. */
const MESSAGE_MAX = 3_500;
const TITLE_MAX = 250;

const configSchema = z.strictObject({
  type: z.literal('ntfy'),
  /** The ntfy server, with its path prefix if it has one. */
  url: z.url({ protocol: /^https?$/, error: 'expected an http(s) URL, such as https://ntfy.sh' }).default('https://ntfy.sh'),
  /** An access token (`tk_…`) for a server or topic that requires one; a secret: give it as `${VAR}`. */
  token: z.string({ error: 'expected text' }).min(1, 'must not be empty').optional(),
});

const targetSchema = z.strictObject({
  /** The topic the person's phone subscribes to. */
  topic: z.string({ error: 'expected a topic name' }).regex(/^[-_A-Za-z0-9]{1,64}$/, 'a topic is 1 to 64 letters, digits, "-" or "_"'),
});

/** The message body of a page, for a phone: why, what else is down, who is paged. */
function bodyText(message: PageMessage): string {
  if (message.kind === 'resolve') {
    const after = downFor(message);
    return `${message.service.name} is back up${after ? ` after ${after}` : ''}. It went down on: ${shortReason(message)}`;
  }
  const lines = [...reasonLines(message)];
  if (message.impacted.length > 0) lines.push(`Also down because of it: ${message.impacted.join(', ')}`);
  lines.push(`Paged: ${pagedAs(message)}`);
  return lines.join('\n');
}

/** The JSON ntfy publishes: a trigger at the highest priority, a resolve at the default one. */
export function ntfyPublication(message: PageMessage, topic: string): Record<string, unknown> {
  const links = pageLinks(message);
  const board = links.find((link) => link.kind === 'board');
  return {
    topic,
    title: cut(oneLine(message.title), TITLE_MAX),
    message: cut(bodyText(message), MESSAGE_MAX),
    priority: message.kind === 'trigger' ? 5 : 3,
    tags: message.kind === 'trigger' ? ['rotating_light'] : ['white_check_mark'],
    ...(board ? { click: board.url } : {}),
    // The acknowledge link first: it is the button a phone shows most prominently.
    actions: links.map((link) => ({ action: 'view', label: link.label, url: link.url, ...(link.kind === 'ack' ? { clear: true } : {}) })),
  };
}

/** ntfy explains a refusal in `error`: "unauthorized", "topic is not valid". */
function ntfyReason(answer: string): string | undefined {
  const parsed = JSON.parse(answer) as { error?: unknown };
  return typeof parsed.error === 'string' ? parsed.error : answer;
}

const secretsOf = (config: z.output<typeof configSchema>) => [...(config.token ? [config.token] : []), ...urlSecrets(config.url)];

/**
 * ntfy (ntfy.sh or a server of one's own): a push to the phones subscribed to the route's
 * `topic`, with `Authorization: Bearer {token}` when a token is set. The notification opens
 * the service's page; its buttons acknowledge, open the board, open the runbook.
 */
export const ntfyNotifier = defineNotifier({
  type: 'ntfy',
  configSchema,
  targetSchema,
  problem: () => null,
  address: (_config, target) => `ntfy topic ${target.topic}`,
  secrets: (config) => secretsOf(config),
  async send(config, target, message, context) {
    await postPage(
      {
        receiver: 'ntfy',
        url: apiUrl(config.url, ''),
        headers: { accept: 'application/json', ...(config.token ? { authorization: `Bearer ${config.token}` } : {}) },
        body: JSON.stringify(ntfyPublication(message, target.topic)),
        contentType: 'application/json',
        secrets: secretsOf(config),
        reasonIn: ntfyReason,
      },
      context,
    );
  },
});
