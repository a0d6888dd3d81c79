import { z } from 'zod';
import { describeIssues, labelKey, labelSet, rfc3339, type IncomingAlert, type ParseResult } from './alertmanager-payload';

const listedAlert = z.object({
  labels: labelSet,
  annotations: labelSet.default({}),
  state: z.enum(['firing', 'pending', 'inactive'], { error: 'expected "firing", "pending" or "inactive"' }),
  activeAt: rfc3339.optional(),
});

// Prometheus's envelope: data on success, errorType and error otherwise.
const alertListSchema = z.discriminatedUnion(
  'status',
  [
    z.object({ status: z.literal('success'), data: z.object({ alerts: z.array(listedAlert, { error: 'expected a list of alerts' }) }) }),
    z.object({ status: z.literal('error'), errorType: z.string().default('error'), error: z.string().default('') }),
  ],
  { error: 'expected "success" or "error"' },
);

/**
 * Validates the body of Prometheus's `GET /api/v1/alerts`. The list is every alert that
 * is active right now, so a poller treats it as complete. Pending alerts have not held
 * for their `for:` yet and are left out; an error answer becomes the problem line.
 */
export function parsePrometheusAlerts(body: unknown): ParseResult<IncomingAlert[]> {
  const parsed = alertListSchema.safeParse(body);
  if (!parsed.success) return { ok: false, problem: describeIssues(parsed.error) };
  const answer = parsed.data;
  if (answer.status === 'error') return { ok: false, problem: `Prometheus answered ${answer.errorType}: ${answer.error}` };
  const firing = answer.data.alerts.filter((alert) => alert.state === 'firing');
  return {
    ok: true,
    value: firing.map((alert) => ({
      // Prometheus gives no fingerprint; the label set is what identifies an alert there.
      fingerprint: labelKey(alert.labels),
      status: 'firing',
      labels: alert.labels,
      annotations: alert.annotations,
      startsAt: alert.activeAt ?? null,
      endsAt: null,
      generatorURL: null,
    })),
  };
}
