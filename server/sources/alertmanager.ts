import express, { type Request, type Response } from 'express';
import { z } from 'zod';
import { AppError } from '../errors';
import { nonEmpty } from '../config/fields';
import { jsonBody } from '../http/body-limit';
import { alertTrackingSchema, applyNotification, emptyBook, forgetSilent, type AlertBook } from './alert-book';
import type { UnmappedAlertView as UnmappedAlert } from '../../shared/api';
import { alertServices, resumedBook, routeUnmapped } from './alert-source';
import { summarize, toObservation } from './alert-report';
import { parseAlertNotification } from './alertmanager-payload';
import { sameToken } from './push';
import { defineSourceType, type SourceContext } from './types';

/** Alertmanager caps nothing; a group of thousands of alerts still fits well under this. */
const BODY_LIMIT = 1024 * 1024;
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
  start(config, context) {
    const watch = new AlertWatch(config, context);
    const router = express.Router();
    router.post(
      `/sources/:id/webhook`,
      (req, _res, next) => (req.params.id === config.id ? next() : next('route')),
      jsonBody(BODY_LIMIT),
      (req, res) => watch.receive(req, res),
    );
    routeUnmapped(router, () => watch.unmapped());
    return { router, stop: async () => watch.stop() };
  },
});

/** Checks the bearer token before the body is read, so a stranger cannot make the server read a megabyte. */
function authorized(req: Request, token: string): boolean {
  const header = req.headers.authorization ?? '';
  const match = /^Bearer\s+(.+)$/i.exec(header);
  return match !== null && sameToken(match[1]!.trim(), token);
}

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
    setImmediate(() => this.refresh(new Set()));
    this.timer = setInterval(() => this.refresh(new Set()), RESUMMARIZE_MS);
    this.timer.unref();
  }

  receive(req: Request, res: Response): void {
    if (!authorized(req, this.config.token)) {
      this.context.failed('wrong or missing token');
      throw new AppError('unauthorized', 'wrong or missing bearer token', { status: 401 });
    }
    const parsed = parseAlertNotification(req.body);
    if (!parsed.ok) {
      this.context.failed(`bad payload: ${parsed.problem}`);
      throw new AppError('bad_request', parsed.problem, { status: 400 });
    }
    this.context.received();
    const before = this.servicesOfAlerts();
    this.book = applyNotification(this.book, parsed.value, this.context.now());
    const touched = new Set([...before, ...this.servicesOfAlerts()]);
    this.refresh(touched);
    res.status(202).json({ accepted: true });
  }

  unmapped(): UnmappedAlert[] {
    return this.summary().unmapped;
  }

  stop(): void {
    this.stopped = true;
    clearInterval(this.timer);
  }

  private summary() {
    const { staleAfter, forgetAfter } = this.config;
    this.book = forgetSilent(this.book, this.context.now(), staleAfter, forgetAfter);
    return summarize(this.book, { now: this.context.now(), mapping: this.config, services: this.context.services, staleAfterMs: staleAfter });
  }

  private servicesOfAlerts(): Set<string> {
    const summary = this.summary();
    return new Set([...summary.services].filter(([, report]) => report.alerts.length > 0).map(([id]) => id));
  }

  /** Reports each service whose picture changed, and those a notification touched (their alerts were seen again). */
  private refresh(touched: ReadonlySet<string>): void {
    if (this.stopped) return;
    const now = this.context.now();
    for (const [serviceId, report] of this.summary().services) {
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
