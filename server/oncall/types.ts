import type { z } from 'zod';
import type { Logger } from '../log';

/**
 * Who a provider says is on call. A rotation names people of the config by id; a
 * calendar or a scheduler knows a name and, usually, an email, which is how its people
 * are matched with `people:` in the config (see `roster.ts`).
 */
export interface OncallIdentity {
  /** The id of a person in the config, when the provider names one. */
  personId?: string;
  /** The name the provider gives, for a person the config does not know. */
  name?: string;
  /** How people are matched across providers. */
  email?: string;
}

/** One stretch of time during which one identity is on call: [from, to), epoch ms. */
export interface Shift {
  who: OncallIdentity;
  from: number;
  to: number;
}

/** What a provider is given besides its config. */
export interface OncallContext {
  /** Aborted when the provider's team stops being watched (a reload, the server stopping). */
  signal: AbortSignal;
  log: Logger;
  now(): number;
}

/**
 * One place on-call schedules come from: a rotation in the config, an iCalendar feed, a
 * scheduler's API. Adding one is one file exporting one of these plus one line in
 * `registry.ts`; its key in a team's `oncall:` is its `type`.
 */
export interface OncallProviderType<Schema extends z.ZodType = z.ZodType> {
  /** The key under a team's `oncall:` (`rotation`, `ics`, `pagerduty`, …). */
  readonly type: string;
  /** The provider's own fields. */
  readonly configSchema: Schema;
  /**
   * How often its answer is asked for again, in ms; null when it never changes by itself
   * (a rotation in the config is pure maths: asked once per config).
   */
  refreshMs(config: z.output<Schema>): number | null;
  /**
   * Every shift that overlaps [from, to), sorted by `from`. Rejects, with a reason in
   * words and without secrets, when it cannot tell (a feed unreachable, a 401): the roster
   * then keeps the last good answer and says why.
   */
  shifts(config: z.output<Schema>, window: { from: number; to: number }, context: OncallContext): Promise<Shift[]>;
  /** Values in this config that must never be shown (tokens, URLs with credentials). */
  secrets(config: z.output<Schema>): string[];
}

/** Gives a provider type literal inference without widening its schema. */
export function defineOncallProvider<Schema extends z.ZodType>(type: OncallProviderType<Schema>): OncallProviderType<Schema> {
  return type;
}
