import type { NextFunction, Request, RequestHandler, Response, Router } from 'express';
import type { SourceHealth, SourceView } from '../../shared/api';
import { createRedactor, redactObservation } from '../checks/redact';
import type { Observation } from '../checks/types';
import type { Config, SourceConfig } from '../config/schema';
import type { Engine } from '../engine/engine';
import type { Logger } from '../log';
import type { Store } from '../store/store';
import { getSourceType } from './registry';
import type { PreviousReport, RunningSource, SourceContext } from './types';

/** The sources of one config: their routes, their health, their stop. */
export interface SourceSet {
  /** Passes a request under `/api` to each source's routes in turn; on to `next` when none answers. */
  router: RequestHandler;
  /** Every configured source with its health. */
  list(): SourceView[];
  stop(): Promise<void>;
}

export interface SourceDeps {
  engine: Engine;
  store: Store;
  log: Logger;
  /** Masks values from the environment in every message a source reports. */
  redact: (text: string) => string;
  now?: () => number;
}

/** Counts what a source took and refused. */
class HealthBook {
  private lastReceivedAt: number | null = null;
  private received = 0;
  private errors = 0;
  private lastError: { reason: string; at: number } | null = null;

  constructor(private readonly now: () => number) {}

  noteReceived(): void {
    this.received += 1;
    this.lastReceivedAt = this.now();
  }

  noteFailed(reason: string): void {
    this.errors += 1;
    this.lastError = { reason, at: this.now() };
  }

  view(): SourceHealth {
    const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());
    return {
      lastReceivedAt: iso(this.lastReceivedAt),
      received: this.received,
      errors: this.errors,
      lastError: this.lastError?.reason ?? null,
      lastErrorAt: iso(this.lastError?.at ?? null),
    };
  }
}

const boardOf = (config: Config) => config.services.map((service) => service.id);
const servicesOf = (config: Config) => (source: SourceConfig) => getSourceType(source.type).services(source as never, boardOf(config));

/** The sources of a config before they start: listed, not answering. */
export function idleSources(config: Config): SourceSet {
  const books = config.sources.map(() => new HealthBook(Date.now));
  return { router: (_req, _res, next) => next(), list: () => listing(config, books), stop: async () => undefined };
}

/** What each source reported last before this start, so it resumes where it was. */
export async function previousReports(config: Config, store: Store): Promise<Map<string, PreviousReport>> {
  const found = new Map<string, PreviousReport>();
  const serviceIds = new Set(config.sources.flatMap(servicesOf(config)));
  for (const serviceId of serviceIds) {
    const { latest } = await store.serviceHistory(serviceId, 0, 0, 0);
    for (const result of latest) found.set(`${serviceId}/${result.checkId}`, result);
  }
  return found;
}

/** The secrets each source of the config names itself (tokens), wherever they were written. */
export function sourceSecrets(config: Config): string[] {
  return config.sources.flatMap((source) => getSourceType(source.type).secrets(source as never));
}

/** Starts every source of the config, each feeding the engine through its own context. */
export function startSources(config: Config, previous: Map<string, PreviousReport>, deps: SourceDeps): SourceSet {
  const now = deps.now ?? Date.now;
  const books = config.sources.map(() => new HealthBook(now));
  // Tokens written in the file itself, not taken from the environment, are masked as well.
  const ownSecrets = createRedactor(sourceSecrets(config));
  const redact = (text: string) => ownSecrets(deps.redact(text));
  const running: RunningSource[] = config.sources.map((source, index) => {
    const book = books[index]!;
    const context: SourceContext = {
      services: servicesOf(config)(source),
      report: (serviceId: string, observation: Observation, at?: number) =>
        deps.engine.record(serviceId, source.id, redactObservation(observation, redact), at),
      previous: (serviceId) => previous.get(`${serviceId}/${source.id}`) ?? null,
      received: () => book.noteReceived(),
      failed: (reason) => book.noteFailed(reason),
      log: deps.log.child({ mod: `sources.${source.type}`, source: source.id }),
      now,
    };
    return getSourceType(source.type).start(source as never, context);
  });
  const routers = running.flatMap((r) => (r.router ? [r.router] : []));
  return {
    router: (req, res, next) => chain(routers, req, res, next),
    list: () => listing(config, books),
    stop: async () => {
      await Promise.all(running.map((r) => r.stop()));
    },
  };
}

/**
 * Offers the request to each router in turn; the first that answers keeps it. A router
 * that passes at once hands back to this loop instead of calling the next one itself:
 * with thousands of sources (a push token each), nested calls would overflow the stack.
 */
function chain(routers: Router[], req: Request, res: Response, next: NextFunction): void {
  let index = 0;
  const resume = (): void => {
    while (index < routers.length) {
      const router = routers[index]!;
      index += 1;
      let inside = true;
      let passed = false;
      router(req, res, (error?: unknown) => {
        if (error !== undefined && error !== 'route' && error !== 'router') return next(error);
        if (inside) passed = true;
        else resume();
      });
      inside = false;
      // Answered, or still working on it: its callback resumes the loop if it passes later.
      if (!passed) return;
    }
    next();
  };
  resume();
}

function listing(config: Config, books: HealthBook[]): SourceView[] {
  return config.sources.map((source, index) => ({ id: source.id, type: source.type, services: servicesOf(config)(source), health: books[index]!.view() }));
}
