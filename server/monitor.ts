import { setMaxListeners } from 'node:events';
import { getCheckType } from './checks/registry';
import { runCheck } from './checks/runner';
import type { RunContext } from './checks/types';
import type { Config } from './config/schema';
import type { EventBus } from './engine/bus';
import { Engine, type EngineCluster, type MaintenanceLookup } from './engine/engine';
import { workMap, type Ownership } from './cluster/ownership';
import type { IncidentBrief } from '../shared/api';
import { Scheduler, type ScheduledJob } from './engine/scheduler';
import type { WorkMap } from './cluster/ownership';
import type { Logger } from './log';
import { throttledReporter } from './log-throttle';
import { previousReports, startSources, type SourceSet } from './sources/running';
import type { Store } from './store/store';
import { Roster, type LayerReading } from './oncall/roster';
import { layerSpecs } from './oncall/specs';

export interface MonitorDeps {
  store: Store;
  bus: EventBus;
  log: Logger;
  context: RunContext;
  /** Masks values from the environment in every result. */
  redact: (text: string) => string;
  /** Those values, for the sources to mask with their own tokens in one pass. */
  secrets: readonly string[];
  concurrency: number;
  sweepMs: number;
  maxInitialSpreadMs?: number | undefined;
  /** The incident each tile shows (see `server/incidents/book.ts`). */
  incident?: ((serviceId: string) => IncidentBrief | null) | undefined;
  /** The maintenance calendar in force. */
  maintenance?: (() => MaintenanceLookup) | undefined;
  /** Several instances share the work: this one runs the services of the shards it holds. */
  cluster?: MonitorCluster | undefined;
}

/** What a monitor needs to run its share of the work of a cluster. */
export interface MonitorCluster extends EngineCluster {
  ownership: Ownership;
  /** Before this instance runs these services (taken over from another): their incidents are read in. */
  taking(serviceIds: readonly string[]): Promise<void>;
  /** After it started running them: their pages left unsent are sent from here. */
  taken(serviceIds: readonly string[]): void;
  /** Tells the other instances what an on-call feed this instance leads said. */
  toldOncall(reading: LayerReading): void;
}

/** One config being watched: its engine, the scheduler that feeds it, the freshness sweep. */
export interface Monitor {
  engine: Engine;
  /** Every team's on-call for this config. */
  roster: Roster;
  /** The config's sources, taking messages. */
  sources: SourceSet;
  /** Stops scheduling, cancels runs in flight and waits for them; the engine ignores late results. */
  stop(): Promise<void>;
}

/** A monitor built and restored from the store, not yet checking anything. */
export interface PreparedMonitor {
  /** Holds the restored state; announces nothing until started. */
  engine: Engine;
  roster: Roster;
  /**
   * Reads the state again from the store, for what the monitor it replaces wrote since
   * this one was prepared (results, a push's time).
   */
  reread(): Promise<void>;
  /** Starts the checks, the sources and the freshness sweep. Call at most once. */
  start(): Monitor;
}

/** A sweep this much later than due means the process was frozen, not merely busy. */
export const PAUSE_THRESHOLD_MS = 1_500;

/**
 * Builds everything a config needs and restores its state from the store, without
 * starting a check: whatever can fail fails here, before anything running is touched.
 */
export async function prepareMonitor(config: Config, deps: MonitorDeps): Promise<PreparedMonitor> {
  // The engine shows each team's on-call, and the roster tells the engine when it changes hands.
  const work = workMap(config);
  const oncallLog = deps.log.child({ mod: 'oncall' });
  // Unreadable, it is as if nothing was kept: each feed is read anew, as on a first start.
  const remembered = await deps.store.oncallReadings().catch((error: unknown) => {
    oncallLog.warn({ err: error }, 'could not read the on-call answers kept from before; each feed is read anew');
    return [];
  });
  const roster: Roster = new Roster(layerSpecs(config), {
    people: config.people,
    log: deps.log,
    remembered,
    remember: (reading) =>
      void deps.store
        .saveOncallReading(reading)
        .catch((error: unknown) => oncallLog.warn({ err: error, team: reading.teamId }, 'could not keep an on-call answer for the next start')),
    cluster: deps.cluster && {
      leads: (teamId) => deps.cluster!.ownership.holds(work.ofTeam(teamId)),
      told: (reading) => deps.cluster!.toldOncall(reading),
    },
    // The strip's change goes out first, then the services' deltas: one message before ten per team.
    onChange: (teams) => {
      deps.bus.emit('oncall.changed', teams);
      for (const team of teams) engine.refreshTeam(team.team.id);
    },
  });
  const engine = new Engine({
    config,
    store: deps.store,
    bus: deps.bus,
    log: deps.log.child({ mod: 'engine' }),
    oncall: (teamId) => roster.primaryNow(teamId),
    incident: deps.incident,
    maintenance: deps.maintenance,
    cluster: deps.cluster,
  });
  const stopping = new AbortController();
  // Every run in flight listens for the stop; thousands at once are expected, not a leak.
  setMaxListeners(0, stopping.signal);
  const jobs: ScheduledJob[] = engine.checks().map(({ serviceId, check }) => {
    const type = getCheckType(check.type);
    return {
      key: `${serviceId}/${check.id}`,
      intervalMs: check.interval,
      run: async () => {
        const observation = await runCheck(type, check, { stop: stopping.signal, context: deps.context, redact: deps.redact });
        await engine.record(serviceId, check.id, observation);
      },
    };
  });
  await engine.restore();
  let previous = await previousReports(config, deps.store);
  const sourceCluster = deps.cluster && {
    leads: (sourceId: string) => deps.cluster!.ownership.holds(work.ofSource(sourceId)),
    reread: () => previousReports(config, deps.store),
  };
  const sources = () =>
    startSources(config, previous, { engine, store: deps.store, bus: deps.bus, log: deps.log, secrets: deps.secrets, cluster: sourceCluster });
  const reread = async () => {
    await engine.restore();
    previous = await previousReports(config, deps.store);
  };
  return { engine, roster, reread, start: () => run(engine, roster, jobs, stopping, deps, sources()) };
}

/** Restores the engine's state from the store, then starts every check of the config. */
export async function startMonitor(config: Config, deps: MonitorDeps): Promise<Monitor> {
  return (await prepareMonitor(config, deps)).start();
}

function run(engine: Engine, roster: Roster, jobs: ScheduledJob[], stopping: AbortController, deps: MonitorDeps, sources: SourceSet): Monitor {
  const checkLog = deps.log.child({ mod: 'checks' });
  const scheduler = new Scheduler({
    concurrency: deps.concurrency,
    maxInitialSpreadMs: deps.maxInitialSpreadMs,
    onSkip: (key, { startup }) =>
      startup
        ? checkLog.debug({ check: key }, 'first run still in flight at start-up; skipping this turn')
        : checkLog.warn({ check: key }, 'previous run still in flight; skipping this turn'),
    onError: throttledReporter(checkLog, 'a check run failed before its result was recorded'),
  });
  let stopShare = () => Promise.resolve();
  if (deps.cluster) stopShare = runShare(engine, scheduler, jobs, deps.cluster, workMap(engine.config), () => sources.follow());
  else scheduler.start(jobs);
  roster.start();
  let lastTick = Date.now();
  const sweep = setInterval(() => {
    const now = Date.now();
    // A tick this late means the whole process stood still: tell the engine before it
    // judges freshness (on resume this runs before any check's result, which needs I/O).
    const late = now - lastTick - deps.sweepMs;
    lastTick = now;
    if (late > PAUSE_THRESHOLD_MS) engine.notePause(now, late);
    void engine.sweep();
  }, deps.sweepMs);
  return {
    engine,
    roster,
    sources,
    async stop() {
      await stopShare();
      clearInterval(sweep);
      roster.stop();
      engine.stop();
      stopping.abort();
      await Promise.all([scheduler.stop(), sources.stop()]);
    },
  };
}

/**
 * Runs the checks of the services whose shards this instance holds, and follows the
 * shards as they move: a service let go stops here (its runs in flight finish first)
 * before its shard is released; one taken starts from the state its last owner stored.
 * Returns what ends it.
 */
function runShare(
  engine: Engine,
  scheduler: Scheduler,
  jobs: readonly ScheduledJob[],
  cluster: MonitorCluster,
  work: WorkMap,
  followSources: () => Promise<void>,
): () => Promise<void> {
  const jobsOf = new Map<string, ScheduledJob[]>();
  for (const job of jobs) {
    const serviceId = job.key.slice(0, job.key.indexOf('/'));
    jobsOf.set(serviceId, [...(jobsOf.get(serviceId) ?? []), job]);
  }
  const running = new Set<string>();
  let stopped = false;
  let queue = Promise.resolve();
  scheduler.start([]);
  const follow = async () => {
    const want = new Set(engine.serviceIds().filter((id) => !stopped && cluster.ownership.holds(work.ofService(id))));
    const lost = [...running].filter((id) => !want.has(id));
    const gained = [...want].filter((id) => !running.has(id));
    if (lost.length > 0) {
      await scheduler.remove(lost.flatMap((id) => (jobsOf.get(id) ?? []).map((j) => j.key)));
      engine.release(lost);
      for (const id of lost) running.delete(id);
    }
    if (gained.length > 0 && !stopped) {
      await cluster.taking(gained);
      await engine.take(gained);
      for (const id of gained) running.add(id);
      scheduler.add(
        gained.flatMap((id) => (jobsOf.get(id) ?? []).map((job) => ({ ...job, lastRunAt: engine.lastResultAt(id, job.key.slice(id.length + 1)) }))),
      );
      cluster.taken(gained);
    }
  };
  const enqueue = () => (queue = queue.then(follow, follow).then(followSources));
  const unsubscribe = cluster.ownership.onChange(() => enqueue());
  void enqueue();
  return async () => {
    stopped = true;
    unsubscribe();
    await enqueue();
  };
}
