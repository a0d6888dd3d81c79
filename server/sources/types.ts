import type { RequestHandler } from 'express';
import type { UnmappedAlertView } from '../../shared/api';
import type { z } from 'zod';
import type { Observation, Outcome } from '../checks/types';
import type { Logger } from '../log';
import type { Upstream } from '../../shared/api';

/** Fields every source has, whatever its type. */
export interface CommonSourceFields {
  id: string;
  type: string;
  /** When set, no message taken for this long (ms) makes every service of the source unknown. */
  silentAfter?: number | undefined;
}

/** What a source reported last for a service before the server started, from the store. */
export interface PreviousReport {
  at: number;
  outcome: Outcome;
  message: string;
  details: Record<string, unknown> | null;
}

/** What a running source is given: where its observations go, and its own book-keeping. */
export interface SourceContext {
  /** The services this source reports on, as its type's `services` named them for this config. */
  services: readonly string[];
  /** Feeds one observation for one of the source's services into the engine, like a check result. */
  report(serviceId: string, observation: Observation, at?: number): Promise<void>;
  /** The source's last observation for a service before this start, so a restart resumes where it was. */
  previous(serviceId: string): PreviousReport | null;
  /** Notes that a message (a push, a webhook, a poll) arrived and was taken. */
  received(): void;
  /** Notes a message that was refused or a poll that failed, in words without secrets. */
  failed(reason: string): void;
  /** Says that the alerts it holds that fit no service may have changed (see `RunningSource.unmapped`). */
  unmappedChanged(): void;
  /** The source's own child logger. */
  log: Logger;
  now(): number;
}

/** A source once started. */
export interface RunningSource {
  /** Answers a message sent to the source's own address (see `SourceType.address`). */
  handle?: RequestHandler;
  /** The alerts it holds that fit no service on the board, for people to see. */
  unmapped?(): UnmappedAlertView[];
  /** Stops its timers and polls; reports nothing afterwards. */
  stop(): Promise<void>;
}

/**
 * Where messages reach a source: `webhook` at `POST /api/sources/{id}/webhook`, or `push`
 * at `/api/push/{token}`, the token being the address. Sources are looked up by it, not
 * tried one by one, so a board with thousands of heartbeats costs nothing per request.
 */
export type SourceAddress = { kind: 'webhook' } | { kind: 'push'; token: string };

/**
 * One kind of monitoring source (push heartbeats, Alertmanager, …). Adding a kind is one
 * file exporting one of these plus one line in `registry.ts`.
 */
export interface SourceType<Schema extends z.ZodObject = z.ZodObject> {
  /** The `type:` value in the config. */
  readonly type: string;
  /** The type's own fields (including `type: z.literal(...)`), merged with `id`. */
  readonly configSchema: Schema;
  /**
   * The services this source reports on, as configured; each gets an entry for it.
   * `board` is every service id in the config, for sources that map to any of them.
   */
  services(config: z.output<Schema> & CommonSourceFields, board: readonly string[]): string[];
  /**
   * Starts taking or fetching messages. Must not throw out of its timers or routes: the
   * watched world's failures are observations, bad input is a 4xx answer.
   */
  start(config: z.output<Schema> & CommonSourceFields, context: SourceContext): RunningSource;
  /** Where its messages arrive, for a type that takes messages over HTTP; absent for one that only polls. */
  address?(config: z.output<Schema> & CommonSourceFields): SourceAddress;
  /** Values in this config that must never be shown (tokens, credentials). */
  secrets(config: z.output<Schema> & CommonSourceFields): string[];
  /**
   * Set by a type that judges silence by a rule of its own (push's `grace`): why the
   * common `silentAfter` is refused for it, as the config error says it.
   */
  readonly ownSilenceRule?: string;
  /**
   * For a source that reports on someone else's service (a vendor's status page): who the
   * provider is and where people read its own page. Its services are marked upstream.
   */
  upstream?(config: z.output<Schema> & CommonSourceFields): Upstream;
}

/** Gives a source type literal inference without widening its schema. */
export function defineSourceType<Schema extends z.ZodObject>(type: SourceType<Schema>): SourceType<Schema> {
  return type;
}
