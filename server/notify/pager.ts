import { randomBytes } from 'node:crypto';
import type { EscalationStep } from '../../shared/api';
import { createRedactor } from '../checks/redact';
import type { Config } from '../config/schema';
import type { EventBus } from '../engine/bus';
import type { IncidentBook } from '../incidents/book';
import { escalationDue } from '../incidents/escalation';
import type { Incident, Page } from '../incidents/model';
import type { Logger } from '../log';
import type { Metrics } from '../metrics/metrics';
import type { Roster } from '../oncall/roster';
import type { Store } from '../store/store';
import { ackUrl, signAckToken } from './ack-link';
import { composePage } from './compose';
import type { RetryPolicy } from './backoff';
import { Outbox, type Delivery } from './outbox';
import { getNotifierType } from './registry';
import type { NotifierType } from './types';
import { hoursOf, nextStep, recipientsFor, routesNow, type Recipient } from './routing';
import type { RouteConfig } from './config';

export interface PagerDeps {
  book: IncidentBook;
  store: Store;
  bus: EventBus;
  log: Logger;
  /** The config in force and its secrets from the environment (masked in whatever a receiver says). */
  config(): Config;
  secrets(): readonly string[];
  /** Who is on call, under the config in force. */
  roster(): Roster;
  /** The key that signs the acknowledge links. */
  ackKey(): string;
  now?: () => number;
  /** How often escalations are looked at; default 1 s. */
  tickMs?: number;
  /**
   * Whether a service has been checked since this server started. Until then its incident
   * does not escalate: a step that fell due while the server was away waits for a fresh
   * result, which may say the service is back. Without it, every service counts as checked.
   */
  checkedSinceStart?(serviceId: string): boolean;
  timeoutMs?: number;
  retry?: RetryPolicy;
  /** Counts each attempt to deliver, by notifier; none in tests that do not measure. */
  metrics?: Pick<Metrics, 'notification'>;
}

const STEP_NAMES: Record<EscalationStep, string> = { primary: 'the primary on-call', secondary: 'the secondary on-call', team: 'the whole team' };

/** How long one attempt to deliver may take unless configured (the outbox's own default). */
const DEFAULT_TIMEOUT_MS = 10_000;

const newPageId = () => `p-${randomBytes(6).toString('hex')}`;

/** A page's delivery state before its first attempt. */
const UNSENT = { status: 'pending', attempts: 0, sentAt: null, nextAttemptAt: null, lastError: null } as const;

/**
 * Pages people for incidents: the first step once an incident has waited `groupWait`, the
 * next each time `ackTimeout` passes unacknowledged, a resolve to everyone paged once it is
 * over. Each page is stored before it is sent (idempotent by its key), so a restart in the
 * middle neither drops nor repeats one: the escalation resumes from the incident's stored
 * step and the unfinished pages are sent.
 */
export class Pager {
  private readonly outbox: Outbox;
  private timer: ReturnType<typeof setInterval> | undefined;
  private wake: ReturnType<typeof setTimeout> | undefined;
  private wakeDueAt: number | null = null;
  private unsubscribe: (() => void) | undefined;
  private ticking = false;
  private stopped = false;
  /** A tick was asked for while one was running: run another once it ends. */
  private tickAgain = false;
  private readonly now: () => number;

  constructor(private readonly deps: PagerDeps) {
    this.now = deps.now ?? Date.now;
    this.outbox = new Outbox({
      log: deps.log,
      now: this.now,
      prepare: (page) => this.prepare(page),
      save: (page) => deps.book.updatePage(page),
      onHealth: (notices) => deps.bus.emit('paging.health', notices),
      ...(deps.timeoutMs === undefined ? {} : { timeoutMs: deps.timeoutMs }),
      ...(deps.retry === undefined ? {} : { retry: deps.retry }),
    });
  }

  /** Sends what a previous run left unsent, then looks at escalations every tick. */
  async start(): Promise<void> {
    await this.sendUnfinished(() => true);
    this.timer = setInterval(() => void this.tick(), this.tickMs);
    // A new incident's first page falls due after the group wait: wake for it then.
    this.unsubscribe = this.deps.bus.on('incident.changed', (incident) => {
      if (incident.nextEscalationAt !== null) this.wakeAt(Date.parse(incident.nextEscalationAt));
    });
    void this.tick();
  }

  /**
   * Sends what was left unsent of the incidents of services this instance took over from
   * another. Read once that one's attempt in flight, if any, is over (a delivery timeout
   * later): a page it sent meanwhile is no longer unfinished, and is not sent twice.
   */
  takeOver(serviceIds: readonly string[]): void {
    if (this.stopped || serviceIds.length === 0) return;
    const ids = new Set(serviceIds);
    const timer = setTimeout(() => {
      this.takeOvers.delete(timer);
      void this.sendUnfinished((serviceId) => ids.has(serviceId) && this.deps.book.owns(serviceId)).catch((error: unknown) =>
        this.deps.log.error({ err: error }, 'could not read the pages left unsent by another instance; they are sent at the next start'),
      );
    }, this.deps.timeoutMs ?? DEFAULT_TIMEOUT_MS);
    timer.unref();
    this.takeOvers.add(timer);
  }

  private readonly takeOvers = new Set<ReturnType<typeof setTimeout>>();

  private async sendUnfinished(which: (serviceId: string) => boolean): Promise<void> {
    for (const page of await this.deps.store.unfinishedPages()) {
      const incident = this.deps.book.get(page.incidentId);
      if (!incident || (this.deps.book.owns(incident.serviceId) && which(incident.serviceId))) this.outbox.enqueue(page);
    }
  }

  stop(): void {
    for (const timer of this.takeOvers) clearTimeout(timer);
    this.stopped = true;
    clearInterval(this.timer);
    clearTimeout(this.wake);
    this.unsubscribe?.();
    this.outbox.stop();
  }

  private get tickMs(): number {
    return this.deps.tickMs ?? 1_000;
  }

  /**
   * Wakes at the moment the next step or resolution falls due, when that comes before the
   * next tick: a page then leaves when due, not up to a tick later.
   */
  private scheduleWake(): void {
    const next = this.nextDueAt();
    if (next !== null) this.wakeAt(next);
  }

  private wakeAt(at: number): void {
    if (this.stopped) return;
    const now = this.now();
    if (at <= now || at - now >= this.tickMs || (this.wakeDueAt !== null && this.wakeDueAt > now && this.wakeDueAt <= at)) return;
    clearTimeout(this.wake);
    this.wakeDueAt = at;
    this.wake = setTimeout(() => {
      this.wakeDueAt = null;
      void this.tick();
    }, at - now);
    this.wake.unref?.();
  }

  /** The earliest moment still to come at which something falls due (what is due already is the tick's). */
  private nextDueAt(): number | null {
    const now = this.now();
    let next: number | null = null;
    const sooner = (at: number) => {
      if (at > now) next = next === null ? at : Math.min(next, at);
    };
    for (const incident of this.deps.book.active()) {
      const due = escalationDue(incident, this.deps.book.escalation(incident));
      if (due && due.at > now && (this.deps.checkedSinceStart?.(incident.serviceId) ?? true)) sooner(due.at);
    }
    const quietPeriod = this.deps.config().paging.quietPeriod;
    for (const incident of this.deps.book.resolvedInPlay()) if (incident.resolvedAt !== null) sooner(incident.resolvedAt + quietPeriod);
    return next;
  }

  /** Pages every step that is due and announces every resolution not yet announced. */
  async tick(): Promise<void> {
    // A tick still running at stop() must not start another or set a timer nobody clears.
    if (this.stopped) return;
    if (this.ticking) {
      this.tickAgain = true;
      return;
    }
    this.ticking = true;
    try {
      const now = this.now();
      const quietPeriod = this.deps.config().paging.quietPeriod;
      for (const { id } of this.deps.book.active()) {
        // Read again: an acknowledgement or a recovery may have come while the last one was paged.
        const incident = this.deps.book.get(id);
        if (!incident) continue;
        const due = escalationDue(incident, this.deps.book.escalation(incident));
        if (due && due.at <= now && (this.deps.checkedSinceStart?.(incident.serviceId) ?? true)) await this.escalate(incident, due.step);
      }
      // Told once the quiet period is over without a relapse: a flap reopens the incident
      // with nobody told "resolved" in between, and PagerDuty's alert stays open meanwhile.
      for (const incident of this.deps.book.resolvedInPlay()) {
        if (incident.resolvedAt !== null && now - incident.resolvedAt >= quietPeriod) await this.announceResolution(incident);
      }
    } catch (error) {
      this.deps.log.error({ err: error }, 'paging could not go on this turn; trying again at the next');
    } finally {
      this.ticking = false;
    }
    if (this.tickAgain) {
      this.tickAgain = false;
      await this.tick();
    } else this.scheduleWake();
  }

  /** Pages a step; a step with nobody to reach goes straight on to the next. */
  private async escalate(incident: Incident, first: EscalationStep): Promise<void> {
    const options = this.deps.book.escalation(incident);
    const events: Array<{ kind: Incident['timeline'][number]['kind']; message: string }> = [];
    let step: EscalationStep | null = first;
    let last: EscalationStep = first;
    while (step) {
      last = step;
      const { sent, names, unreachable } = await this.pageStep(incident, step);
      if (sent > 0) {
        const verb = step === 'primary' ? 'paged' : 'escalated';
        const message = `${verb === 'paged' ? 'paged' : `escalated to ${STEP_NAMES[step]}:`} ${names.join(', ')}`;
        events.push({ kind: verb, message });
        if (unreachable.length > 0) events.push({ kind: 'nobody-to-page', message: `could not page ${unreachable.join('; ')}` });
        break;
      }
      events.push({ kind: 'nobody-to-page', message: `nobody to page at ${STEP_NAMES[step]}${unreachable.length > 0 ? `: ${unreachable.join('; ')}` : ''}` });
      step = nextStep(step, { secondary: options.hasSecondary });
    }
    this.deps.book.recordStep(incident.id, last, events);
  }

  private async pageStep(incident: Incident, step: EscalationStep): Promise<{ sent: number; names: string[]; unreachable: string[] }> {
    const config = this.deps.config();
    const team = this.deps.book.teamOf(incident);
    if (!team) return { sent: 0, names: [], unreachable: [`${incident.serviceId} has no team`] };
    const roster = this.deps.roster();
    const { recipients, unreachable } = recipientsFor(step, {
      team,
      config,
      oncall: { primary: roster.personNow(team.id, 'primary'), secondary: roster.personNow(team.id, 'secondary') },
    });
    let sent = 0;
    const names: string[] = [];
    for (const recipient of recipients) {
      const pages = await this.pageRecipient(incident, 'trigger', step, recipient, config);
      if (pages > 0 && recipient.kind === 'person') names.push(recipient.name);
      sent += pages;
    }
    return { sent, names: names.length > 0 ? names : recipients.map((r) => r.name), unreachable: unreachable.map((u) => u.reason) };
  }

  /** Creates and sends a recipient's pages through the routes that apply now; returns how many exist for them. */
  private async pageRecipient(incident: Incident, kind: Page['kind'], step: EscalationStep, recipient: Recipient, config: Config): Promise<number> {
    const hours = hoursOf(recipient, config);
    const { routes } = routesNow(recipient.routes, hours.hours, hours.timeZone, this.now());
    let count = 0;
    for (const { index, route } of routes) {
      const page = this.newPage(incident, kind, step, recipient, index, route, config);
      if (!page) continue;
      count += 1;
      if (await this.deps.book.addPage(page)) this.outbox.enqueue(page);
    }
    return count;
  }

  private newPage(
    incident: Incident,
    kind: Page['kind'],
    step: EscalationStep,
    recipient: Recipient,
    index: number,
    route: RouteConfig,
    config: Config,
  ): Page | null {
    const notifier = config.notifiers.find((n) => n.id === route.via);
    if (!notifier) return null;
    const type = getNotifierType(notifier.type);
    const target = targetOf(route, type.targetSchema);
    return {
      id: newPageId(),
      incidentId: incident.id,
      kind,
      step,
      recipient: { kind: recipient.kind, id: recipient.id, name: recipient.name },
      channel: notifier.id,
      channelType: notifier.type,
      route: index,
      address: type.address(notifier, target, recipient.contact),
      createdAt: this.now(),
      ...UNSENT,
    };
  }

  /** Tells everyone a trigger page reached that the incident is over: the same person, by the same route. */
  private async announceResolution(incident: Incident): Promise<void> {
    const pages = this.deps.book.pagesOf(incident.id);
    const resolves = new Set(pages.filter((p) => p.kind === 'resolve').map((p) => routeKey(p)));
    for (const trigger of pages) {
      if (trigger.kind !== 'trigger' || trigger.status !== 'sent' || resolves.has(routeKey(trigger))) continue;
      resolves.add(routeKey(trigger));
      const page: Page = { ...trigger, id: newPageId(), kind: 'resolve', createdAt: this.now(), ...UNSENT };
      if (await this.deps.book.addPage(page)) this.outbox.enqueue(page);
    }
  }

  /** What a stored page needs to be sent under the config in force (its target is looked up again: targets hold secrets and are not stored). */
  private prepare(page: Page): Delivery | { error: string } | { cancel: string } | { elsewhere: true } {
    const config = this.deps.config();
    const incident = this.deps.book.get(page.incidentId);
    if (incident && !this.deps.book.owns(incident.serviceId)) return { elsewhere: true };
    if (!incident) return { error: 'the incident is no longer in play' };
    if (page.kind === 'trigger' && incident.status === 'resolved') return { cancel: 'not sent: the service recovered first' };
    if (page.kind === 'trigger' && incident.status === 'acknowledged') return { cancel: 'not sent: acknowledged first' };
    const owner =
      page.recipient.kind === 'person' ? config.people.find((p) => p.id === page.recipient.id) : config.teams.find((t) => t.id === page.recipient.id);
    const route = owner?.notify[page.route];
    const notifier = route ? config.notifiers.find((n) => n.id === route.via) : undefined;
    if (!route || !notifier || notifier.id !== page.channel)
      return { error: `the route to ${page.recipient.name} via ${page.channel} is no longer in the config` };
    const type = getNotifierType(notifier.type);
    const target = targetOf(route, type.targetSchema);
    const contact = page.recipient.kind === 'person' ? ((owner as Config['people'][number]).contact ?? {}) : {};
    const service = config.services.find((s) => s.id === incident.serviceId);
    const team = this.deps.book.teamOf(incident);
    const boardUrl = config.paging.boardUrl;
    const link =
      page.kind === 'trigger' && boardUrl
        ? ackUrl(
            boardUrl,
            signAckToken(
              {
                incidentId: incident.id,
                personId: page.recipient.kind === 'person' ? page.recipient.id : null,
                expiresAt: this.now() + config.paging.ackLinkTtl,
              },
              this.deps.ackKey(),
            ),
          )
        : null;
    const message = composePage({
      incident,
      page,
      service: service ?? { id: incident.serviceId, name: incident.serviceId, links: {}, dependsOn: [], checks: [] },
      team: team ? { id: team.id, name: team.name } : null,
      serviceName: (id: string) => config.services.find((s) => s.id === id)?.name ?? id,
      boardUrl,
      ackUrl: link,
    });
    return {
      type: this.deps.metrics ? countedSends(type, notifier.id, this.deps.metrics) : type,
      config: notifier,
      target,
      contact,
      message,
      redact: createRedactor([...this.deps.secrets(), ...type.secrets(notifier, target)]),
    };
  }
}

/** A route's target fields: everything but `via` and `when`, as its notifier type reads them. */
function targetOf(route: RouteConfig, schema: { parse(input: unknown): unknown }): Record<string, unknown> {
  const fields = Object.fromEntries(Object.entries(route).filter(([key]) => key !== 'via' && key !== 'when'));
  return schema.parse(fields) as Record<string, unknown>;
}

/** The notifier type with each send counted, as delivered or failed, under the notifier's id. */
function countedSends(type: NotifierType, notifierId: string, metrics: Pick<Metrics, 'notification'>): NotifierType {
  return {
    ...type,
    async send(...args) {
      try {
        await type.send(...args);
      } catch (error) {
        metrics.notification(notifierId, type.type, 'failed');
        throw error;
      }
      metrics.notification(notifierId, type.type, 'delivered');
    },
  };
}

const routeKey = (page: Page) => [page.recipient.kind, page.recipient.id, page.channel, page.route].join('|');
