import type { z } from 'zod';
import type { Contact, EscalationStep, TeamRef } from '../../shared/api';
import type { Logger } from '../log';

/** What one page says, whatever the channel: each notifier renders it its own way. */
export interface PageMessage {
  /** `trigger` asks someone to act; `resolve` says the service is back. */
  kind: 'trigger' | 'resolve';
  incidentId: string;
  /** Stable for the whole incident: PagerDuty's `dedup_key`, so its resolve closes its trigger. */
  dedupKey: string;
  /** The page's own id: sent as an idempotency key where the channel has one, so a retry is recognisable. */
  deliveryId: string;
  service: { id: string; name: string };
  team: TeamRef | null;
  step: EscalationStep;
  /** Who the page is for. */
  recipient: { kind: 'person' | 'team'; id: string; name: string };
  /** One line: "Checkout API is down" / "Checkout API is back up". */
  title: string;
  /** Why: the failing checks' lines, "health: expected status 200, got 503". */
  reason: string;
  /** Services down because of this one (names), which page nobody themselves. */
  impacted: string[];
  /** Epoch ms. */
  openedAt: number;
  resolvedAt: number | null;
  /** The service's page on the board; null when `paging.boardUrl` is not set. */
  serviceUrl: string | null;
  /** The signed one-click acknowledge link; null for a resolve or without `paging.boardUrl`. */
  ackUrl: string | null;
  /** The service's runbook link, when it has one. */
  runbookUrl: string | null;
}

/** A delivery that did not happen: why, and whether trying again may help. */
export class DeliveryError extends Error {
  constructor(
    message: string,
    /** False when the receiver said no for good (400, 404, a refused address): retrying would not help. */
    readonly retryable: boolean,
    /** How long the receiver asked us to wait (a 429's Retry-After), in ms. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'DeliveryError';
  }
}

/** What a notifier is given to send one page. */
export interface DeliveryContext {
  /** The recipient's contact details from `people:` (empty for a team). */
  contact: Contact;
  /** Aborted when the delivery takes longer than its timeout or the server stops. */
  signal: AbortSignal;
  /** The longest one attempt may take, in ms (the signal fires then too). */
  timeoutMs: number;
  log: Logger;
  now(): number;
}

/**
 * One way pages leave Greenboard (email, Slack, a webhook, …). A notifier's shared
 * settings (an SMTP server, a signing secret) sit once in `notifiers:`; each person's or
 * team's route (`notify: [{ via: <notifier id>, … }]`) adds its own target fields (an
 * address, a webhook URL, a routing key). Adding a channel is one file exporting one of
 * these plus one line in `registry.ts`.
 */
export interface NotifierType<Config extends z.ZodObject = z.ZodObject, Target extends z.ZodObject = z.ZodObject> {
  /** The `type:` value in `notifiers:`. */
  readonly type: string;
  /** The notifier's shared fields, with `type: z.literal(...)`; merged with `id`. */
  readonly configSchema: Config;
  /** A route's own fields beside `via` and `when` (strict: an unknown field is an error). */
  readonly targetSchema: Target;
  /**
   * Why a route cannot be sent to, given who it is for; null when it can. E.g. email to a
   * person without `to` and without `contact.email`. Checked when the config is loaded.
   */
  problem(config: z.output<Config>, target: z.output<Target>, contact: Contact): string | null;
  /** Where a page goes, as it may be shown on a board: "alice@example.com", "Slack", "PagerDuty" — never a secret. */
  address(config: z.output<Config>, target: z.output<Target>, contact: Contact): string;
  /** Sends one page; resolves once the receiver took it, rejects with a DeliveryError otherwise. */
  send(config: z.output<Config>, target: z.output<Target>, message: PageMessage, context: DeliveryContext): Promise<void>;
  /** Values in the config and target that must never be shown (passwords, webhook URLs, keys). */
  secrets(config: z.output<Config>, target: z.output<Target>): string[];
}

/** Gives a notifier type literal inference without widening its schemas. */
export function defineNotifier<Config extends z.ZodObject, Target extends z.ZodObject>(type: NotifierType<Config, Target>): NotifierType<Config, Target> {
  return type;
}
