import type { AlertDetail } from '../../shared/api';
import { newBook, type AlertBook, type TrackedAlert } from './alert-book';
import type { SourceContext } from './types';

// What every alert source (Alertmanager's webhook, Prometheus's alert list) does alike.

/** The services an alert source reports on: any alert may name any service by label, so every service of the board. */
export function alertServices(_config: unknown, board: readonly string[]): string[] {
  return [...board];
}

/** A book of alerts rebuilt from what was stored, so a restart neither forgets nor invents an alert. */
export function resumedBook(context: SourceContext): AlertBook {
  const alerts = new Map<string, TrackedAlert>();
  for (const serviceId of context.services) {
    const stored = context.previous(serviceId)?.details?.alerts;
    if (!Array.isArray(stored)) continue;
    for (const detail of stored as AlertDetail[]) {
      alerts.set(detail.fingerprint, {
        alert: {
          fingerprint: detail.fingerprint,
          status: 'firing',
          labels: detail.labels,
          annotations: detail.summary === null ? {} : { summary: detail.summary },
          startsAt: detail.startsAt === null ? null : Date.parse(detail.startsAt),
          endsAt: null,
          generatorURL: detail.generatorURL,
        },
        origin: detail.source,
        groups: [],
        lastSeenAt: Date.parse(detail.lastSeenAt),
      });
    }
  }
  return newBook(alerts);
}
