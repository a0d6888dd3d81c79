import { z } from 'zod';

/** One alert as the alert sources keep it, whether it came from a webhook or from Prometheus. */
export interface IncomingAlert {
  /** Identity of the alert across notifications: Alertmanager's fingerprint, or the label set written out. */
  fingerprint: string;
  /** `firing` while the condition holds; `resolved` once the sender says it cleared. */
  status: 'firing' | 'resolved';
  /** The alert's labels (alertname, severity, service, …). */
  labels: Record<string, string>;
  /** The alert's annotations (summary, description, …). */
  annotations: Record<string, string>;
  /** When the alert started firing, epoch ms; null when the sender did not say. */
  startsAt: number | null;
  /** When it ended, epoch ms; null while it fires (Alertmanager then sends Go's zero time). */
  endsAt: number | null;
  /** Link to the rule that produced it, when the sender gives one. */
  generatorURL: string | null;
}

/** A webhook body after validation, reduced to what tracking alerts needs. */
export interface AlertNotification {
  /** Which program sent it: Alertmanager (version 4) or Grafana alerting's webhook contact point. */
  sender: 'alertmanager' | 'grafana';
  /** The sender's own address (`externalURL`), shown with each alert as where it came from. */
  externalURL: string;
  /** The notification group; every firing alert of the group is listed in each of its notifications. */
  groupKey: string | null;
  /** How many alerts the sender left out (`max_alerts`); when non-zero, the list is not the whole group. */
  truncatedAlerts: number;
  /** The alerts in this notification, firing and resolved. */
  alerts: IncomingAlert[];
}

/** The outcome of validating a body: the alerts, or one line naming the wrong field (for a 400). */
export type ParseResult<T> = { ok: true; value: T } | { ok: false; problem: string };

const RFC3339 = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(?:\.\d+)?(?:Z|[+-]\d{2}:\d{2})$/i;
// Go writes an unset time as its zero value, year 1; nothing real happened before 1970.
const UNSET_BEFORE = 0;

/** An RFC 3339 time as epoch ms; Go's zero time (an unset `endsAt`) becomes null. */
export const rfc3339 = z.string({ error: 'expected an RFC 3339 time' }).transform((text, ctx) => {
  const ms = RFC3339.test(text) ? Date.parse(text) : NaN;
  if (Number.isNaN(ms)) {
    ctx.addIssue({ code: 'custom', message: `expected an RFC 3339 time, got "${text}"` });
    return z.NEVER;
  }
  return ms < UNSET_BEFORE ? null : ms;
});

/** A label or annotation set: names to text values. */
export const labelSet = z.record(z.string(), z.string({ error: 'expected a text value' }), { error: 'expected an object of text values' });

const alertStatus = z.enum(['firing', 'resolved'], { error: 'expected "firing" or "resolved"' });

// Extra fields (Grafana's values, dashboardURL, silenceURL…) are accepted and left out.
const webhookAlert = z.object(
  {
    status: alertStatus,
    labels: labelSet,
    annotations: labelSet.default({}),
    startsAt: rfc3339.optional(),
    endsAt: rfc3339.optional(),
    generatorURL: z.string({ error: 'expected a URL' }).optional(),
    fingerprint: z.string({ error: 'expected text' }).min(1, 'must not be empty').optional(),
  },
  { error: 'expected an alert object' },
);

/** Alertmanager's webhook body (version 4), and Grafana's, which adds fields and says version 1. */
export const webhookPayloadSchema = z.object(
  {
    version: z.enum(['4', '1'], { error: 'expected "4" (Alertmanager) or "1" (Grafana alerting)' }),
    status: alertStatus,
    receiver: z.string({ error: 'expected text' }),
    alerts: z.array(webhookAlert, { error: 'expected a list of alerts' }),
    groupLabels: labelSet.default({}),
    commonLabels: labelSet.default({}),
    commonAnnotations: labelSet.default({}),
    externalURL: z.string({ error: 'expected a URL' }).default(''),
    groupKey: z.string({ error: 'expected text' }).optional(),
    truncatedAlerts: z.number({ error: 'expected a number' }).int('expected a whole number').min(0, 'must be 0 or more').default(0),
  },
  { error: "expected a JSON object: Alertmanager's webhook body (version 4)" },
);

/**
 * The label set written out in sorted order, `{alertname="X", service="y"}`: the identity
 * of an alert when its sender gives no fingerprint, as Prometheus's alert list does not.
 */
export function labelKey(labels: Record<string, string>): string {
  const pairs = Object.keys(labels)
    .sort()
    .map((name) => `${name}=${JSON.stringify(labels[name])}`);
  return `{${pairs.join(', ')}}`;
}

/** A field path as people read it: `alerts[1].labels.service`. */
function fieldPath(path: readonly PropertyKey[]): string {
  let text = '';
  for (const part of path) text += typeof part === 'number' ? `[${part}]` : `${text ? '.' : ''}${String(part)}`;
  return text || 'body';
}

/** The first problems zod found, each naming its field; a sender with a bug gets a useful 400. */
export function describeIssues(error: z.ZodError, limit = 3): string {
  const lines = error.issues.slice(0, limit).map((issue) => `${fieldPath(issue.path)}: ${issue.message}`);
  const more = error.issues.length - limit;
  return more > 0 ? `${lines.join('; ')} (and ${more} more)` : lines.join('; ');
}

/** Validates an Alertmanager or Grafana webhook body (already parsed from JSON). */
export function parseAlertNotification(body: unknown): ParseResult<AlertNotification> {
  const parsed = webhookPayloadSchema.safeParse(body);
  if (!parsed.success) return { ok: false, problem: describeIssues(parsed.error) };
  const payload = parsed.data;
  return {
    ok: true,
    value: {
      sender: payload.version === '4' ? 'alertmanager' : 'grafana',
      externalURL: payload.externalURL,
      groupKey: payload.groupKey ?? null,
      truncatedAlerts: payload.truncatedAlerts,
      alerts: payload.alerts.map((alert) => ({
        fingerprint: alert.fingerprint ?? labelKey(alert.labels),
        status: alert.status,
        labels: alert.labels,
        annotations: alert.annotations,
        startsAt: alert.startsAt ?? null,
        endsAt: alert.endsAt ?? null,
        generatorURL: alert.generatorURL ?? null,
      })),
    },
  };
}
