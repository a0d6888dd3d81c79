import type { OncallLayerView, OncallNow, OncallPerson, TeamOncallView, TeamRef } from '../../shared/api';
import type { Logger } from '../log';
import type { StoredOncallReading } from '../store/store';
import { joinShifts, nowAndNext, type PersonShift } from './now-next';
import { getOncallProvider } from './registry';
import type { Shift } from './types';
import { resolvePerson, type KnownPerson } from './who';

/** One layer of one team's on-call, as the config gives it, ready to ask. */
export interface LayerSpec {
  team: TeamRef;
  layer: OncallLayerView['layer'];
  /** The provider's key (`rotation`, `ics`, …) and its parsed config. */
  provider: string;
  config: unknown;
  /** What the team's overrides make of the provider's shifts (none: as they are). */
  overlay?: (shifts: Shift[]) => Shift[];
  /** The layer as configured (schedule and overrides), to tell whether a new config changed it. */
  key?: string;
  /** Which feed it reads (a hash of provider and config), to tell whether a kept answer is its own. */
  feed?: string;
}

export interface RosterDeps {
  people: readonly KnownPerson[];
  log: Logger;
  /** Told the teams whose on-call changed: at the instant of a handoff, or when a schedule read anew says otherwise. */
  onChange(teams: TeamOncallView[]): void;
  now?: () => number;
  /**
   * Several instances: a feed (a calendar, PagerDuty, GoAlert) is read by the instance
   * that leads its team, which tells the others what it read. Each instance still reads
   * once at its start, so it has an answer before the leader next reads.
   */
  cluster?: RosterCluster | undefined;
  /**
   * The feeds' answers kept from before a restart: each layer starts from its own, said to
   * be as of then, until its feed answers again (a feed down at a restart then still shows,
   * and pages, who it said was on call).
   */
  remembered?: readonly StoredOncallReading[];
  /** Keeps a feed's answer for the next start. */
  remember?: (reading: StoredOncallReading) => void;
}

/** What the roster asks of the cluster. */
export interface RosterCluster {
  leads(teamId: string): boolean;
  /** Tells the other instances what a layer's feed said. */
  told(reading: LayerReading): void;
}

/** What one layer's feed said, as one instance tells the others. */
export interface LayerReading {
  teamId: string;
  layer: OncallLayerView['layer'];
  /** The layer as configured: a reading of another schedule is not taken. */
  key: string | undefined;
  shifts: PersonShift[] | null;
  asOf: number | null;
  problem: string | null;
}

const HOUR_MS = 3_600_000;
const DAY_MS = 24 * HOUR_MS;
/** The stretch of time asked of a provider: enough behind for "since", ahead for "next". */
const LOOK_BEHIND_MS = DAY_MS;
const LOOK_AHEAD_MS = 14 * DAY_MS;
/** A schedule that never changes by itself (pure maths) is worked out again this often, as its window moves. */
const PURE_REFRESH_MS = 6 * HOUR_MS;
/** Timers cannot wait longer than about 24 days; a far handoff is waited for in steps. */
const LONGEST_WAIT_MS = DAY_MS;

/** Keeps a layer's last good answer, and why the latest read failed. */
class LayerWatch {
  shifts: PersonShift[] | null = null;
  asOf: number | null = null;
  problem: string | null = null;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly controller = new AbortController();
  private stopped = false;

  private reads = 0;

  constructor(
    readonly spec: LayerSpec,
    private readonly deps: Required<Pick<RosterDeps, 'people' | 'log' | 'now'>> & Pick<RosterDeps, 'cluster' | 'remember'>,
    private readonly changed: () => void,
  ) {}

  /** Takes what the instance leading the team read. */
  learn(reading: LayerReading): void {
    if (this.stopped) return;
    this.shifts = reading.shifts;
    this.asOf = reading.asOf;
    this.problem = reading.problem;
    this.changed();
  }

  /** Starts from a kept answer of this very feed, unless it has one already (adopted across a reload). */
  recall(remembered: readonly StoredOncallReading[]): void {
    if (this.shifts !== null || this.spec.feed === undefined) return;
    const kept = remembered.find((r) => r.teamId === this.spec.team.id && r.layer === this.spec.layer && r.feed === this.spec.feed);
    if (!kept) return;
    this.shifts = this.resolve(kept.shifts);
    this.asOf = kept.asOf;
  }

  start(): void {
    void this.read();
  }

  /** The last answer another watch of the same layer had, as this one's until it reads its own. */
  adopt(previous: LayerWatch): void {
    this.shifts = previous.shifts;
    this.asOf = previous.asOf;
    this.problem = previous.problem;
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.controller.abort();
  }

  view(now: number): OncallLayerView {
    const { now: current, next } = nowAndNext(this.shifts ?? [], now);
    return {
      layer: this.spec.layer,
      now: current,
      next,
      source: { provider: this.spec.provider, asOf: this.asOf === null ? null : new Date(this.asOf).toISOString(), problem: this.problem },
    };
  }

  /** Who is on call now, without working out who is next. */
  current(now: number): OncallNow {
    return nowAndNext(this.shifts ?? [], now).now;
  }

  /** A provider's shifts as shown: the team's overrides applied, each person matched with `people:`. */
  private resolve(raw: Shift[]): PersonShift[] {
    const overlaid = this.spec.overlay ? this.spec.overlay(raw) : raw;
    return joinShifts(overlaid.map((s) => ({ person: resolvePerson(s.who, this.deps.people), from: s.from, to: s.to })));
  }

  changesAt(now: number): number | null {
    return this.shifts ? nowAndNext(this.shifts, now).changesAt : null;
  }

  /** Asks the provider; a failure keeps the last good answer and says why. Never overlaps itself. */
  private async read(): Promise<void> {
    const provider = getOncallProvider(this.spec.provider);
    const now = this.deps.now();
    const every = provider.refreshMs(this.spec.config) ?? PURE_REFRESH_MS;
    const cluster = this.deps.cluster;
    // A feed another instance leads is read there, and told here; worked-out rotations cost nothing to read anywhere.
    const fetched = provider.refreshMs(this.spec.config) !== null;
    if (cluster && fetched && this.reads > 0 && !cluster.leads(this.spec.team.id)) {
      this.timer = setTimeout(() => void this.read(), every);
      this.timer.unref();
      return;
    }
    this.reads += 1;
    let retryAfterMs = 0;
    try {
      const raw = await provider.shifts(
        this.spec.config,
        { from: now - LOOK_BEHIND_MS, to: now + LOOK_AHEAD_MS },
        { signal: this.controller.signal, log: this.deps.log, now: this.deps.now },
      );
      if (this.stopped) return;
      this.shifts = this.resolve(raw);
      this.asOf = this.deps.now();
      this.problem = null;
      if (fetched && this.spec.feed !== undefined) {
        this.deps.remember?.({ teamId: this.spec.team.id, layer: this.spec.layer, feed: this.spec.feed, shifts: raw, asOf: this.asOf });
      }
    } catch (error) {
      if (this.stopped) return;
      this.problem = error instanceof Error ? error.message : String(error);
      retryAfterMs = retryAfterOf(error);
      this.deps.log.warn(
        { team: this.spec.team.id, layer: this.spec.layer, reason: this.problem },
        'could not read the on-call schedule; keeping the last answer',
      );
    }
    this.changed();
    if (cluster && fetched && cluster.leads(this.spec.team.id)) {
      cluster.told({ teamId: this.spec.team.id, layer: this.spec.layer, key: this.spec.key, shifts: this.shifts, asOf: this.asOf, problem: this.problem });
    }
    this.timer = setTimeout(() => void this.read(), Math.max(every, retryAfterMs));
    this.timer.unref();
  }
}

const sameSpec = (a: LayerSpec, b: LayerSpec) => a.team.id === b.team.id && a.layer === b.layer && a.key !== undefined && a.key === b.key;

/** The wait a provider asked for on its error (`retryAfterMs`, from a 429's Retry-After); 0 when none. */
function retryAfterOf(error: unknown): number {
  const wait = (error as { retryAfterMs?: unknown } | null)?.retryAfterMs;
  return typeof wait === 'number' && Number.isFinite(wait) && wait > 0 ? wait : 0;
}

/**
 * Every team's on-call for one config: reads each layer's schedule, keeps the last good
 * answer when a read fails, and wakes at the instant the next handoff is due, so boards
 * hear of it then, not at the next poll.
 */
export class Roster {
  private readonly watches: LayerWatch[];
  /** Each team with its layers, primary first: asked for on every service view the engine builds. */
  private readonly teams: Array<{ team: TeamRef; layers: LayerWatch[] }>;
  private readonly primaries = new Map<string, LayerWatch>();
  private readonly shown = new Map<string, string>();
  private timer: ReturnType<typeof setTimeout> | undefined;
  private readonly now: () => number;
  private started = false;

  constructor(
    specs: readonly LayerSpec[],
    private readonly deps: RosterDeps,
  ) {
    this.now = deps.now ?? Date.now;
    const inner = { people: deps.people, log: deps.log.child({ mod: 'oncall' }), now: this.now, cluster: deps.cluster, remember: deps.remember };
    this.watches = specs.map((spec) => new LayerWatch(spec, inner, () => this.settle()));
    const byTeam = new Map<string, { team: TeamRef; layers: LayerWatch[] }>();
    for (const watch of this.watches) {
      const { team } = watch.spec;
      const entry = byTeam.get(team.id) ?? byTeam.set(team.id, { team, layers: [] }).get(team.id)!;
      entry.layers.push(watch);
      if (watch.spec.layer === 'primary') this.primaries.set(team.id, watch);
    }
    this.teams = [...byTeam.values()];
  }

  /** Takes the answers of another roster's layers that are the same here (team, layer, schedule and overrides). */
  adopt(previous: Roster): void {
    for (const watch of this.watches) {
      const same = previous.watches.find((w) => sameSpec(w.spec, watch.spec));
      if (same) watch.adopt(same);
    }
  }

  /** Takes what another instance read of a layer's feed, if this config has that layer as configured there. */
  learn(reading: LayerReading): void {
    const watch = this.watches.find((w) => w.spec.team.id === reading.teamId && w.spec.layer === reading.layer && w.spec.key === reading.key);
    watch?.learn(reading);
  }

  start(): void {
    this.started = true;
    for (const watch of this.watches) watch.recall(this.deps.remembered ?? []);
    for (const watch of this.watches) watch.start();
    // What it knows from the start (answers adopted across a reload) is shown at once.
    this.settle();
  }

  stop(): void {
    this.started = false;
    clearTimeout(this.timer);
    for (const watch of this.watches) watch.stop();
  }

  /** Every team with an on-call schedule, primary layer first. */
  views(): TeamOncallView[] {
    const now = this.now();
    return this.teams.map((entry) => this.teamView(entry, now));
  }

  /** A team's primary on-call now; null when the team has no schedule. */
  primaryNow(teamId: string): OncallNow | null {
    return this.primaries.get(teamId)?.current(this.now()) ?? null;
  }

  /** Who is on call now on one layer of a team: the person paged at that escalation step; null when nobody or no such layer. */
  personNow(teamId: string, layer: OncallLayerView['layer']): OncallPerson | null {
    const entry = this.teams.find((t) => t.team.id === teamId);
    const watch = entry?.layers.find((w) => w.spec.layer === layer);
    return watch?.view(this.now()).now.person ?? null;
  }

  private teamView({ team, layers }: { team: TeamRef; layers: LayerWatch[] }, now: number): TeamOncallView {
    return { team, layers: layers.map((w) => w.view(now)) };
  }

  /** Tells of the teams whose view changed, then waits for the next instant one will. */
  private settle(): void {
    if (!this.started) return;
    clearTimeout(this.timer);
    const now = this.now();
    const changed: TeamOncallView[] = [];
    for (const entry of this.teams) {
      const view = this.teamView(entry, now);
      const key = JSON.stringify(view.layers.map((l) => [l.now, l.next, l.source.problem]));
      if (this.shown.get(entry.team.id) === key) continue;
      this.shown.set(entry.team.id, key);
      changed.push(view);
    }
    if (changed.length > 0) this.deps.onChange(changed);
    const due = this.watches.map((w) => w.changesAt(now)).filter((at): at is number => at !== null && at > now);
    if (due.length === 0) return;
    // Just after the instant: a shift's end is exclusive, so at `to` the next one holds.
    const wait = Math.min(Math.min(...due) - now + 1, LONGEST_WAIT_MS);
    this.timer = setTimeout(() => this.settle(), wait);
    this.timer.unref();
  }
}
