import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ROOT } from './child';

/** The parts of an Alertmanager (version 4) webhook body the benchmarks vary. */
interface WebhookBody {
  status: 'firing' | 'resolved';
  alerts: Array<{
    status: 'firing' | 'resolved';
    labels: Record<string, string>;
    annotations: Record<string, string>;
    endsAt: string;
    fingerprint: string;
    [field: string]: unknown;
  }>;
  groupLabels: Record<string, string>;
  commonLabels: Record<string, string>;
  groupKey: string;
  [field: string]: unknown;
}

// A body Alertmanager 0.25 really sent: every webhook the benchmarks send keeps its shape.
const captured = JSON.parse(readFileSync(join(ROOT, 'test/fixtures/alertmanager/webhook-firing.json'), 'utf8')) as WebhookBody;
const template = captured.alerts[0]!;
const NOT_ENDED = '0001-01-01T00:00:00Z';

/** Fingerprints are 16 hex digits in Alertmanager; these are unique per (service, index). */
const fingerprintOf = (service: string, index: number) => createHash('sha256').update(`${service}/${index}`).digest('hex').slice(0, 16);

/**
 * One notification for the group of `service`, as Alertmanager sends it: `count` alerts
 * (`ProbeFailed`, `ServiceDown`, … numbered), each firing unless its index is in
 * `resolved`. Grouped by service, so the group key names the service.
 */
export function webhookBody(service: string, count: number, options: { resolved?: ReadonlySet<number>; severity?: string } = {}): string {
  const now = new Date().toISOString();
  const alerts = Array.from({ length: count }, (_, i) => {
    const resolved = options.resolved?.has(i) ?? false;
    return {
      ...template,
      status: resolved ? ('resolved' as const) : ('firing' as const),
      labels: {
        ...template.labels,
        alertname: `${template.labels.alertname}${i}`,
        service,
        severity: options.severity ?? 'critical',
        instance: `10.0.${i >> 8}.${i & 255}:9100`,
      },
      annotations: { ...template.annotations, summary: `probe ${i} of ${service} failed` },
      endsAt: resolved ? now : NOT_ENDED,
      fingerprint: fingerprintOf(service, i),
    };
  });
  const body: WebhookBody = {
    ...captured,
    status: alerts.some((a) => a.status === 'firing') ? 'firing' : 'resolved',
    alerts,
    groupLabels: { service },
    commonLabels: { service, severity: options.severity ?? 'critical' },
    groupKey: `{}:{service="${service}"}`,
  };
  return JSON.stringify(body);
}
