import { z } from 'zod';
import { AppError } from '../errors';
import { nonEmpty } from '../config/fields';
import { alertTrackingSchema, applyNotification, emptyBook, forgetSilent, type AlertBook } from './alert-book';
import type { UnmappedAlertView as UnmappedAlert } from '../../shared/api';
import { alertServices, resumedBook } from './alert-source';
import { targetOf } from './alert-mapping';
import { summarize, toObservation } from './alert-report';
import { parseAlertNotification } from './alertmanager-payload';
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
  private book: AlertBook;
  private readonly reported = new Map<string, string>();
  private readonly timer: ReturnType<typeof setInterval>;
  private stopped = false;

  constructor(
    private readonly config: AlertmanagerConfig,
    private readonly context: SourceContext,
  ) {
    this.book = context.services.length > 0 ? resumedBook(context) : emptyBook;
    for (const serviceId of context.services) {
      const previous = context.previous(serviceId);
      if (previous) this.reported.set(serviceId, `${previous.outcome} ${previous.message}`);
    }
    // After the start returns: a source stopped at once reports nothing.
    const reread = () => {
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
    const before = this.book;
    this.book = applyNotification(before, parsed.value, this.context.now());
    // The services of the alerts it lists, and of those it ended by leaving them out of their group.
    const ended = [...before.alerts.values()].filter((tracked) => !this.book.alerts.has(tracked.alert.fingerprint)).map((tracked) => tracked.alert);
    const known = new Set(this.context.services);
    const touched = new Set<string>();
    for (const alert of [...parsed.value.alerts, ...ended]) {
      const target = targetOf(alert.labels, this.config, known);
      if (target.service !== null) touched.add(target.service);
    }
    this.refresh(touched, { only: touched });
    if (parsed.value.alerts.length > 0 || ended.length > 0) this.context.unmappedChanged();
  }

  unmapped(): UnmappedAlert[] {
    return this.summary().unmapped;
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
  }

  private summary(only?: ReadonlySet<string>) {
    const { staleAfter, forgetAfter } = this.config;
    const now = this.context.now();
    this.book = forgetSilent(this.book, now, staleAfter, forgetAfter);
    return summarize(this.book, { now, mapping: this.config, services: this.context.services, staleAfterMs: staleAfter, ...(only ? { only } : {}) });
  }

  /** Reports each service whose picture changed, and those a notification touched (their alerts were seen again). */
  private refresh(touched: ReadonlySet<string>, scope: { only?: ReadonlySet<string> } = {}): void {
    if (this.stopped) return;
    const now = this.context.now();
    for (const [serviceId, report] of this.summary(scope.only).services) {
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
