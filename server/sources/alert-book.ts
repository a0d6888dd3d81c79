import { duration } from '../config/fields';
import { alertMappingSchema } from './alert-mapping';
import type { AlertNotification, IncomingAlert } from './alertmanager-payload';

/** An alert believed to be firing, with what is needed to judge whether that belief is still fresh. */
export interface TrackedAlert {
  /** The alert as last received. */
  alert: IncomingAlert;
  /** Where it came from, for people: "Alertmanager http://am:9093", "Grafana …", "Prometheus …". */
  origin: string;
  /** The notification groups that listed it last; empty when the sender has no groups. */
  groups: readonly string[];
  /** When it was last received as firing, epoch ms. */
  lastSeenAt: number;
}

/** Every alert a source believes is firing, by fingerprint. A value: reducers return a new book. */
export interface AlertBook {
  /** Firing alerts by fingerprint. */
  readonly alerts: ReadonlyMap<string, TrackedAlert>;
}

/** Mapping options plus how long a silent alert is trusted; one schema for the alert sources' config. */
export const alertTrackingSchema = alertMappingSchema.extend({
  // Alertmanager re-sends firing alerts every repeat_interval (4h unless configured) at the next group_interval tick.
  staleAfter: duration({ min: 60_000, minText: '1m' }).prefault('5h'),
  // A stale alert shows unknown for this long from its last sighting, then is let go.
  forgetAfter: duration({ min: 60_000, minText: '1m' }).prefault('24h'),
});

export const emptyBook: AlertBook = { alerts: new Map() };

function originOf(notification: AlertNotification): string {
  const sender = notification.sender === 'grafana' ? 'Grafana' : 'Alertmanager';
  return notification.externalURL ? `${sender} ${notification.externalURL}` : sender;
}

/**
 * A resolution that ends before the tracked alert started belongs to an earlier firing of
 * the same alert and arrived late; it must not clear the current one.
 */
function resolves(resolved: IncomingAlert, tracked: TrackedAlert | undefined): boolean {
  const started = tracked?.alert.startsAt ?? null;
  return started === null || resolved.endsAt === null || resolved.endsAt >= started;
}

/**
 * Applies one webhook notification. Firing alerts are (re)recorded as seen now; resolved
 * ones are dropped. Each notification lists every firing alert of its group, so an alert
 * the book holds for that group but the notification leaves out has stopped firing: that
 * repairs a lost resolution. A truncated list proves nothing and removes nothing.
 */
export function applyNotification(book: AlertBook, notification: AlertNotification, now: number): AlertBook {
  const alerts = new Map(book.alerts);
  const group = notification.groupKey;
  const listed = new Set<string>();
  for (const alert of notification.alerts) {
    listed.add(alert.fingerprint);
    const tracked = alerts.get(alert.fingerprint);
    if (alert.status === 'resolved') {
      if (resolves(alert, tracked)) alerts.delete(alert.fingerprint);
      continue;
    }
    const groups = tracked?.groups ?? [];
    alerts.set(alert.fingerprint, {
      alert,
      origin: originOf(notification),
      groups: group === null || groups.includes(group) ? groups : [...groups, group],
      lastSeenAt: now,
    });
  }
  if (group !== null && notification.truncatedAlerts === 0) dropUnlisted(alerts, group, listed);
  return { alerts };
}

function dropUnlisted(alerts: Map<string, TrackedAlert>, group: string, listed: ReadonlySet<string>): void {
  for (const [fingerprint, tracked] of alerts) {
    if (listed.has(fingerprint) || !tracked.groups.includes(group)) continue;
    const groups = tracked.groups.filter((g) => g !== group);
    // Still listed by another group (a route with `continue`): that group speaks for it.
    if (groups.length === 0) alerts.delete(fingerprint);
    else alerts.set(fingerprint, { ...tracked, groups });
  }
}

/**
 * Applies a complete list of the alerts firing now, as a poll of Prometheus returns:
 * whatever the book holds that the list leaves out has stopped firing, so the new book
 * is the list alone. `_book` keeps the reducer's shape for callers that fold over polls.
 */
export function applySnapshot(_book: AlertBook, firing: readonly IncomingAlert[], origin: string, now: number): AlertBook {
  const alerts = new Map<string, TrackedAlert>();
  for (const alert of firing) {
    if (alert.status !== 'firing') continue;
    alerts.set(alert.fingerprint, { alert, origin, groups: [], lastSeenAt: now });
  }
  return { alerts };
}

/** Lets go of alerts not heard of for `forgetAfterMs` (never sooner than they turn stale). */
export function forgetSilent(book: AlertBook, now: number, staleAfterMs: number, forgetAfterMs: number): AlertBook {
  const limit = Math.max(staleAfterMs, forgetAfterMs);
  const kept = [...book.alerts].filter(([, tracked]) => now - tracked.lastSeenAt <= limit);
  return kept.length === book.alerts.size ? book : { alerts: new Map(kept) };
}

/** Whether an alert has gone unconfirmed for longer than it may. */
export function isStale(tracked: TrackedAlert, now: number, staleAfterMs: number): boolean {
  return now - tracked.lastSeenAt > staleAfterMs;
}
