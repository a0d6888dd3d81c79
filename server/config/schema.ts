import { z } from 'zod';
import { checkTypes } from '../checks/registry';
import type { CheckType, CommonCheckFields } from '../checks/types';
import { sourceTypes } from '../sources/registry';
import type { CommonSourceFields, SourceType } from '../sources/types';
import { parseDuration } from '../../shared/duration';
import { oncallSchema } from '../oncall/config';
import { maintenanceSchema } from '../maintenance/config';
import { notifierSchema, pagingSchema, personPagingShape, teamPagingShape } from '../notify/config';
import { sloSchema } from '../uptime/config';
import { didYouMean } from './closest';
import { duration, nonEmpty, positiveInt, slug } from './fields';
import { retentionSchema } from './retention';
import { metricsSchema } from '../metrics/config';
import { tagSchema, viewSchema } from './views';
import { accessSchema } from '../access/config';

const personSchema = z.strictObject({
  id: slug,
  name: nonEmpty,
  contact: z
    .strictObject({
      email: z.email().optional(),
      slack: z.string().optional(),
      phone: z.string().optional(),
    })
    .optional(),
  ...personPagingShape,
});

const teamSchema = z.strictObject({
  id: slug,
  name: nonEmpty,
  /** Who is on call (see `server/oncall/`): a schedule, overrides, maybe a secondary layer. */
  oncall: oncallSchema.optional(),
  ...teamPagingShape,
});

const DEFAULT_TIMEOUT = '10s';
const DEFAULT_TIMEOUT_MS = parseDuration(DEFAULT_TIMEOUT)!;

/** Fields every check has; its type adds its own. Durations end up as milliseconds. */
const commonCheckShape = {
  id: slug,
  name: z.string().optional(),
  // A week at most: longer waits are not monitoring, and timers cannot hold much more.
  interval: duration({ min: 1_000, minText: '1s', max: 7 * 86_400_000, maxText: '7d' }).prefault('30s'),
  timeout: duration({ min: 100, minText: '100ms', max: 3_600_000, maxText: '1h' }).prefault(DEFAULT_TIMEOUT),
  failureThreshold: positiveInt.default(2),
  successThreshold: positiveInt.default(1),
};

// One strict object per registered type, so an unknown field in any check is an error
// (a typo must never silently disable an expectation).
// safeExtend keeps each type's own refinements (e.g. "only one of body, json, form").
const checkVariants = Object.values(checkTypes as Record<string, CheckType>).map((type) => type.configSchema.safeExtend(commonCheckShape));

const typeNames = Object.keys(checkTypes);
const knownTypes = typeNames.join(', ');

type CheckTypes = typeof checkTypes;
/** A check as configured: the common fields plus those of its type, discriminated by `type`. */
export type CheckConfig = {
  [K in keyof CheckTypes]: CommonCheckFields & z.output<CheckTypes[K]['configSchema']>;
}[keyof CheckTypes];

/**
 * A check that says how often but not how long may take: the default timeout, but never
 * more than its interval, so `interval: 2s` alone does not wait 10 s for a hung target.
 */
function defaultTimeoutWithinInterval(input: unknown): unknown {
  if (!input || typeof input !== 'object' || 'timeout' in input) return input;
  const interval = (input as { interval?: unknown }).interval;
  const intervalMs = typeof interval === 'string' ? parseDuration(interval) : null;
  return intervalMs !== null && intervalMs < DEFAULT_TIMEOUT_MS ? { ...input, timeout: interval } : input;
}

export const checkSchema = z.preprocess(
  defaultTimeoutWithinInterval,
  z.discriminatedUnion('type', checkVariants as unknown as [(typeof checkVariants)[number], ...(typeof checkVariants)[number][]], {
    error: (issue) => {
      if (issue.code !== 'invalid_union' || !issue.input || typeof issue.input !== 'object') return undefined;
      const type = (issue.input as { type?: unknown }).type;
      return type === undefined
        ? `missing field "type"; one of: ${knownTypes}`
        : `unknown check type ${JSON.stringify(type)}; known types: ${knownTypes}${typeof type === 'string' ? didYouMean(type, typeNames) : ''}`;
    },
  }),
) as unknown as z.ZodType<CheckConfig, unknown>;

/** No message for this long makes a source's services unknown; off unless set. At most a week, as timers go. */
const silentAfter = duration({ min: 1_000, minText: '1s', max: 7 * 86_400_000, maxText: '7d' }).optional();

/** Fields every source has; its type adds its own. A type with a silence rule of its own refuses `silentAfter`, saying why. */
const commonSourceShape = (type: SourceType) => ({
  id: slug,
  silentAfter: type.ownSilenceRule === undefined ? silentAfter : z.never({ error: type.ownSilenceRule }).optional(),
});

const sourceVariants = Object.values(sourceTypes as Record<string, SourceType>).map((type) => type.configSchema.safeExtend(commonSourceShape(type)));
const sourceTypeNames = Object.keys(sourceTypes);

type SourceTypes = typeof sourceTypes;
/** A source as configured: `id` plus the fields of its type, discriminated by `type`. */
export type SourceConfig = {
  [K in keyof SourceTypes]: CommonSourceFields & z.output<SourceTypes[K]['configSchema']>;
}[keyof SourceTypes];

/** A monitoring source feeding statuses in (see `server/sources/`). */
export const sourceSchema = z.discriminatedUnion('type', sourceVariants as unknown as [(typeof sourceVariants)[number], ...(typeof sourceVariants)[number][]], {
  error: (issue) => {
    if (issue.code !== 'invalid_union' || !issue.input || typeof issue.input !== 'object') return undefined;
    const type = (issue.input as { type?: unknown }).type;
    const known = sourceTypeNames.join(', ');
    return type === undefined
      ? `missing field "type"; one of: ${known}`
      : `unknown source type ${JSON.stringify(type)}; known types: ${known}${typeof type === 'string' ? didYouMean(type, sourceTypeNames) : ''}`;
  },
}) as unknown as z.ZodType<SourceConfig, unknown>;

const serviceSchema = z.strictObject({
  id: slug,
  name: nonEmpty,
  team: slug.optional(),
  dependsOn: z.array(slug).default([]),
  links: z.record(z.string(), z.url()).default({}),
  checks: z.array(checkSchema).default([]),
  /** Its objective (`99.9%`, or `{ target, window }`): uptime answers say how much error budget is left. */
  slo: sloSchema.optional(),
  /** Words that group services across teams (`eu`, `customer-facing`), for views of the wall (`/?tag=eu`). */
  tags: z.array(tagSchema).optional(),
});

/**
 * The shape of a config. What only shows across entries (unknown ids, duplicates,
 * cycles, a timeout longer than its interval) is checked by `referenceProblems` on
 * the same document, so both kinds are reported in one run.
 */
export const configSchema = z.strictObject({
  people: z.array(personSchema).default([]),
  teams: z.array(teamSchema).default([]),
  services: z.array(serviceSchema).default([]),
  sources: z.array(sourceSchema).default([]),
  /** Ways pages leave (`server/notify/`); people and teams route to them by id. */
  notifiers: z.array(notifierSchema).default([]),
  paging: pagingSchema,
  /** Planned maintenance: its services show `maintenance`, open no incident and page nobody. */
  maintenance: z.array(maintenanceSchema).default([]),
  /** How long history is kept: raw results (`raw`), and the minute and hour rollups to come. */
  retention: retentionSchema,
  /** Saved views of the wall (`/?view={id}`), which `/?rotate=30s` shows in turn. */
  views: z.array(viewSchema).default([]),
  /** Who may watch the board and who may act on it: board tokens, sign-in, API tokens (`server/access/`). */
  access: accessSchema,
  /** `GET /metrics` for Prometheus: open, or behind the bearer `token` when one is set. */
  metrics: metricsSchema,
});

export type Config = z.output<typeof configSchema>;
export type ServiceConfig = Config['services'][number];
export type TeamConfig = Config['teams'][number];
