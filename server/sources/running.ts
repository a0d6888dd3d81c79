import { createHash } from 'node:crypto';
import type { RequestHandler } from 'express';
import type { SourceView, UnmappedAlertView } from '../../shared/api';
import { createRedactor, redactObservation } from '../checks/redact';
import type { Observation } from '../checks/types';
import type { Config, SourceConfig } from '../config/schema';
import type { EventBus } from '../engine/bus';
import type { Engine } from '../engine/engine';
import type { Logger } from '../log';
import type { Store, StoredSourceHealth } from '../store/store';
import { getSourceType } from './registry';
import { SilenceWatch } from './silence-watch';
import { HealthBook } from './source-health';
import type { PreviousReport, RunningSource, SourceContext } from './types';
import { servicesOfSource } from '../engine/source-entries';

/** The sources of one config: where their messages go, their health, their stop. */
export interface SourceSet {
  /** What answers `POST /api/sources/{id}/webhook` for this id, if a source takes webhooks there (an id none has is told as `source.unaddressed`). */
  webhook(id: string): RequestHandler | undefined;
  /** What answers `/api/push/{token}` for this token, if a push source has it (a token none has is told as `source.unaddressed`). */
  push(token: string): RequestHandler | undefined;
  /** The alerts held by every alert source that fit no service on the board. */
  unmapped(): UnmappedAlertView[];
  /** Every configured source with its health (in a cluster, as stored for those running elsewhere). */
  list(): SourceView[];
  /** The ids of the sources running on this instance (in a cluster, those it leads). */
  runningHere(): Set<string>;
  /** The id of the source a push token or webhook id belongs to, wherever it runs; undefined when none has it. */
  sourceFor(kind: 'push' | 'webhook', key: string): string | undefined;
  /** Starts the sources this instance leads now and stops those it no longer does (a cluster's shards moved). */
  follow(): Promise<void>;
  stop(): Promise<void>;
}

export interface SourceDeps {
  engine: Engine;
  store: Store;
  log: Logger;
  /** Values from the environment, masked in every message a source reports. */
  secrets: readonly string[];
  /** Told (as `alerts.unmapped`) when the alerts that fit no service change, and of each message taken or refused (`source.message`). */
  bus?: EventBus;
  now?: () => number;
  /** Several instances: each source runs on the one that leads it. */
  cluster?: SourceCluster | undefined;
}

/** What the sources of a config ask of the cluster. */
export interface SourceCluster {
  /** Whether this instance runs the source now. */
  leads(sourceId: string): boolean;
  /** What the sources left in the store: read again for one this instance takes over. */
  reread(): Promise<SourcePast>;
}

/** Changes to the unmapped alerts reach the boards at most this often: each costs a look at every alert held. */
const UNMAPPED_SETTLE_MS = 250;

/** Push tokens are looked up by their digest: a lookup that takes the same time whatever the token is close to. */
const tokenKey = (token: string) => createHash('sha256').update(token).digest('hex');

const servicesOf = (config: Config) => (source: SourceConfig) => servicesOfSource(config, source);

/** The sources of a config before they start: listed, not answering. */
export function idleSources(config: Config): SourceSet {
  const books = config.sources.map((source) => new HealthBook({ sourceId: source.id, stored: null, now: Date.now }));
  return {
    webhook: () => undefined,
    push: () => undefined,
    sourceFor: () => undefined,
    unmapped: () => [],
    list: () => listing(config, books),
    runningHere: () => new Set(),
    follow: async () => undefined,
    stop: async () => undefined,
  };
}

/** What the sources of a config left in the store before this start, so each resumes where it was. */
export interface SourcePast {
  /** The last result stored for each service under each source's id, keyed `service/source`. */
  reports: Map<string, PreviousReport>;
  /** The health each source had, by source id. */
  health: Map<string, StoredSourceHealth>;
}

/** Reads what the sources of the config reported last, and their health, before this start. */
export async function previousReports(config: Config, store: Store): Promise<SourcePast> {
  const reports = new Map<string, PreviousReport>();
  const serviceIds = new Set(config.sources.flatMap(servicesOf(config)));
  for (const serviceId of serviceIds) {
    const { latest } = await store.serviceHistory(serviceId, 0, 0, 0);
    for (const result of latest) reports.set(`${serviceId}/${result.checkId}`, result);
  }
  const health = new Map((await store.loadSourceHealth()).map((h) => [h.sourceId, h]));
  return { reports, health };
}

/** The secrets each source of the config names itself (tokens), wherever they were written. */
export function sourceSecrets(config: Config): string[] {
  return config.sources.flatMap((source) => getSourceType(source.type).secrets(source as never));
}

/** One source once started, with the health and the silence watched around it. */
interface Started {
  book: HealthBook;
  silence: SilenceWatch;
  running: RunningSource;
}

/**
 * Starts every source of the config, each feeding the engine through its own context.
 * Between the two stand its health (kept in the store) and its silence (`silentAfter`).
 */
export function startSources(config: Config, previous: SourcePast, deps: SourceDeps): SourceSet {
  const now = deps.now ?? Date.now;
  // Tokens written in the file itself, not taken from the environment, are masked as well:
  // one redactor for both, as every report of thousands of sources is read once, not twice.
  const redact = createRedactor([...deps.secrets, ...sourceSecrets(config)]);
  let unmappedTimer: ReturnType<typeof setTimeout> | undefined;
  const unmapped = () => slots.flatMap(({ started }) => started?.running.unmapped?.() ?? []);
  const unmappedChanged = () => {
    if (!deps.bus || unmappedTimer) return;
    unmappedTimer = setTimeout(() => {
      unmappedTimer = undefined;
      deps.bus?.emit('alerts.unmapped', unmapped());
    }, UNMAPPED_SETTLE_MS);
    unmappedTimer.unref();
  };
  const leads = (source: SourceConfig) => deps.cluster?.leads(source.id) ?? true;
  const begin = (source: SourceConfig, past: SourcePast) => startOne(config, source, past, { ...deps, now, redact, unmappedChanged });
  // In a cluster a source runs on one instance, the one holding its shard; elsewhere it is
  // listed with its stored health, and its messages are handed to that instance.
  const slots: Slot[] = config.sources.map((source) => ({
    source,
    started: leads(source) ? begin(source, previous) : null,
    idle: new HealthBook({ sourceId: source.id, stored: previous.health.get(source.id) ?? null, now }),
  }));
  // After the start returns: sources stopped at once report nothing. The boards learn the
  // alerts this config leaves unmapped even when it has no alert source (a reload removed it).
  const judging = setImmediate(() => {
    slots.forEach(({ started }) => started?.silence.start());
    unmappedChanged();
  });
  const webhooks = new Map<string, Slot>();
  const pushes = new Map<string, Slot>();
  for (const slot of slots) {
    const address = getSourceType(slot.source.type).address?.(slot.source as never);
    if (address?.kind === 'webhook') webhooks.set(slot.source.id, slot);
    else if (address?.kind === 'push') pushes.set(tokenKey(address.token), slot);
  }
  // Told where it is found out, so a job still pushing to an old token shows in the metrics.
  const unaddressed = (kind: 'push' | 'webhook') => void deps.bus?.emit('source.unaddressed', { kind });
  let stopped = false;
  let following = Promise.resolve();
  const follow = async () => {
    const starting = slots.filter((slot) => !slot.started && leads(slot.source));
    const stopping = slots.filter((slot) => slot.started && !leads(slot.source));
    for (const slot of stopping) {
      const started = slot.started!;
      slot.started = null;
      started.silence.stop();
      await started.running.stop();
      await started.book.close();
    }
    if (starting.length === 0 || stopped) return;
    // Taken over: from where its last runner left it in the store, not from this start.
    const past = (await deps.cluster?.reread()) ?? previous;
    for (const slot of starting) {
      if (stopped || !leads(slot.source)) continue;
      slot.started = begin(slot.source, past);
      slot.started.silence.start();
    }
    unmappedChanged();
  };
  const local = (slot: Slot | undefined) => slot?.started?.running.handle;
  return {
    webhook: (id) => local(webhooks.get(id)) ?? (webhooks.has(id) ? undefined : unaddressed('webhook')),
    push: (token) => local(pushes.get(tokenKey(token))) ?? (pushes.has(tokenKey(token)) ? undefined : unaddressed('push')),
    sourceFor: (kind, key) => (kind === 'webhook' ? webhooks.get(key) : pushes.get(tokenKey(key)))?.source.id,
    unmapped,
    list: () =>
      listing(
        config,
        slots.map((slot) => slot.started?.book ?? slot.idle),
      ),
    runningHere: () => new Set(slots.filter((slot) => slot.started).map((slot) => slot.source.id)),
    follow: () => (following = following.then(follow, follow)),
    stop: async () => {
      stopped = true;
      clearImmediate(judging);
      clearTimeout(unmappedTimer);
      await following;
      const running = slots.flatMap(({ started }) => started ?? []);
      running.forEach(({ silence }) => silence.stop());
      await Promise.all(running.map(({ running }) => running.stop()));
      // Saved before the stop returns: a reload reads it back at once.
      await Promise.all(running.map(({ book }) => book.close()));
    },
  };
}

/** A source of the config: running here, or (in a cluster) on another instance. */
interface Slot {
  source: SourceConfig;
  started: Started | null;
  /** Its health as stored, listed while it runs elsewhere. */
  idle: HealthBook;
}

function startOne(
  config: Config,
  source: SourceConfig,
  previous: SourcePast,
  deps: SourceDeps & { now: () => number; redact: (text: string) => string; unmappedChanged: () => void },
): Started {
  const log = deps.log.child({ mod: `sources.${source.type}`, source: source.id });
  const services = servicesOf(config)(source);
  const book = new HealthBook({
    sourceId: source.id,
    stored: previous.health.get(source.id) ?? null,
    save: (health) => deps.store.writeSourceHealth(health),
    onSaveError: (error) => log.warn({ err: error }, "could not save the source's health; it is kept in memory and saved at the next change"),
    now: deps.now,
  });
  const silence = new SilenceWatch({
    sourceId: source.id,
    silentAfterMs: source.silentAfter,
    services,
    stored: (serviceId) => previous.reports.get(`${serviceId}/${source.id}`) ?? null,
    lastReceivedAt: () => book.lastReceivedAt,
    record: (serviceId, observation, at) => deps.engine.record(serviceId, source.id, observation, at),
    log,
    now: deps.now,
  });
  const context: SourceContext = {
    services,
    report: (serviceId: string, observation: Observation, at = deps.now()) => silence.report(serviceId, redactObservation(observation, deps.redact), at),
    previous: (serviceId) => silence.previous(serviceId),
    received: () => {
      book.noteReceived();
      silence.received();
      deps.bus?.emit('source.message', { sourceId: source.id, type: source.type, outcome: 'accepted' });
    },
    failed: (reason) => {
      book.noteFailed(deps.redact(reason));
      deps.bus?.emit('source.message', { sourceId: source.id, type: source.type, outcome: 'rejected' });
    },
    unmappedChanged: deps.unmappedChanged,
    log,
    now: deps.now,
  };
  return { book, silence, running: getSourceType(source.type).start(source as never, context) };
}

function listing(config: Config, books: HealthBook[]): SourceView[] {
  return config.sources.map((source, index) => ({ id: source.id, type: source.type, services: [...servicesOf(config)(source)], health: books[index]!.view() }));
}
