import { z } from 'zod';
import type { UnmappedAlertView as UnmappedAlert } from '../../shared/api';
import { createRedactor } from '../checks/redact';
import type { Observation } from '../checks/types';
import { duration } from '../config/fields';
import { problemText, type PrometheusProblem } from '../prometheus/answer';
import { callPrometheus } from '../prometheus/client';
import { connectionSecrets, connectionShape, describeConnection, refineOneAuth } from '../prometheus/connection';
import { applySnapshot, newBook, type AlertBook } from './alert-book';
import { alertMappingSchema } from './alert-mapping';
import { parsePrometheusAlerts } from './alert-prometheus-list';
import { summarize, toObservation } from './alert-report';
import { alertServices, resumedBook } from './alert-source';
import { clockTime } from './push-heartbeat';
import { defineSourceType, type SourceContext } from './types';

/** How long a poll may take unless the config says: this, or the interval when that is shorter. */
const DEFAULT_TIMEOUT_MS = 5_000;

const configSchema = z
  .strictObject({
    ...alertMappingSchema.shape,
    type: z.literal('prometheus'),
    ...connectionShape,
    /** How often `/api/v1/alerts` is read. */
    interval: duration({ min: 1_000, minText: '1s', max: 3_600_000, maxText: '1h' }).prefault('15s'),
    /** How long one poll may take; at most the interval, since polls never overlap. */
    timeout: duration({ min: 100, minText: '100ms', max: 3_600_000, maxText: '1h' }).optional(),
  })
  .superRefine(refineOneAuth)
  .superRefine((config, ctx) => {
    if (config.timeout !== undefined && config.timeout > config.interval) {
      ctx.addIssue({ code: 'custom', path: ['timeout'], message: 'must not be longer than interval: polls never overlap' });
    }
  });

type PrometheusSourceConfig = z.output<typeof configSchema> & { id: string };

/**
 * Prometheus's own alerts, read from `GET /api/v1/alerts` every `interval`. Each answer
 * is the complete list of what fires, so the picture is replaced, never merged; a poll
 * that fails turns every service of the source unknown, never leaves it green.
 */
export const prometheusSource = defineSourceType({
  type: 'prometheus',
  configSchema,
  services: alertServices,
  secrets: (config) => connectionSecrets(config),
  start(config, context) {
    const poll = new AlertPoll(config, context);
    return { unmapped: () => poll.unmapped(), stop: () => poll.stop() };
  },
});

/** Polls that fail in a row: since when, and why. */
interface PollFailure {
  since: number;
  problem: PrometheusProblem;
}

/** The failure stored with the last report, so that a restart keeps its "since". */
function resumedFailure(context: SourceContext): PollFailure | null {
  for (const serviceId of context.services) {
    const stored = context.previous(serviceId)?.details?.pollFailure as Partial<PollFailure> | undefined;
    if (typeof stored?.since === 'number' && typeof stored.problem?.headline === 'string') return { since: stored.since, problem: stored.problem };
  }
  return null;
}

/** One Prometheus source's running state: the alerts of the last good poll and what it last reported. */
class AlertPoll {
  private book: AlertBook;
  private failure: PollFailure | null;
  private readonly reported = new Map<string, string>();
  private readonly controller = new AbortController();
  private readonly redact: (text: string) => string;
  private readonly origin: string;
  private readonly timeoutMs: number;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private inFlight: Promise<void> | null = null;
  private stopped = false;

  constructor(
    private readonly config: PrometheusSourceConfig,
    private readonly context: SourceContext,
  ) {
    this.book = context.services.length > 0 ? resumedBook(context) : newBook();
    this.failure = resumedFailure(context);
    for (const serviceId of context.services) {
      const previous = context.previous(serviceId);
      if (previous) this.reported.set(serviceId, `${previous.outcome} ${previous.message}`);
    }
    // The health list of the source is shown to anyone: its reasons are masked here.
    this.redact = createRedactor(connectionSecrets(config));
    this.origin = `Prometheus ${describeConnection(config)}`;
    this.timeoutMs = config.timeout ?? Math.min(DEFAULT_TIMEOUT_MS, config.interval);
    // After the start returns: a source stopped at once never polls.
    this.schedule(0);
  }

  unmapped(): UnmappedAlert[] {
    return this.summary().unmapped;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    clearTimeout(this.timer);
    this.controller.abort();
    await this.inFlight;
  }

  /** The next poll `delay` ms from now; one at a time, so a slow Prometheus is never asked twice at once. */
  private schedule(delay: number): void {
    if (this.stopped) return;
    this.timer = setTimeout(() => {
      this.inFlight = this.poll().finally(() => (this.inFlight = null));
    }, delay);
    this.timer.unref();
  }

  private async poll(): Promise<void> {
    const started = this.context.now();
    try {
      const problem = await this.fetchAlerts();
      if (this.stopped) return;
      if (problem) this.noteFailure(problem);
      this.refresh();
    } catch (error) {
      this.context.log.error({ err: error }, 'polling Prometheus failed unexpectedly');
    }
    this.schedule(Math.max(0, started + this.config.interval - this.context.now()));
  }

  /** Reads the alert list into the book; the problem when it cannot. */
  private async fetchAlerts(): Promise<PrometheusProblem | null> {
    const answer = await callPrometheus(this.config, 'api/v1/alerts', {}, { signal: this.controller.signal, timeoutMs: this.timeoutMs });
    if (!answer.ok) return answer.problem;
    const parsed = parsePrometheusAlerts({ status: 'success', data: answer.data });
    if (!parsed.ok) return { headline: 'bad answer from Prometheus', cause: parsed.problem };
    this.book = applySnapshot(this.book, parsed.value, this.origin, this.context.now());
    if (this.failure) this.context.log.info('reading the alerts of Prometheus again');
    this.failure = null;
    this.context.received();
    return null;
  }

  private noteFailure(problem: PrometheusProblem): void {
    const masked = { headline: this.redact(problem.headline), cause: problem.cause === null ? null : this.redact(problem.cause) };
    this.context.failed(problemText(masked));
    // A new kind of failure starts its own "since"; the same one keeps the first.
    if (this.failure?.problem.headline !== masked.headline) {
      if (this.failure === null) this.context.log.warn({ reason: problemText(masked) }, 'cannot read the alerts of Prometheus');
      this.failure = { since: this.context.now(), problem: masked };
    } else this.failure = { ...this.failure, problem: masked };
  }

  private summary() {
    const now = this.context.now();
    // A poll sees every alert that fires, so none is ever stale: staleness is the poll's failure.
    return summarize(this.book, { now, mapping: this.config, services: this.context.services, staleAfterMs: Infinity });
  }

  /** Reports each service whose picture changed. */
  private refresh(): void {
    this.context.unmappedChanged();
    const now = this.context.now();
    for (const [serviceId, report] of this.summary().services) {
      const observation = this.failure ? this.failed(this.failure, report.alerts, now) : toObservation(report);
      const key = `${observation.outcome} ${observation.message}`;
      if (this.reported.get(serviceId) === key) continue;
      this.reported.set(serviceId, key);
      this.context.report(serviceId, observation, now).catch((error: unknown) => {
        this.context.log.error({ err: error, serviceId }, 'could not record what the alerts say');
      });
    }
  }

  /** "Prometheus unreachable since 09:12 UTC: connection refused", with the alerts as last seen. */
  private failed(failure: PollFailure, alerts: unknown[], now: number): Observation {
    const { headline, cause } = failure.problem;
    const message = `${headline} since ${clockTime(failure.since, now)}${cause === null ? '' : `: ${cause}`}`;
    return { outcome: 'unknown', message, latencyMs: null, details: { pollFailure: failure, alerts } };
  }
}
