import type { AlertDetail, UnmappedAlertView as UnmappedAlert } from '../../shared/api';
import { severity, worstStatus, type Status } from '../../shared/status';
import type { Observation, Outcome } from '../checks/types';
import { isStale, type AlertBook, type TrackedAlert } from './alert-book';
import { impactOf, targetOf, type AlertMapping } from './alert-mapping';

/** What the alerts say about one service. */
export interface ServiceAlertReport {
  /** `up` with no alert firing; otherwise the worst of its alerts. */
  status: Status;
  /** One line naming the alerts: "ServiceDown: checkout is down; ProbeFailed: HTTP probe of checkout failed". */
  message: string;
  /** The alerts behind the status, worst first. */
  alerts: AlertDetail[];
}

/** The book read against the current mapping: a report per service and the alerts that fit none. */
export interface AlertSummary {
  /** One report for each service asked about, with or without alerts. */
  services: Map<string, ServiceAlertReport>;
  /** Alerts that map to no service on the board. */
  unmapped: UnmappedAlert[];
}

/** What `summarize` needs besides the book. */
export interface SummaryOptions {
  /** The current time, epoch ms. */
  now: number;
  /** How alerts find services and how bad they are. */
  mapping: AlertMapping;
  /** The services this source reports on; alerts naming any other service are unmapped. */
  services: readonly string[];
  /** How long a firing alert is trusted without being re-sent. */
  staleAfterMs: number;
  /**
   * Only these services' reports, and no unmapped alerts: what one notification changed,
   * read without describing the thousands of other alerts a big source may hold.
   */
  only?: ReadonlySet<string>;
}

const MAX_NAMED = 3;

function clock(ms: number, now: number): string {
  const iso = new Date(ms).toISOString();
  // A time of day alone is ambiguous once it is a day old.
  return now - ms < 20 * 3_600_000 ? `${iso.slice(11, 16)} UTC` : `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

function detailOf(tracked: TrackedAlert, mapping: AlertMapping, options: SummaryOptions): AlertDetail {
  const { alert } = tracked;
  const stale = isStale(tracked, options.now, options.staleAfterMs);
  return {
    fingerprint: alert.fingerprint,
    alertname: alert.labels.alertname || '(unnamed alert)',
    summary: alert.annotations.summary || null,
    labels: alert.labels,
    state: stale ? 'stale' : 'firing',
    status: stale ? 'unknown' : impactOf(alert.labels, mapping),
    startsAt: alert.startsAt === null ? null : new Date(alert.startsAt).toISOString(),
    lastSeenAt: new Date(tracked.lastSeenAt).toISOString(),
    source: tracked.origin,
    generatorURL: alert.generatorURL,
  };
}

function describe(detail: AlertDetail, now: number): string {
  const text = detail.summary ? `${detail.alertname}: ${detail.summary}` : detail.alertname;
  if (detail.state === 'firing') return text;
  return `${text} (not re-sent since ${clock(Date.parse(detail.lastSeenAt), now)}; it may have ended unseen)`;
}

function reportOf(alerts: AlertDetail[], now: number): ServiceAlertReport {
  if (alerts.length === 0) return { status: 'up', message: 'no alerts firing', alerts };
  alerts.sort((a, b) => severity(b.status) - severity(a.status) || a.alertname.localeCompare(b.alertname));
  const named = alerts.slice(0, MAX_NAMED).map((detail) => describe(detail, now));
  const more = alerts.length - named.length;
  return {
    status: worstStatus(alerts.map((a) => a.status)),
    message: more > 0 ? `${named.join('; ')}; and ${more} more` : named.join('; '),
    alerts,
  };
}

/**
 * Reads the book as the board needs it. Mapping happens here, not on arrival, so a
 * config reload that adds a service or a rule re-sorts the alerts already held.
 */
export function summarize(book: AlertBook, options: SummaryOptions): AlertSummary {
  const known = new Set(options.services);
  const { only } = options;
  const asked = only ? options.services.filter((id) => only.has(id)) : options.services;
  const byService = new Map<string, AlertDetail[]>(asked.map((id) => [id, []]));
  const unmapped: UnmappedAlert[] = [];
  for (const tracked of book.alerts.values()) {
    const target = targetOf(tracked.alert.labels, options.mapping, known);
    if (target.service === null) {
      if (!only && !target.keepAlive) unmapped.push({ ...detailOf(tracked, options.mapping, options), reason: target.reason });
    } else byService.get(target.service)?.push(detailOf(tracked, options.mapping, options));
  }
  const services = new Map([...byService].map(([id, alerts]) => [id, reportOf(alerts, options.now)]));
  return { services, unmapped };
}

const OUTCOME: Record<Status, Outcome> = { up: 'ok', maintenance: 'ok', degraded: 'degraded', down: 'failed', unknown: 'unknown' };

/** A service's report as the observation the engine records, with the alerts as details. */
export function toObservation(report: ServiceAlertReport): Observation {
  return { outcome: OUTCOME[report.status], message: report.message, latencyMs: null, details: { alerts: report.alerts } };
}
