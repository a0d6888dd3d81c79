import { createHmac } from 'node:crypto';
import { z } from 'zod';
import { requestSecrets } from '../checks/credentials';
import { urlAccessSecrets } from '../checks/redact';
import { postPage } from './http-delivery';
import { DeliveryError, defineNotifier, type PageMessage } from './types';

const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL, such as https://hooks.example.com/greenboard' });

/** Headers Greenboard sets itself; a configured header of the same name would contradict them. */
const OWN_HEADERS = ['content-type', 'content-length', 'host', 'idempotency-key', 'x-greenboard-signature', 'x-greenboard-timestamp'];
const HEADER_NAME = /^[!#$%&'*+.^_`|~0-9A-Za-z-]+$/;

const headerValue = z
  .union([z.string(), z.number(), z.boolean()], { error: 'expected text, a number or true/false' })
  .transform(String)
  .refine((value) => !/[\r\n\0]/.test(value), 'a header value must be on one line');

const headers = z
  .record(z.string().regex(HEADER_NAME, 'not a header name: use letters, digits and "-"'), headerValue, { error: 'expected a map of header names to values' })
  .superRefine((map, ctx) => {
    for (const name of Object.keys(map))
      if (OWN_HEADERS.includes(name.toLowerCase())) ctx.addIssue({ code: 'custom', path: [name], message: `${name} is set by Greenboard itself` });
  });

const configSchema = z.strictObject({
  type: z.literal('webhook'),
  /** Where pages are POSTed, unless a route gives its own `url`. */
  url: httpUrl.optional(),
  /** Signs each body (HMAC-SHA256, `X-Greenboard-Signature`), so the receiver knows it came from here; use `${VAR}`. */
  secret: z.string({ error: 'expected text' }).min(16, 'must be at least 16 characters').optional(),
  /** More request headers, such as an `Authorization` the receiver asks for. */
  headers: headers.optional(),
});

const targetSchema = z.strictObject({
  /** This route's own receiver (a team's), instead of the notifier's `url`. */
  url: httpUrl.optional(),
});

type WebhookConfig = z.output<typeof configSchema>;
type WebhookTarget = z.output<typeof targetSchema>;

const NO_URL = 'no url to send to: give the route a url, or the notifier one';

const urlOf = (config: WebhookConfig, target: WebhookTarget) => target.url ?? config.url;

/** A receiver's URL often carries its token (in the path or the query): the whole URL is a secret, and so are its parts. */
const urlSecrets = (url: string | undefined) => (url === undefined ? [] : [url, ...urlAccessSecrets(url)]);

function secretsOf(config: WebhookConfig, target: WebhookTarget): string[] {
  return [
    ...new Set([
      ...(config.secret ? [config.secret] : []),
      ...requestSecrets({ headers: config.headers ?? {} }),
      ...urlSecrets(config.url),
      ...urlSecrets(target.url),
    ]),
  ];
}

const receiverOf = (url: string) => `webhook ${new URL(url).host}`;

/**
 * The body of every webhook page: the PageMessage's fields, in this order, as JSON.
 *
 * ```json
 * { "kind": "trigger" | "resolve", "incidentId": "…", "dedupKey": "…", "deliveryId": "…",
 *   "service": { "id": "checkout", "name": "Checkout API" }, "team": { "id", "name" } | null,
 *   "step": "primary" | "secondary" | "team",
 *   "recipient": { "kind": "person" | "team", "id", "name" },
 *   "title": "Checkout API is down", "reason": "health: expected status 200, got 503",
 *   "impacted": ["Storefront"], "openedAt": 1795000000000, "resolvedAt": null,
 *   "serviceUrl": "https://…" | null, "ackUrl": "https://…" | null, "runbookUrl": "https://…" | null }
 * ```
 *
 * Times are epoch milliseconds. A retry sends the same `deliveryId` (also in `Idempotency-Key`).
 */
export function webhookBody(message: PageMessage): string {
  const {
    kind,
    incidentId,
    dedupKey,
    deliveryId,
    service,
    team,
    step,
    recipient,
    title,
    reason,
    impacted,
    openedAt,
    resolvedAt,
    serviceUrl,
    ackUrl,
    runbookUrl,
  } = message;
  return JSON.stringify({
    kind,
    incidentId,
    dedupKey,
    deliveryId,
    service: { id: service.id, name: service.name },
    team: team ? { id: team.id, name: team.name } : null,
    step,
    recipient: { kind: recipient.kind, id: recipient.id, name: recipient.name },
    title,
    reason,
    impacted,
    openedAt,
    resolvedAt,
    serviceUrl,
    ackUrl,
    runbookUrl,
  });
}

/** `sha256=` and the HMAC-SHA256 of the body's bytes under the secret, in hex: what a receiver computes to check it. */
export function webhookSignature(secret: string, body: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

/**
 * A generic webhook: each page POSTed as JSON (see `webhookBody`) to the route's `url` or
 * the notifier's, with `Idempotency-Key: {deliveryId}`, `X-Greenboard-Timestamp` (Unix
 * seconds) and, with a `secret`, `X-Greenboard-Signature: sha256=<hex>` over the raw
 * body. The body carries the `deliveryId`, so a replayed body is recognisable as a page
 * already taken.
 */
export const webhookNotifier = defineNotifier({
  type: 'webhook',
  configSchema,
  targetSchema,
  problem: (config, target) => (urlOf(config, target) ? null : NO_URL),
  // Only the host: the path and query may hold the receiver's token.
  address: (config, target) => {
    const url = urlOf(config, target);
    return url ? receiverOf(url) : 'webhook';
  },
  secrets: secretsOf,
  async send(config, target, message, context) {
    const url = urlOf(config, target);
    if (!url) throw new DeliveryError(NO_URL, false);
    const body = webhookBody(message);
    const headers: Record<string, string> = {
      ...config.headers,
      'idempotency-key': message.deliveryId,
      'x-greenboard-timestamp': String(Math.floor(context.now() / 1_000)),
      ...(config.secret ? { 'x-greenboard-signature': webhookSignature(config.secret, body) } : {}),
    };
    await postPage(
      {
        receiver: receiverOf(url),
        url,
        headers,
        body,
        contentType: 'application/json',
        secrets: secretsOf(config, target),
      },
      context,
    );
  },
});
