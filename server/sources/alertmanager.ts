import { z } from 'zod';
import { AppError } from '../errors';
import { nonEmpty } from '../config/fields';
import { alertTrackingSchema, applyNotification, forgetSilent, newBook, type AlertBook, type TrackedAlert } from './alert-book';
import type { UnmappedAlertView as UnmappedAlert } from '../../shared/api';
import { alertServices, resumedBook } from './alert-source';
import { targetOf } from './alert-mapping';
import { summarize, toObservation } from './alert-report';
import { parseAlertNotification, type IncomingAlert } from './alertmanager-payload';
import { defineSourceType, type SourceContext } from './types';
import { webhookHandler } from './webhook-endpoint';

/** How often held alerts are read again, so silent ones turn stale and then are let go. */
const RESUMMARIZE_MS = 60_000;

const configSchema = z.strictObject({
  ...alertTrackingSchema.shape,
  type: z.literal('alertmanager'),
  /** Sent by Alertmanager as `Authorization: Bearer …`; from the environment (`${VAR}`). */
  token: nonEmpty.min(16, 'must be at least 16 characters: anyone who knows it can raise alerts'),
});

type AlertmanagerConfig = z.output<typeof configSchema> & { id: string };

/**
 * Alertmanager's (and Grafana's) webhook. Alerts may name any service by label, so the
 * source has an entry on every service of the board (and on those its rules name); until
 * the first webhook, each reads "no alerts firing".
 */
export const alertmanagerSource = defineSourceType({
  type: 'alertmanager',
  configSchema,
  services: alertServices,
  secrets: (config) => [config.token],
  address: () => ({ kind: 'webhook' }),
  start(config, context) {
    const watch = new AlertWatch(config, context);
    return {
      handle: webhookHandler({ token: config.token, receive: (body) => watch.receive(body) }, context),
      unmapped: () => watch.unmapped(),
      stop: async () => watch.stop(),
    };
  },
});

/** One Alertmanager source's running state: the alerts it holds and what it last reported. */
class AlertWatch {
  private readonly book: AlertBook;
  private readonly reported = new Map<string, string>();
  /** The service of each alert held (null: none), worked out once, as its labels never change. */
  private readonly targets = new Map<string, string | null>();
  /** The alerts held for each service, so a notification re-reads its own services' alerts only. */
  private readonly byService = new Map<string, Set<string>>();
  private readonly known: ReadonlySet<string>;
  private readonly timer: ReturnType<typeof setInterval>;
  private stopped = false;

  constructor(
    private readonly config: AlertmanagerConfig,
    private readonly context: SourceContext,
  ) {
    this.known = new Set(context.services);
    this.book = context.services.length > 0 ? resumedBook(context) : newBook();
    for (const tracked of this.book.alerts.values()) this.place(tracked.alert);
    for (const serviceId of context.services) {
      const previous = context.previous(serviceId);
      if (previous) this.reported.set(serviceId, `${previous.outcome} ${previous.message}`);
    }
    // After the start returns: a source stopped at once reports nothing.
    const reread = () => {
      for (const forgotten of forgetSilent(this.book, this.context.now(), config.staleAfter, config.forgetAfter)) this.unplace(forgotten.alert);
      this.refresh(new Set());
      this.context.unmappedChanged();
    };
    setImmediate(reread);
    this.timer = setInterval(reread, RESUMMARIZE_MS);
    this.timer.unref();
  }

  /** Applies one notification; a bad one throws (400) having changed nothing. */
  receive(body: unknown): void {
    const parsed = parseAlertNotification(body);
    if (!parsed.ok) throw new AppError('bad_request', parsed.problem, { status: 400 });
    const { ended } = applyNotification(this.book, parsed.value, this.context.now());
    // The services of the alerts it lists, and of those it ended by leaving them out of their group.
    const touched = new Set<string>();
    for (const alert of parsed.value.alerts) {
      const service = this.book.alerts.has(alert.fingerprint) ? this.place(alert) : this.unplace(alert);
      if (service) touched.add(service);
    }
    for (const { alert } of ended) {
      const service = this.unplace(alert);
      if (service) touched.add(service);
    }
    this.refresh(touched, touched);
    if (parsed.value.alerts.length > 0 || ended.length > 0) this.context.unmappedChanged();
  }

  unmapped(): UnmappedAlert[] {
    return this.summary().unmapped;
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
  }

  /** Notes the service of an alert now held; returns it. */
  private place(alert: IncomingAlert): string | null {
    let service = this.targets.get(alert.fingerprint);
    if (service === undefined) {
      service = targetOf(alert.labels, this.config, this.known).service;
      this.targets.set(alert.fingerprint, service);
      if (service !== null) {
        let held = this.byService.get(service);
        if (!held) this.byService.set(service, (held = new Set()));
        held.add(alert.fingerprint);
      }
    }
    return service;
  }

  /** Forgets the service of an alert no longer held; returns it. */
  private unplace(alert: IncomingAlert): string | null {
    const service = this.targets.get(alert.fingerprint) ?? targetOf(alert.labels, this.config, this.known).service;
    this.targets.delete(alert.fingerprint);
    if (service !== null) this.byService.get(service)?.delete(alert.fingerprint);
    return service;
  }

  /** The whole book read, or only what some services hold (each alert is described afresh, so this is the cost). */
  private summary(only?: ReadonlySet<string>) {
    const now = this.context.now();
    const options = { now, mapping: this.config, services: this.context.services, staleAfterMs: this.config.staleAfter };
    if (!only) return summarize(this.book, options);
    const alerts = new Map<string, TrackedAlert>();
    for (const service of only) for (const fingerprint of this.byService.get(service) ?? []) alerts.set(fingerprint, this.book.alerts.get(fingerprint)!);
    return summarize({ alerts, groups: new Map() }, { ...options, only });
  }

  /** Reports each service whose picture changed, and those a notification touched (their alerts were seen again). */
  private refresh(touched: ReadonlySet<string>, only?: ReadonlySet<string>): void {
    if (this.stopped) return;
    const now = this.context.now();
    for (const [serviceId, report] of this.summary(only).services) {
      const observation = toObservation(report);
      const key = `${observation.outcome} ${observation.message}`;
      if (!touched.has(serviceId) && this.reported.get(serviceId) === key) continue;
      this.reported.set(serviceId, key);
      this.context.report(serviceId, observation, now).catch((error: unknown) => {
        this.context.log.error({ err: error, serviceId }, 'could not record what the alerts say');
      });
    }
  }
}
