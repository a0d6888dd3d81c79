import { z } from 'zod';
import { urlAccessSecrets } from '../checks/redact';
import type { Contact } from '../../shared/api';
import { postPage } from './http-delivery';
import { oneLine } from './page-text';
import { slackMessage } from './slack-message';
import { defineNotifier } from './types';

const configSchema = z.strictObject({
  type: z.literal('slack'),
  /** The name the message is posted under, where the webhook allows it. */
  username: z.string({ error: 'expected text' }).min(1, 'must not be empty').max(80, 'must be at most 80 characters').optional(),
});

const targetSchema = z.strictObject({
  /** The incoming webhook's URL (https://hooks.slack.com/services/…): it alone lets anyone post, so give it as `${VAR}`. */
  url: z.url({ protocol: /^https?$/, error: 'expected the incoming webhook URL, such as https://hooks.slack.com/services/T000/B000/XXXX' }),
  /** Who to notify in the channel: `here`, `<!channel>`, a member id `U024BE7LH`, a group `S0614TZR7`; default the person's `contact.slack`. */
  mention: z
    .string({ error: 'expected a mention such as "here" or a member id "U024BE7LH"' })
    .min(1, 'must not be empty')
    .max(200, 'must be at most 200 characters')
    .refine((text) => !/[\r\n]/.test(text), 'must be on one line')
    .optional(),
});

type SlackTarget = z.output<typeof targetSchema>;

/** The route's mention, else the person's Slack handle (a team's context has none). */
const mentionOf = (target: SlackTarget, contact: Contact) => target.mention ?? contact.slack ?? null;

/** The webhook URL is the credential; its token segment alone is masked too. */
const secretsOf = (target: SlackTarget) => [...new Set([target.url, ...urlAccessSecrets(target.url)])];

/** Slack's errors name themselves in the answer's text ("no_service", "invalid_payload"). */
const slackReason = (answer: string) => answer.trim().split(/\s/)[0];

/**
 * Slack, by an incoming webhook (`url` on each route, a secret): a Block Kit message (see
 * `slackMessage`). Slack answers `200 ok`; a 4xx such as `invalid_payload`, `no_service`
 * or `channel_is_archived` is for good, a 429 says when to retry, a 5xx may pass.
 */
export const slackNotifier = defineNotifier({
  type: 'slack',
  configSchema,
  targetSchema,
  problem: () => null,
  address: (_config, target, contact) => {
    const mention = mentionOf(target, contact);
    return mention ? `Slack (${oneLine(mention)})` : 'Slack';
  },
  secrets: (_config, target) => secretsOf(target),
  async send(config, target, message, context) {
    const body = slackMessage(message, { mention: mentionOf(target, context.contact), username: config.username });
    await postPage(
      {
        receiver: 'Slack',
        url: target.url,
        headers: {},
        body: JSON.stringify(body),
        contentType: 'application/json; charset=utf-8',
        secrets: secretsOf(target),
        reasonIn: slackReason,
      },
      context,
    );
  },
});
