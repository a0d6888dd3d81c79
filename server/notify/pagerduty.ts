import { z } from 'zod';
import { urlSecrets } from '../checks/redact';
import { postPage } from './http-delivery';
import { cut, oneLine, pageLinks, pagedAs, reasonLines, shortReason, utcTime } from './page-text';
import { defineNotifier, type PageMessage } from './types';

// Shapes from PagerDuty's Events API v2 ("Send an Alert Event", PagerDuty/developer-docs
// docs/events-API-v2): `routing_key`, `event_action`, `dedup_key` (at most 255 characters),
// `payload` with `summary` (at most 1024), `source`, `severity`, `timestamp`, `component`,
// `group`, `custom_details`, and `links` of `{ href, text }`. A resolve needs only the key
// and the dedup_key. It answers 202 `{ status: "success", dedup_key }`; 400 for an invalid
// event (not to be retried), 429 and 5xx to be retried later.

const SUMMARY_MAX = 1_024;

const configSchema = z.strictObject({
  type: z.literal('pagerduty'),
  /** The Events API endpoint; another for PagerDuty's EU service region (https://events.eu.pagerduty.com/v2/enqueue). */
  url: z
    .url({ protocol: /^https?$/, error: 'expected an http(s) URL, such as https://events.pagerduty.com/v2/enqueue' })
    .default('https://events.pagerduty.com/v2/enqueue'),
});

const targetSchema = z.strictObject({
  /** The integration key of an "Events API v2" integration on the PagerDuty service to page; a secret: give it as `${VAR}`. */
  routingKey: z
    .string({ error: 'expected the integration key of an Events API v2 integration' })
    .regex(/^[A-Za-z0-9]{32}$/, 'expected the 32-character integration key of an Events API v2 integration'),
});

/** The event for one page: a trigger with the whole story, or a resolve of the same `dedup_key`. */
export function pagerdutyEvent(message: PageMessage, routingKey: string): Record<string, unknown> {
  if (message.kind === 'resolve') return { routing_key: routingKey, event_action: 'resolve', dedup_key: message.dedupKey };
  // Acknowledging is done in PagerDuty itself, which pages by its own escalation from here.
  const links = pageLinks(message).filter((link) => link.kind !== 'ack');
  const board = links.find((link) => link.kind === 'board');
  return {
    routing_key: routingKey,
    event_action: 'trigger',
    dedup_key: message.dedupKey,
    payload: {
      summary: cut(oneLine(`${message.title}: ${shortReason(message)}`), SUMMARY_MAX),
      source: 'greenboard',
      severity: 'critical',
      timestamp: new Date(message.openedAt).toISOString(),
      component: message.service.id,
      ...(message.team ? { group: message.team.id } : {}),
      custom_details: {
        service: message.service.name,
        team: message.team?.name ?? null,
        reason: reasonLines(message),
        impacted: message.impacted,
        opened_at: utcTime(message.openedAt),
        paged: pagedAs(message),
        incident: message.incidentId,
      },
    },
    ...(board ? { client: 'Greenboard', client_url: board.url } : {}),
    links: links.map((link) => ({ href: link.url, text: link.label })),
  };
}

/** PagerDuty explains a refusal in `message` and `errors`: "Event object is invalid: 'routing_key' is invalid". */
function pagerdutyReason(answer: string): string | undefined {
  const parsed = JSON.parse(answer) as { message?: unknown; errors?: unknown };
  const errors = Array.isArray(parsed.errors) ? parsed.errors.filter((e): e is string => typeof e === 'string') : [];
  const message = typeof parsed.message === 'string' ? parsed.message : undefined;
  return [message, errors.join('; ')].filter(Boolean).join(': ') || answer;
}

const secretsOf = (config: z.output<typeof configSchema>, target: z.output<typeof targetSchema>) => [target.routingKey, ...urlSecrets(config.url)];

/**
 * PagerDuty, by its Events API v2: a trigger opens (or adds to) an alert on the service of
 * the route's `routingKey`, keyed by the incident's `dedupKey`, so the resolve closes it.
 * PagerDuty then pages by its own escalation policy.
 */
export const pagerdutyNotifier = defineNotifier({
  type: 'pagerduty',
  configSchema,
  targetSchema,
  problem: () => null,
  address: () => 'PagerDuty',
  secrets: secretsOf,
  async send(config, target, message, context) {
    await postPage(
      {
        receiver: 'PagerDuty',
        url: config.url,
        headers: { accept: 'application/json' },
        body: JSON.stringify(pagerdutyEvent(message, target.routingKey)),
        contentType: 'application/json',
        secrets: secretsOf(config, target),
        reasonIn: pagerdutyReason,
      },
      context,
    );
  },
});
