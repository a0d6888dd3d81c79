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
  /** Every configured source with its health. */
  list(): SourceView[];
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
    unmapped: () => [],
    list: () => listing(config, books),
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
  const unmapped = () => started.flatMap(({ running }) => running.unmapped?.() ?? []);
  const unmappedChanged = () => {
    if (!deps.bus || unmappedTimer) return;
    unmappedTimer = setTimeout(() => {
      unmappedTimer = undefined;
      deps.bus?.emit('alerts.unmapped', unmapped());
    }, UNMAPPED_SETTLE_MS);
    unmappedTimer.unref();
  };
  const started = config.sources.map((source) => startOne(config, source, previous, { ...deps, now, redact, unmappedChanged }));
  // After the start returns: sources stopped at once report nothing. The boards learn the
  // alerts this config leaves unmapped even when it has no alert source (a reload removed it).
  const judging = setImmediate(() => {
    started.forEach(({ silence }) => silence.start());
    unmappedChanged();
  });
  const webhooks = new Map<string, RequestHandler>();
  const pushes = new Map<string, RequestHandler>();
  started.forEach(({ running }, index) => {
    const source = config.sources[index]!;
    const address = getSourceType(source.type).address?.(source as never);
    if (!address || !running.handle) return;
    if (address.kind === 'webhook') webhooks.set(source.id, running.handle);
    else pushes.set(tokenKey(address.token), running.handle);
  });
  const books = started.map(({ book }) => book);
  // Told where it is found out, so a job still pushing to an old token shows in the metrics.
  const unaddressed = (kind: 'push' | 'webhook') => void deps.bus?.emit('source.unaddressed', { kind });
  return {
    webhook: (id) => webhooks.get(id) ?? unaddressed('webhook'),
    push: (token) => pushes.get(tokenKey(token)) ?? unaddressed('push'),
    unmapped,
    list: () => listing(config, books),
    stop: async () => {
      clearImmediate(judging);
      clearTimeout(unmappedTimer);
      started.forEach(({ silence }) => silence.stop());
      await Promise.all(started.map(({ running }) => running.stop()));
      // Saved before the stop returns: a reload reads it back at once.
      await Promise.all(books.map((book) => book.close()));
    },
  };
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
