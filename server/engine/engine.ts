import type { IncidentBrief, MaintenanceNow, OncallNow, ServiceView, TeamRef, Upstream } from '../../shared/api';
import { worstStatus, type Status } from '../../shared/status';
import type { Observation } from '../checks/types';
import type { CheckConfig, Config, ServiceConfig } from '../config/schema';
import type { Logger } from '../log';
import type { Store, Transition } from '../store/store';
import { boardFingerprint, checkBoardKey, checkStatusAt, impactedBy, viewCheck, viewService, type CheckFacts, type LastResult } from './aggregate';
import type { EventBus } from './bus';
import { freshnessWindowMs } from './freshness';
import { sourceEntries, upstreamOf } from './source-entries';
import { INITIAL_MACHINE_STATE, nextMachineState, type MachineState, type Thresholds } from './state-machine';
import { StoreWatch } from './store-watch';
import { checkTransitionLine, serviceTransitionLine, transitionMessage, type TransitionLine } from './transition-log';

interface CheckRuntime extends CheckFacts {
  /** The check's config; null for an entry fed by a source. */
  config: CheckConfig | null;
  thresholds: Thresholds;
}

interface ServiceRuntime {
  config: ServiceConfig;
  team: TeamRef | null;
  /** The provider, when a vendor's status page feeds the service. */
  upstream: Upstream | null;
  checks: CheckRuntime[];
  status: Status;
  since: number | null;
  view: ServiceView;
  fingerprint: string;
  /** What its results can change on the board (see `resultKey`), as at the last view built. */
  resultKey: string;
  /** Its view lags a result that changed nothing a board shows (a time, a latency): rebuilt when read. */
  viewOutdated: boolean;
  /** When the earliest still-fresh result of its checks goes stale; the sweep skips the service until then. */
  staleAt: number;
  /**
   * The state stored before a restart, kept while the service is unknown only because the
   * server was away: if the first fresh results bring back the same status, its `since`
   * is kept, since nothing seen says the service changed.
   */
  resume: { status: Status; since: number } | null;
}

export interface EngineDeps {
  config: Config;
  store: Store;
  bus: EventBus;
  log: Logger;
  now?: () => number;
  /** A team's primary on-call now (see `server/oncall/roster.ts`); none without it. */
  oncall?: (teamId: string) => OncallNow | null;
  /** The incident a service's tile shows (see `server/incidents/book.ts`); none without it. */
  incident?: (serviceId: string) => IncidentBrief | null;
  /** Planned maintenance (see `server/maintenance/`): a service in a window is `maintenance`, whatever its checks say. */
  maintenance?: () => MaintenanceLookup;
  /**
   * Several instances: this one runs only the services it is given (`take`) and mirrors
   * the others as their owners tell it (`mirror`). Without it, one server runs them all.
   */
  cluster?: EngineCluster;
}

/** What the engine asks of the cluster it is part of. */
export interface EngineCluster {
  /**
   * Hands an observation of a service another instance runs (a push, a webhook) to that
   * instance; false when it cannot be reached, and the observation is recorded here.
   */
  forward(serviceId: string, checkId: string, observation: Observation, at: number): Promise<boolean>;
}

/** A service's state as its owner tells the other instances: enough to show it exactly as the owner does. */
export interface MirroredService {
  serviceId: string;
  status: Status;
  since: number | null;
  /** Every check, or only those that changed since the last time it was told. */
  checks: Array<{ id: string; machine: MachineState; last: LastResult | null }>;
}

/** What the engine asks of the maintenance calendar. */
export interface MaintenanceLookup {
  activeFor(serviceId: string, now: number): MaintenanceNow | null;
  /** The next instant a window starts or ends (Infinity when none will). */
  nextChangeAfter(now: number): number;
}

/**
 * Holds the live state of every service: takes observations, runs them through the
 * state machine, stores them, and announces what changed on the bus. The policy lives
 * in pure functions (state machine, aggregation, freshness); this class only wires them.
 */
export class Engine {
  private readonly services = new Map<string, ServiceRuntime>();
  /** For each service, the services that depend on it directly or transitively. */
  private readonly dependents = new Map<string, string[]>();
  private readonly now: () => number;
  private stopped = false;
  /** Spells when the whole process was frozen (see notePause), newest last. */
  private pauses: Array<{ endedAt: number; ms: number }> = [];
  private readonly storeWatch: StoreWatch;
  /** When a maintenance window next starts or ends: every service is judged again then. */
  private maintenanceChangeAt = -Infinity;
  /** The services this instance runs; null: all of them (one server). */
  private owned: Set<string> | null;

  constructor(private readonly deps: EngineDeps) {
    this.now = deps.now ?? Date.now;
    this.owned = deps.cluster ? new Set() : null;
    this.storeWatch = new StoreWatch(deps.store, deps.bus, deps.log, this.now);
    const teams = new Map(deps.config.teams.map((t) => [t.id, { id: t.id, name: t.name }]));
    for (const service of deps.config.services) {
      const checks: CheckRuntime[] = service.checks.map((check) => ({
        id: check.id,
        type: check.type,
        config: check,
        thresholds: check,
        machine: INITIAL_MACHINE_STATE,
        last: null,
        freshnessMs: freshnessWindowMs(check.interval, check.timeout),
      }));
      checks.push(...sourceEntries(deps.config, service.id));
      this.services.set(service.id, {
        config: service,
        team: service.team ? (teams.get(service.team) ?? null) : null,
        upstream: upstreamOf(deps.config, service.id),
        checks,
        status: 'unknown',
        since: null,
        view: null as unknown as ServiceView,
        resultKey: '',
        viewOutdated: false,
        fingerprint: '',
        staleAt: Infinity,
        resume: null,
      });
    }
    for (const id of this.services.keys()) this.dependents.set(id, this.transitiveDependents(id));
    const now = this.now();
    for (const service of this.services.values()) this.refreshView(service, now);
  }

  /** Resumes from the store: states, counters and `since` as they were before a restart. */
  async restore(): Promise<void> {
    await this.restoreServices(() => true);
  }

  /**
   * Starts running these services here (another instance let them go, or died): their
   * state is read again from the store, where their last owner left it.
   */
  async take(serviceIds: readonly string[]): Promise<void> {
    const ids = new Set(serviceIds.filter((id) => this.services.has(id)));
    if (!this.owned || ids.size === 0) return;
    for (const id of ids) this.owned.add(id);
    await this.restoreServices((id) => ids.has(id));
    for (const id of ids) this.publish(this.services.get(id)!, this.now());
  }

  /** Stops running these services here: from now on they are mirrored from their new owner. */
  release(serviceIds: readonly string[]): void {
    for (const id of serviceIds) this.owned?.delete(id);
  }

  /** Whether this instance runs the service (its checks, its state machine, its history). */
  owns(serviceId: string): boolean {
    return this.owned === null || this.owned.has(serviceId);
  }

  /** When a check's latest result was taken (epoch ms), wherever it ran; undefined before its first. */
  lastResultAt(serviceId: string, checkId: string): number | undefined {
    return this.services.get(serviceId)?.checks.find((c) => c.id === checkId)?.last?.at;
  }

  /** A service's state, as the other instances need it to mirror it. */
  stateOf(serviceId: string): MirroredService | null {
    const service = this.services.get(serviceId);
    if (!service) return null;
    return { serviceId, status: service.status, since: service.since, checks: service.checks.map((c) => ({ id: c.id, machine: c.machine, last: c.last })) };
  }

  /** Takes the state of a service another instance runs, as it told it: shown, not stored. */
  mirror(state: MirroredService): void {
    if (this.stopped || this.owns(state.serviceId)) return;
    const service = this.services.get(state.serviceId);
    if (!service) return;
    for (const told of state.checks) {
      const check = service.checks.find((c) => c.id === told.id);
      if (check) Object.assign(check, { machine: told.machine, last: told.last });
    }
    Object.assign(service, { status: state.status, since: state.since, resume: null });
    this.publishResult(service, this.now());
  }

  private async restoreServices(which: (serviceId: string) => boolean): Promise<void> {
    const { checks, services } = await this.deps.store.loadState();
    for (const stored of checks) {
      if (!which(stored.serviceId)) continue;
      const check = this.services.get(stored.serviceId)?.checks.find((c) => c.id === stored.checkId);
      if (check) Object.assign(check, { machine: stored.machine, last: stored.last });
    }
    for (const stored of services) {
      const service = which(stored.serviceId) ? this.services.get(stored.serviceId) : undefined;
      if (service) Object.assign(service, { status: stored.status, since: stored.since });
    }
    const now = this.now();
    for (const service of this.services.values()) {
      if (!which(service.config.id)) continue;
      const before = service.since === null ? null : { status: service.status, since: service.since };
      // Results gone stale while the server was away make the service unknown now (never up unseen).
      const transition = this.settleStatus(service, now);
      if (transition && this.owns(service.config.id)) await this.storeServiceTransition(service.config.id, transition);
      if (transition?.to === 'unknown' && before && before.status !== 'unknown') service.resume = before;
      this.refreshView(service, now);
    }
  }

  /** The config this engine runs. */
  get config(): Config {
    return this.deps.config;
  }

  /** The ids of every service of the config. */
  serviceIds(): string[] {
    return [...this.services.keys()];
  }

  /** Every service as the board shows it now. */
  views(): ServiceView[] {
    return [...this.services.values()].map((s) => this.currentView(s));
  }

  /** Every service's status now, without building views (the metrics read them at each scrape). */
  statuses(): Status[] {
    return [...this.services.values()].map((s) => s.status);
  }

  view(serviceId: string): ServiceView | undefined {
    const service = this.services.get(serviceId);
    return service && this.currentView(service);
  }

  /** The view, rebuilt first if a result left it behind. */
  private currentView(service: ServiceRuntime): ServiceView {
    if (service.viewOutdated) this.refreshView(service, this.now());
    return service.view;
  }

  /** Check configs to schedule, with the service each belongs to. */
  checks(): Array<{ serviceId: string; check: CheckConfig }> {
    return [...this.services.values()].flatMap((s) => s.checks.flatMap((c) => (c.config ? [{ serviceId: s.config.id, check: c.config }] : [])));
  }

  /** One result of one check, or one report of a source (its id as `checkId`): state machine → bus → store (one transaction). */
  async record(serviceId: string, checkId: string, observation: Observation, at = this.now()): Promise<void> {
    if (this.stopped) return;
    const service = this.services.get(serviceId);
    const check = service?.checks.find((c) => c.id === checkId);
    if (!service || !check) throw new Error(`no check ${serviceId}/${checkId}`);
    // Another instance runs this service: its state machine is there. Only when that
    // instance cannot be reached is it recorded here, so that nothing is lost.
    if (!this.owns(serviceId) && (await this.deps.cluster?.forward(serviceId, checkId, observation, at))) return;

    const before = check.machine;
    const machine = nextMachineState(before, observation.outcome, at, check.thresholds);
    const last: LastResult = { at, outcome: observation.outcome, message: observation.message, latencyMs: observation.latencyMs };
    Object.assign(check, { machine, last });
    const checkTransition: Transition | undefined = machine.status !== before.status ? { from: before.status, to: machine.status, at } : undefined;
    if (checkTransition) this.logTransition(checkTransitionLine(serviceId, checkId, checkTransition, machine, observation.message));
    const serviceTransition = this.settleStatus(service, at);
    // Told before it is written: a board learns of a change without waiting on the
    // database (a write under load takes a few hundred ms), as it does when the write fails.
    const origin = check.origin ?? 'check';
    this.deps.bus.emit('check.result', { serviceId, type: check.type, origin, result: { checkId, ...last, details: observation.details ?? null } });
    this.publishResult(service, at);

    try {
      await this.deps.store.writeResult({
        serviceId,
        checkId,
        result: { ...last, details: observation.details },
        machine,
        checkTransition,
        serviceTransition,
      });
      this.storeWatch.succeeded();
    } catch (error) {
      this.storeWatch.failed(error, 'could not store a result; the board stays live but history has a gap', { serviceId, checkId });
    }
  }

  /**
   * Re-evaluates freshness for every service: a check whose last result has gone
   * stale turns the service unknown. Called about once a second.
   */
  async sweep(): Promise<void> {
    if (this.stopped) return;
    const now = this.now();
    if (now >= this.maintenanceChangeAt) {
      this.maintenanceChangeAt = this.deps.maintenance?.().nextChangeAfter(now) ?? Infinity;
      for (const service of this.services.values()) service.staleAt = -Infinity;
    }
    for (const service of this.services.values()) {
      if (now <= service.staleAt) continue;
      const transition = this.settleStatus(service, now);
      this.publish(service, now);
      // A mirrored service goes stale here as at its owner (never green unseen); only the owner stores it.
      if (transition && this.owns(service.config.id)) await this.storeServiceTransition(service.config.id, transition);
    }
  }

  stop(): void {
    this.stopped = true;
  }

  /** Judges every service again at the next sweep: a maintenance window was added or ended. */
  maintenanceChanged(): void {
    this.maintenanceChangeAt = -Infinity;
  }

  /**
   * Says the process was frozen for `ms` until `endedAt` (a SIGSTOP, a suspended VM, a
   * laptop asleep). No check could run meanwhile, so that time does not count against
   * the freshness of results: a freeze alone never turns a service unknown.
   */
  notePause(endedAt: number, ms: number): void {
    const windows = [...this.services.values()].flatMap((s) => s.checks.map((c) => c.freshnessMs));
    const longestWindow = Math.max(0, ...windows.filter(Number.isFinite));
    this.pauses = [...this.pauses.filter((p) => p.endedAt > endedAt - 2 * longestWindow - ms), { endedAt, ms }];
    for (const service of this.services.values()) service.staleAt = -Infinity; // re-judged at the next sweep
  }

  /** Frozen time since a result arrived: it is not held against that result. */
  private pausedSince(at: number): number {
    return this.pauses.reduce((sum, p) => (p.endedAt > at ? sum + p.ms : sum), 0);
  }

  /** A check as shown at `now`, its freshness judged without the time the process was frozen. */
  private checkView(check: CheckRuntime, now: number) {
    return viewCheck(check, this.checkNow(check, now));
  }

  private async storeServiceTransition(serviceId: string, transition: Transition): Promise<void> {
    try {
      await this.deps.store.writeServiceTransition(serviceId, transition);
      this.storeWatch.succeeded();
    } catch (error) {
      this.storeWatch.failed(error, 'could not store a service status change', { serviceId });
    }
  }

  /** Every status change is one log line, written where it is decided. */
  private logTransition(line: TransitionLine): void {
    this.deps.log.info(line, transitionMessage(line));
  }

  /** What a board shows of a check at `now`, the time the process was frozen not held against it (as `checkView`). */
  private checkNow(check: CheckRuntime, now: number): number {
    return check.last ? now - this.pausedSince(check.last.at) : now;
  }

  /**
   * What results can change of a service on the boards, its own and its dependents': its
   * status and since, and each check's status, since and message. While it stays the same,
   * a result changed only times and latencies, and its view is rebuilt only when read.
   */
  private resultKey(service: ServiceRuntime, now: number): string {
    return [`${service.status}@${service.since}`, ...service.checks.map((c) => checkBoardKey(c, this.checkNow(c, now)))].join('\n');
  }

  /** After a result: the views are built and told only when something a board shows changed. */
  private publishResult(service: ServiceRuntime, now: number): void {
    if (service.resultKey === this.resultKey(service, now)) {
      service.viewOutdated = true;
      return;
    }
    this.publish(service, now);
  }

  /** Recomputes a service's own status; returns the transition if it changed. */
  private settleStatus(service: ServiceRuntime, now: number): Transition | undefined {
    const maintained = this.deps.maintenance?.().activeFor(service.config.id, now);
    const status = maintained ? 'maintenance' : worstStatus(service.checks.map((c) => checkStatusAt(c, this.checkNow(c, now))));
    if (status === service.status && service.since !== null) return undefined;
    const transition = { from: service.since === null ? null : service.status, to: status, at: now };
    // Logged once in a cluster: by the instance that runs the service.
    if (this.owns(service.config.id)) {
      const checks = service.checks.map((c) => this.checkView(c, now));
      this.logTransition(serviceTransitionLine(service.config.id, transition, checks));
    }
    const resumed = service.resume?.status === status ? service.resume.since : null;
    if (status !== 'unknown') service.resume = null;
    service.status = status;
    service.since = resumed ?? now;
    return transition;
  }

  /** Rebuilds the views of a team's services after its on-call changed hands; announces each that changed. */
  refreshTeam(teamId: string): void {
    if (this.stopped) return;
    const now = this.now();
    for (const service of this.services.values()) {
      if (service.team?.id === teamId && this.refreshView(service, now)) this.deps.bus.emit('service.changed', service.view);
    }
  }

  /** Rebuilds the views of these services (what they show of an incident changed); announces each that changed. */
  refreshServices(serviceIds: readonly string[]): void {
    if (this.stopped) return;
    const now = this.now();
    for (const id of serviceIds) {
      const service = this.services.get(id);
      if (service && this.refreshView(service, now)) this.deps.bus.emit('service.changed', service.view);
    }
  }

  /** Rebuilds the view of a service and of those it impacts; announces each that changed. */
  private publish(service: ServiceRuntime, now: number): void {
    for (const id of [service.config.id, ...(this.dependents.get(service.config.id) ?? [])]) {
      const target = this.services.get(id)!;
      if (this.refreshView(target, now)) this.deps.bus.emit('service.changed', target.view);
    }
  }

  private refreshView(service: ServiceRuntime, now: number): boolean {
    service.view = viewService({
      id: service.config.id,
      name: service.config.name,
      team: service.team,
      dependsOn: service.config.dependsOn,
      links: service.config.links,
      status: service.status,
      since: service.since,
      impactedBy: impactedBy(
        service.config.id,
        (id) => this.services.get(id)?.config.dependsOn ?? [],
        (id) => this.services.get(id)?.status,
      ),
      checks: service.checks.map((c) => this.checkView(c, now)),
      upstream: service.upstream,
      oncall: service.team && this.deps.oncall ? this.deps.oncall(service.team.id) : null,
      incident: this.deps.incident?.(service.config.id) ?? null,
      maintenance: this.deps.maintenance?.().activeFor(service.config.id, now) ?? null,
      tags: service.config.tags ?? [],
    });
    service.staleAt = Math.min(
      ...service.checks.map((c) => {
        if (!c.last) return Infinity;
        const goesStaleAt = c.last.at + c.freshnessMs + this.pausedSince(c.last.at);
        return now <= goesStaleAt ? goesStaleAt : Infinity;
      }),
    );
    service.resultKey = this.resultKey(service, now);
    service.viewOutdated = false;
    const fingerprint = boardFingerprint(service.view);
    const changed = fingerprint !== service.fingerprint;
    service.fingerprint = fingerprint;
    return changed;
  }

  private transitiveDependents(id: string): string[] {
    const found = new Set<string>();
    const queue = [id];
    while (queue.length > 0) {
      const current = queue.shift()!;
      for (const s of this.services.values()) {
        if (s.config.dependsOn.includes(current) && s.config.id !== id && !found.has(s.config.id)) {
          found.add(s.config.id);
          queue.push(s.config.id);
        }
      }
    }
    return [...found];
  }
}
