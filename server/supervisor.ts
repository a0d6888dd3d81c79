import type { Config } from './config/schema';
import { Engine } from './engine/engine';
import { AppError } from './errors';
import type { Logger } from './log';
import { prepareMonitor, type Monitor, type MonitorDeps } from './monitor';
import { Roster } from './oncall/roster';
import { idleSources, type SourceSet } from './sources/running';

const HOUR_MS = 3_600_000;

export interface SupervisorDeps {
  /** The config in force at start. */
  config: Config;
  /** Its values from the environment, masked in every result. */
  secrets: string[];
  /** What a monitor needs, given the secrets of the config it watches. */
  monitorDeps(secrets: string[]): MonitorDeps;
  /** Deletes raw results and files older than `before`; run at start and hourly. */
  prune(before: number): Promise<unknown>;
  /** Raw results older than this are pruned. */
  resultRetentionMs: number;
  /** Told each time another config comes into force, so every board can be sent it. */
  onReplaced(): void;
  /** The process logger; the supervisor takes a child of it. */
  log: Logger;
}

/**
 * Owns the life cycle of the checks: starts them, puts a new config in force, prunes old
 * results, stops. Reloads and the stop run one after another, and one that fails never
 * holds up the next: the config in force stays, its checks keep running.
 */
export class Supervisor {
  private monitor: Monitor;
  private config: Config;
  private state: 'idle' | 'running' | 'stopping' = 'idle';
  private queue: Promise<void> = Promise.resolve();
  private stopped: Promise<void> | null = null;
  private pruneTimer: ReturnType<typeof setInterval> | undefined;
  private handingOver: Promise<void> | null = null;
  private readonly log: Logger;

  constructor(private readonly deps: SupervisorDeps) {
    this.config = deps.config;
    this.log = deps.log.child({ mod: 'supervisor' });
    const { store, bus, log } = deps.monitorDeps(deps.secrets);
    // Until start() the engine has the config but nothing runs; views already exist (all unknown).
    this.monitor = {
      engine: new Engine({ config: deps.config, store, bus, log }),
      roster: new Roster([], { people: [], log, onChange: () => undefined }),
      sources: idleSources(deps.config),
      stop: async () => undefined,
    };
  }

  /** The engine of the config in force. */
  get engine(): Engine {
    return this.monitor.engine;
  }

  /** Every team's on-call under the config in force. */
  get roster(): Roster {
    return this.monitor.roster;
  }

  /** The config in force. */
  get configInForce(): Config {
    return this.config;
  }

  /** The sources of the config in force. */
  get sources(): SourceSet {
    return this.monitor.sources;
  }

  /**
   * While one config hands over to the next, resolves when the new one's sources answer;
   * null otherwise. A push or webhook arriving in between waits for them, rather than
   * reaching sources that have stopped and would take it without recording it.
   */
  get handover(): Promise<void> | null {
    return this.handingOver;
  }

  /** Whether checks are running: started, and not stopping. */
  get running(): boolean {
    return this.state === 'running';
  }

  /** Restores state from the store and starts checking. */
  start(): Promise<void> {
    return this.enqueue(async () => {
      if (this.state !== 'idle') throw new AppError('already_started', 'the checks were already started');
      this.monitor = (await prepareMonitor(this.config, this.deps.monitorDeps(this.deps.secrets))).start();
      this.state = 'running';
      this.startPruning();
    });
  }

  /**
   * Puts a new, already validated config in force: services that stay keep their state
   * and history. Rejects, leaving the running config in force, when the new one cannot
   * be started or would empty a board that has services.
   */
  reload(config: Config, secrets: string[] = this.deps.secrets): Promise<void> {
    return this.enqueue(() => this.replace(config, secrets));
  }

  /** Stops the checks after any reload under way. Safe to call more than once. */
  stop(): Promise<void> {
    if (this.stopped) return this.stopped;
    this.state = 'stopping';
    clearInterval(this.pruneTimer);
    this.stopped = this.enqueue(() => this.monitor.stop());
    return this.stopped;
  }

  private enqueue(task: () => Promise<void>): Promise<void> {
    const done = this.queue.then(task);
    // The next task waits for this one, whatever its outcome.
    this.queue = done.catch(() => undefined);
    return done;
  }

  private async replace(config: Config, secrets: string[]): Promise<void> {
    if (this.state !== 'running') throw new AppError('not_running', `the checks are ${this.state === 'idle' ? 'not started yet' : 'stopping'}`);
    refuseEmptying(config, this.config);
    // Everything that can fail happens before the running checks are touched.
    const next = await prepareMonitor(config, this.deps.monitorDeps(secrets));
    let handedOver = () => {};
    this.handingOver = new Promise((resolve) => (handedOver = resolve));
    try {
      // Cancelling is immediate; from here on the old checks write nothing more.
      await this.monitor.stop();
      // Two engines never write the same check at once, so the new one reads again what the
      // old one wrote since it was prepared: counters, transitions and `since` carry over.
      await next
        .reread()
        .catch((error: unknown) =>
          this.log.warn({ err: error }, 'could not read the state again after the handover; going on with the state read a moment before'),
        );
      // A schedule the new config keeps as it was is not read from nothing: no board shows
      // "nobody on call" while a feed is fetched again after every reload.
      next.roster.adopt(this.monitor.roster);
      this.monitor = next.start();
      this.config = config;
    } finally {
      this.handingOver = null;
      handedOver();
    }
    this.deps.onReplaced();
  }

  private startPruning(): void {
    const prune = () => {
      this.deps.prune(Date.now() - this.deps.resultRetentionMs).catch((error: unknown) => this.log.error({ err: error }, 'pruning old results failed'));
    };
    // Once at start as well, so a server restarted more often than hourly still prunes.
    prune();
    this.pruneTimer = setInterval(prune, HOUR_MS);
    this.pruneTimer.unref();
  }
}

/** A config with no services replacing one with services is taken for a truncated or half-saved file. */
function refuseEmptying(next: Config, running: Config): void {
  if (next.services.length > 0 || running.services.length === 0) return;
  throw new AppError(
    'empty_config',
    `the new config has no services and the running one has ${running.services.length}; ` +
      'an empty file is taken for a save cut short (to run with no services, restart with that config)',
  );
}
