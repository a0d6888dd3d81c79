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

/**
 * Every alert a source believes is firing, by fingerprint. The functions here change the
 * book they are given, in place, and return it: a source with ten thousand alerts taking
 * two hundred notifications a second cannot copy its book for each.
 */
export interface AlertBook {
  /** Firing alerts by fingerprint. */
  readonly alerts: Map<string, TrackedAlert>;
  /** The fingerprints each notification group lists, so a notification reads its own group only. */
  readonly groups: Map<string, Set<string>>;
}

/** What one notification did: the book, and the alerts it ended (resolved, or left out of their group). */
export interface NotificationEffect {
  book: AlertBook;
  ended: TrackedAlert[];
}

/** Mapping options plus how long a silent alert is trusted; one schema for the alert sources' config. */
export const alertTrackingSchema = alertMappingSchema.extend({
  // Alertmanager re-sends firing alerts every repeat_interval (4h unless configured) at the next group_interval tick.
  staleAfter: duration({ min: 60_000, minText: '1m' }).prefault('5h'),
  // A stale alert shows unknown for this long from its last sighting, then is let go.
  forgetAfter: duration({ min: 60_000, minText: '1m' }).prefault('24h'),
});

export function newBook(alerts: Map<string, TrackedAlert> = new Map()): AlertBook {
  const book: AlertBook = { alerts: new Map(), groups: new Map() };
  for (const tracked of alerts.values()) put(book, tracked);
  return book;
}

function put(book: AlertBook, tracked: TrackedAlert): void {
  const { fingerprint } = tracked.alert;
  for (const group of book.alerts.get(fingerprint)?.groups ?? []) if (!tracked.groups.includes(group)) book.groups.get(group)?.delete(fingerprint);
  book.alerts.set(fingerprint, tracked);
  for (const group of tracked.groups) {
    let members = book.groups.get(group);
    if (!members) book.groups.set(group, (members = new Set()));
    members.add(fingerprint);
  }
}

function remove(book: AlertBook, fingerprint: string): TrackedAlert | undefined {
  const tracked = book.alerts.get(fingerprint);
  if (!tracked) return undefined;
  book.alerts.delete(fingerprint);
  for (const group of tracked.groups) {
    const members = book.groups.get(group);
    members?.delete(fingerprint);
    if (members?.size === 0) book.groups.delete(group);
  }
  return tracked;
}

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
export function applyNotification(book: AlertBook, notification: AlertNotification, now: number): NotificationEffect {
  const group = notification.groupKey;
  const listed = new Set<string>();
  const ended: TrackedAlert[] = [];
  for (const alert of notification.alerts) {
    listed.add(alert.fingerprint);
    const tracked = book.alerts.get(alert.fingerprint);
    if (alert.status === 'resolved') {
      if (tracked && resolves(alert, tracked)) ended.push(remove(book, alert.fingerprint)!);
      continue;
    }
    const groups = tracked?.groups ?? [];
    put(book, {
      alert,
      origin: originOf(notification),
      groups: group === null || groups.includes(group) ? groups : [...groups, group],
      lastSeenAt: now,
    });
  }
  if (group !== null && notification.truncatedAlerts === 0) ended.push(...dropUnlisted(book, group, listed));
  return { book, ended };
}

function dropUnlisted(book: AlertBook, group: string, listed: ReadonlySet<string>): TrackedAlert[] {
  const ended: TrackedAlert[] = [];
  for (const fingerprint of [...(book.groups.get(group) ?? [])]) {
    if (listed.has(fingerprint)) continue;
    const tracked = book.alerts.get(fingerprint)!;
    const groups = tracked.groups.filter((g) => g !== group);
    // Still listed by another group (a route with `continue`): that group speaks for it.
    if (groups.length === 0) ended.push(remove(book, fingerprint)!);
    else put(book, { ...tracked, groups });
  }
  return ended;
}

/**
 * Applies a complete list of the alerts firing now, as a poll of Prometheus returns:
 * whatever the book holds that the list leaves out has stopped firing, so the new book
 * is the list alone. `_book` keeps the reducer's shape for callers that fold over polls.
 */
export function applySnapshot(_book: AlertBook, firing: readonly IncomingAlert[], origin: string, now: number): AlertBook {
  const book = newBook();
  for (const alert of firing) {
    if (alert.status !== 'firing') continue;
    put(book, { alert, origin, groups: [], lastSeenAt: now });
  }
  return book;
}

/** Lets go of alerts not heard of for `forgetAfterMs` (never sooner than they turn stale); returns them. */
export function forgetSilent(book: AlertBook, now: number, staleAfterMs: number, forgetAfterMs: number): TrackedAlert[] {
  const limit = Math.max(staleAfterMs, forgetAfterMs);
  const silent = [...book.alerts.values()].filter((tracked) => now - tracked.lastSeenAt > limit);
  for (const tracked of silent) remove(book, tracked.alert.fingerprint);
  return silent;
}

/** Whether an alert has gone unconfirmed for longer than it may. */
export function isStale(tracked: TrackedAlert, now: number, staleAfterMs: number): boolean {
  return now - tracked.lastSeenAt > staleAfterMs;
}
