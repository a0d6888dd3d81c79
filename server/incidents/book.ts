import { randomBytes } from 'node:crypto';
import { setImmediate } from 'node:timers';
import type { IncidentBrief, IncidentView, ServiceView, TeamRef } from '../../shared/api';
import type { Config } from '../config/schema';
import type { EventBus } from '../engine/bus';
import { AppError, notFound } from '../errors';
import type { Logger } from '../log';
import type { Store } from '../store/store';
import { escalationDue, type EscalationOptions } from './escalation';
import type { Incident, Page } from './model';
import { incidentChanges, type ServiceFacts } from './policy';
import { incidentBrief, incidentView } from './view';

export interface IncidentBookDeps {
  store: Store;
  bus: EventBus;
  log: Logger;
  now?: () => number;
  /** Asks the engine in force to rebuild these services' views: what they show of an incident changed. */
  refresh(serviceIds: readonly string[]): void;
  /**
   * Several instances: whether this one decides the incidents of a service (it runs the
   * service). The others' incidents it only holds as their owners tell it (`adopt`). Default: all.
   */
  owns?: (serviceId: string) => boolean;
  /**
   * Hands an acknowledgement of an incident another instance decides to that instance;
   * resolves with its answer, or null when it cannot be reached (then it is saved here).
   */
  forwardAck?: (id: string, who: Acknowledger) => Promise<IncidentView | null>;
}

/** Who acknowledges, and how. */
export interface Acknowledger {
  by: string;
  personId: string | null;
  via: 'link' | 'api';
}

/** Incident ids sort by when they were opened and stay short in a URL: `mf3k2x1q-4e9a1c`. */
function newIncidentId(): string {
  return `${Date.now().toString(36)}-${randomBytes(3).toString('hex')}`;
}

const DEFAULT_ACK_TIMEOUT_MS = 10 * 60_000;
const HELD_AFTER_RESOLVED_MS = 60_000;

/**
 * The incidents in play — open ones, and resolved ones still in their quiet period — with
 * their pages, in memory and in the store. It watches every service change, applies the
 * incident policy (`policy.ts`) and says what changed on the bus; the pager reads and
 * records escalation through it. It outlives reloads: an incident does not end because
 * the config was saved.
 */
export class IncidentBook {
  private readonly latestByService = new Map<string, Incident>();
  private readonly byId = new Map<string, Incident>();
  private readonly pages = new Map<string, Page[]>();
  /** What was last seen of each service (status and causes), to act only on changes. */
  private readonly facts = new Map<string, ServiceFacts>();
  /** For each symptom, the incident of its cause, so a tile finds it without a search. */
  private readonly causeBySymptom = new Map<string, string>();
  /** What the tiles last showed of each incident, to redraw them only when it changes. */
  private readonly shown = new Map<string, { brief: string; impacted: number }>();
  /** Incidents whose latest save failed: an acknowledgement of one is not confirmed. */
  private readonly unsaved = new Set<string>();
  private settleMs = new Map<string, number>();
  private readonly dirty = new Set<string>();
  private flushing = false;
  private writes: Promise<void> = Promise.resolve();
  private config: Config | null = null;
  private serviceById = new Map<string, Config['services'][number]>();
  private teamById = new Map<string, Config['teams'][number]>();
  private readonly now: () => number;

  constructor(private readonly deps: IncidentBookDeps) {
    this.now = deps.now ?? Date.now;
  }

  /** Reads the incidents still in play, and their pages, from the store. */
  async load(config: Config): Promise<void> {
    this.setConfig(config);
    const active = await this.deps.store.activeIncidents(this.now() - config.paging.quietPeriod - HELD_AFTER_RESOLVED_MS);
    for (const incident of active.sort((a, b) => a.openedAt - b.openedAt)) this.remember(incident);
    // Pages still to deliver need their incident, however long ago it ended: a resolve
    // retrying across a restart is sent, not given up.
    for (const page of await this.deps.store.unfinishedPages()) {
      if (this.byId.has(page.incidentId)) continue;
      const incident = await this.deps.store.incident(page.incidentId);
      if (incident) this.byId.set(incident.id, incident);
    }
    for (const page of await this.deps.store.pagesOf([...this.byId.keys()])) this.rememberPage(page);
  }

  setConfig(config: Config): void {
    this.config = config;
    this.serviceById = new Map(config.services.map((s) => [s.id, s]));
    this.teamById = new Map(config.teams.map((t) => [t.id, t]));
    this.settleMs = new Map(config.services.map((s) => [s.id, Math.max(config.paging.groupWait, ...s.checks.map((c) => c.interval + c.timeout))]));
  }

  /** Whether this instance decides the incidents of this service. */
  owns(serviceId: string): boolean {
    return this.deps.owns?.(serviceId) ?? true;
  }

  /** Takes a service's view as the engine announces it; acts when its status or its causes changed. */
  observe(view: ServiceView): void {
    if (!this.config || view.since === null) return;
    if (!this.owns(view.id)) {
      // Its owner decides; seen afresh if this instance takes it over.
      this.facts.delete(view.id);
      return;
    }
    const previous = this.facts.get(view.id);
    if (previous && previous.status === view.status && previous.impactedBy.join(',') === view.impactedBy.join(',')) return;
    const facts: ServiceFacts = { id: view.id, status: view.status, since: Date.parse(view.since), impactedBy: view.impactedBy, checks: view.checks };
    this.facts.set(view.id, facts);
    this.apply(facts, (previous?.impactedBy.length ?? 0) > 0);
  }

  private apply(facts: ServiceFacts, wasSymptom: boolean): void {
    const changed = incidentChanges(facts, {
      latest: (id) => this.latestByService.get(id),
      statusOf: (id) => this.facts.get(id)?.status,
      wasSymptom,
      settleMs: this.settleMs.get(facts.id) ?? 0,
      at: this.now(),
      quietPeriodMs: this.config!.paging.quietPeriod,
      newId: newIncidentId,
    });
    const opened = changed.filter((incident) => !this.byId.has(incident.id));
    for (const incident of changed) this.put(incident);
    // Results of one turn are announced in any order: a dependent may be seen down, its
    // dependency named, a moment before the dependency's own incident opens. Once it does,
    // such dependents are looked at again, so they join it rather than page on their own.
    for (const incident of opened) {
      for (const other of this.facts.values()) {
        if (other.status === 'down' && other.id !== incident.serviceId && other.impactedBy.includes(incident.serviceId)) this.apply(other, true);
      }
    }
  }

  /**
   * Takes every service as it is now: after a start or a reload, before changes arrive one
   * by one. An incident of a service the config no longer has is resolved: nothing would
   * ever resolve it, and it would page on.
   */
  observeAll(views: readonly ServiceView[]): void {
    const present = new Set(views.map((v) => v.id));
    // A service that left and comes back is seen afresh.
    for (const id of this.facts.keys()) if (!present.has(id)) this.facts.delete(id);
    for (const view of views) this.observe(view);
    const at = this.now();
    for (const incident of this.active()) {
      if (present.has(incident.serviceId)) continue;
      this.put({
        ...incident,
        status: 'resolved',
        resolvedAt: at,
        timeline: [...incident.timeline, { at, kind: 'resolved', message: `resolved: ${incident.serviceId} is no longer in the config` }],
      });
    }
  }

  /** How long the service's checks take to tell again (the longest interval + timeout, at least the group wait), in ms. */
  settleFor(serviceId: string): number {
    return this.settleMs.get(serviceId) ?? 0;
  }

  /** Incidents that may still page from this instance: open, not acknowledged, not part of another, of a service it runs. */
  active(): Incident[] {
    return [...this.byId.values()].filter((i) => i.status !== 'resolved' && this.owns(i.serviceId));
  }

  /** Resolved incidents still held (their quiet period, a minute at least) of services this instance runs: their resolution is announced from here. */
  resolvedInPlay(): Incident[] {
    return [...this.byId.values()].filter((i) => i.status === 'resolved' && this.owns(i.serviceId));
  }

  /**
   * An incident as the instance that decides it told it (with its pages): held to show
   * on the tiles and the service page, never saved nor paged from here.
   */
  adopt(incident: Incident, pages: readonly Page[]): void {
    if (this.owns(incident.serviceId)) return;
    this.remember(incident);
    this.pages.set(incident.id, [...pages]);
    this.deps.bus.emit('incident.changed', this.view(incident));
    this.deps.refresh([incident.serviceId, ...incident.impacted]);
    this.pruneQuiet();
  }

  /**
   * Reads again from the store the incidents in play of services this instance now runs
   * (their last owner stopped or died), so they go on rather than open anew.
   */
  async take(serviceIds: readonly string[]): Promise<void> {
    if (!this.config || serviceIds.length === 0) return;
    const ids = new Set(serviceIds);
    const active = await this.deps.store.activeIncidents(this.now() - this.config.paging.quietPeriod - HELD_AFTER_RESOLVED_MS);
    const taken = active.filter((i) => ids.has(i.serviceId)).sort((a, b) => a.openedAt - b.openedAt);
    for (const incident of taken) this.remember(incident);
    const pages = await this.deps.store.pagesOf(taken.map((i) => i.id));
    for (const incident of taken) this.pages.set(incident.id, []);
    for (const page of pages) this.rememberPage(page);
  }

  get(id: string): Incident | undefined {
    return this.byId.get(id);
  }

  pagesOf(id: string): readonly Page[] {
    return this.pages.get(id) ?? [];
  }

  /** The incident a tile shows: the service's own, or the one of the cause it is a symptom of. */
  brief(serviceId: string): IncidentBrief | null {
    const own = this.latestByService.get(serviceId);
    const shown = own && own.status !== 'resolved' ? (own.partOf ? (this.byId.get(own.partOf) ?? own) : own) : this.causeOf(serviceId);
    return shown && shown.status !== 'resolved' ? incidentBrief(shown, this.pagesOf(shown.id)) : null;
  }

  /** How a team's incidents escalate under the config in force. */
  escalation(incident: Incident): EscalationOptions {
    const team = this.teamOf(incident);
    return {
      groupWaitMs: this.config?.paging.groupWait ?? 0,
      ackTimeoutMs: team?.ackTimeout ?? DEFAULT_ACK_TIMEOUT_MS,
      hasSecondary: team?.oncall?.secondary !== undefined,
    };
  }

  teamOf(incident: Incident): Config['teams'][number] | undefined {
    const teamId = this.serviceById.get(incident.serviceId)?.team;
    return teamId === undefined ? undefined : this.teamById.get(teamId);
  }

  view(incident: Incident, pages: readonly Page[] = this.pagesOf(incident.id)): IncidentView {
    const service = this.serviceById.get(incident.serviceId);
    const team = this.teamOf(incident);
    const teamRef: TeamRef | null = team ? { id: team.id, name: team.name } : null;
    const due = escalationDue(incident, this.escalation(incident));
    return incidentView(incident, pages, { serviceName: service?.name ?? incident.serviceId, team: teamRef, nextEscalationAt: due?.at ?? null });
  }

  /** An incident with its pages, in play or from the store; a 404 when there is none. */
  async find(id: string): Promise<IncidentView> {
    const held = this.byId.get(id);
    if (held) return this.view(held);
    const stored = await this.deps.store.incident(id);
    if (!stored) throw notFound(`incident ${id}`);
    return this.view(stored, await this.deps.store.pagesOf([id]));
  }

  /** Stops escalation: someone is on it. Acknowledging twice keeps the first; a resolved incident is a 409. */
  async acknowledge(id: string, who: Acknowledger): Promise<IncidentView> {
    const incident = this.byId.get(id) ?? (await this.deps.store.incident(id));
    if (!incident) throw notFound(`incident ${id}`);
    if (!this.owns(incident.serviceId) && this.deps.forwardAck) {
      const answer = await this.deps.forwardAck(id, who);
      if (answer) return answer;
    }
    if (incident.status === 'resolved') {
      throw new AppError('conflict', `incident ${id} was resolved at ${new Date(incident.resolvedAt!).toISOString()}; there is nothing to acknowledge`, {
        status: 409,
      });
    }
    if (incident.status === 'open') {
      const at = this.now();
      const how = who.via === 'link' ? 'from the link in a page' : 'through the API';
      this.put({
        ...incident,
        status: 'acknowledged',
        acknowledged: { ...who, at },
        timeline: [...incident.timeline, { at, kind: 'acknowledged', message: `acknowledged by ${who.by} ${how}` }],
      });
      await this.flushed();
      if (this.unsaved.has(id)) {
        throw new AppError('store_unavailable', 'the acknowledgement could not be saved; try again in a moment', { status: 503 });
      }
    }
    return this.view(this.byId.get(id)!);
  }

  /** Records an escalation step paged, with what happened (who, or why nobody). */
  recordStep(id: string, step: Incident['step'], events: Array<{ kind: Incident['timeline'][number]['kind']; message: string }>): void {
    const incident = this.byId.get(id);
    if (!incident) return;
    const at = this.now();
    this.put({ ...incident, step, stepAt: at, timeline: [...incident.timeline, ...events.map((e) => ({ ...e, at }))] });
  }

  /** Stores a new page (idempotent by its key); true when it is new and must be sent. */
  async addPage(page: Page): Promise<boolean> {
    const added = await this.deps.store.addPage(page);
    if (added) this.rememberPage(page);
    return added;
  }

  /** Saves a page's delivery state; the tiles show who was paged once a page is sent. */
  async updatePage(page: Page): Promise<void> {
    const list = this.pages.get(page.incidentId);
    const index = list?.findIndex((p) => p.id === page.id) ?? -1;
    if (list && index >= 0) list[index] = page;
    await this.deps.store.updatePage(page);
    const incident = this.byId.get(page.incidentId);
    if (incident) this.announce(incident);
  }

  /** Resolves when every change so far is in the store. */
  async flushed(): Promise<void> {
    this.flush();
    await this.writes;
  }

  private causeOf(serviceId: string): Incident | undefined {
    const id = this.causeBySymptom.get(serviceId);
    const incident = id === undefined ? undefined : this.byId.get(id);
    return incident && incident.status !== 'resolved' && incident.partOf === null ? incident : undefined;
  }

  private remember(incident: Incident): void {
    const previous = this.byId.get(incident.id);
    this.byId.set(incident.id, incident);
    const latest = this.latestByService.get(incident.serviceId);
    if (!latest || latest.id === incident.id || latest.openedAt <= incident.openedAt) {
      if (latest && latest.id !== incident.id && !this.delivering(latest.id)) this.forget(latest);
      this.latestByService.set(incident.serviceId, incident);
    }
    if (!previous && !this.pages.has(incident.id)) this.pages.set(incident.id, []);
    for (const id of incident.impacted) this.causeBySymptom.set(id, incident.id);
  }

  private delivering(incidentId: string): boolean {
    return this.pagesOf(incidentId).some((p) => p.status === 'pending' || p.status === 'retrying');
  }

  private forget(incident: Incident): void {
    this.byId.delete(incident.id);
    this.pages.delete(incident.id);
    this.shown.delete(incident.id);
    for (const id of incident.impacted) if (this.causeBySymptom.get(id) === incident.id) this.causeBySymptom.delete(id);
  }

  private rememberPage(page: Page): void {
    const list = this.pages.get(page.incidentId);
    if (list) list.push(page);
    else this.pages.set(page.incidentId, [page]);
  }

  private put(incident: Incident): void {
    this.remember(incident);
    this.announce(incident);
  }

  /** Saves and announces changed incidents once per turn of the event loop: a storm of 500 changes costs one pass. */
  private announce(incident: Incident): void {
    this.dirty.add(incident.id);
    if (this.flushing) return;
    this.flushing = true;
    setImmediate(() => this.flush());
  }

  private flush(): void {
    this.flushing = false;
    if (this.dirty.size === 0) return;
    const ids = [...this.dirty];
    this.dirty.clear();
    const incidents = ids.flatMap((id) => this.byId.get(id) ?? []);
    this.writes = this.writes.then(async () => {
      for (const incident of incidents) {
        try {
          await this.deps.store.saveIncident(this.byId.get(incident.id) ?? incident);
          this.unsaved.delete(incident.id);
        } catch (error) {
          // Kept in memory and saved again with its next change; an acknowledgement waiting on it is refused meanwhile.
          this.unsaved.add(incident.id);
          this.deps.log.error({ err: error, incident: incident.id }, 'could not save an incident; it stays in memory and is saved with its next change');
        }
      }
    });
    const touched = new Set<string>();
    let joined: Map<string, string[]> | null = null;
    for (const incident of incidents) {
      this.deps.bus.emit('incident.changed', this.view(incident));
      // The tiles show an incident's state and who was paged: they are redrawn when that
      // changes, and a symptom's when it joins; not all of them at each symptom added.
      const brief = JSON.stringify(incidentBrief(incident, this.pagesOf(incident.id)));
      const before = this.shown.get(incident.id);
      this.shown.set(incident.id, { brief, impacted: incident.impacted.length });
      touched.add(incident.serviceId);
      if (before?.brief !== brief) {
        joined ??= this.joinedIncidents();
        for (const id of [...incident.impacted, ...(joined.get(incident.id) ?? [])]) touched.add(id);
      } else for (const id of incident.impacted.slice(before.impacted)) touched.add(id);
    }
    this.deps.refresh([...touched]);
    this.pruneQuiet();
  }

  /** For each incident, the services whose own incident became part of it (one pass for a whole flush). */
  private joinedIncidents(): Map<string, string[]> {
    const joined = new Map<string, string[]>();
    for (const other of this.byId.values()) {
      if (other.partOf === null) continue;
      const list = joined.get(other.partOf);
      if (list) list.push(other.serviceId);
      else joined.set(other.partOf, [other.serviceId]);
    }
    return joined;
  }

  /**
   * Lets go of resolved incidents whose quiet period is over (they can no longer reopen),
   * held a minute longer so their resolution is announced (after the quiet period), and while a page of theirs is
   * still being delivered.
   */
  private pruneQuiet(): void {
    const keep = (this.config?.paging.quietPeriod ?? 0) + HELD_AFTER_RESOLVED_MS;
    const now = this.now();
    for (const incident of this.byId.values()) {
      if (
        incident.status === 'resolved' &&
        incident.resolvedAt !== null &&
        now - incident.resolvedAt > keep &&
        !this.dirty.has(incident.id) &&
        !this.delivering(incident.id)
      ) {
        if (this.latestByService.get(incident.serviceId)?.id === incident.id) this.latestByService.delete(incident.serviceId);
        this.forget(incident);
      }
    }
  }
}
