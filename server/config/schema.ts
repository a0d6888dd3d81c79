import { z } from 'zod';
import { checkTypes } from '../checks/registry';
import type { CheckType, CommonCheckFields } from '../checks/types';
import { formatDuration, parseDuration } from '../../shared/duration';
import { duration, nonEmpty, positiveInt, slug } from './fields';

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
});

const teamSchema = z.strictObject({
  id: slug,
  name: nonEmpty,
});

const DEFAULT_TIMEOUT = '10s';
const DEFAULT_TIMEOUT_MS = parseDuration(DEFAULT_TIMEOUT)!;

const durationText = (ms: number) => (ms % 1_000 === 0 ? formatDuration(ms) : `${ms}ms`);

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
const checkVariants = Object.values(checkTypes as Record<string, CheckType>).map((type) =>
  type.configSchema.safeExtend(commonCheckShape),
);

const knownTypes = Object.keys(checkTypes).join(', ');

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

export const checkSchema = z.preprocess(defaultTimeoutWithinInterval, z.discriminatedUnion(
  'type',
  checkVariants as unknown as [(typeof checkVariants)[number], ...(typeof checkVariants)[number][]],
  {
    error: (issue) => {
      if (issue.code !== 'invalid_union' || !issue.input || typeof issue.input !== 'object') return undefined;
      const type = (issue.input as { type?: unknown }).type;
      return type === undefined ? `missing field "type"; one of: ${knownTypes}` : `unknown check type ${JSON.stringify(type)}; known types: ${knownTypes}`;
    },
  },
)) as unknown as z.ZodType<CheckConfig, unknown>;

const serviceSchema = z.strictObject({
  id: slug,
  name: nonEmpty,
  team: slug.optional(),
  dependsOn: z.array(slug).default([]),
  links: z.record(z.string(), z.url()).default({}),
  checks: z.array(checkSchema).default([]),
});

function addDuplicateIssues(ids: string[], path: (index: number) => PropertyKey[], what: string, ctx: z.RefinementCtx) {
  const seen = new Set<string>();
  ids.forEach((id, index) => {
    if (seen.has(id)) ctx.addIssue({ code: 'custom', path: path(index), message: `duplicate ${what} id "${id}"` });
    seen.add(id);
  });
}

export const configSchema = z
  .strictObject({
    people: z.array(personSchema).default([]),
    teams: z.array(teamSchema).default([]),
    services: z.array(serviceSchema).default([]),
  })
  .superRefine((config, ctx) => {
    addDuplicateIssues(config.people.map((p) => p.id), (i) => ['people', i, 'id'], 'person', ctx);
    addDuplicateIssues(config.teams.map((t) => t.id), (i) => ['teams', i, 'id'], 'team', ctx);
    addDuplicateIssues(config.services.map((s) => s.id), (i) => ['services', i, 'id'], 'service', ctx);
    const teamIds = new Set(config.teams.map((t) => t.id));
    const serviceIds = new Set(config.services.map((s) => s.id));
    config.services.forEach((service, si) => {
      addDuplicateIssues(service.checks.map((c) => c.id), (ci) => ['services', si, 'checks', ci, 'id'], 'check', ctx);
      service.checks.forEach((check, ci) => {
        // A run that may outlast its interval would make every other turn a skipped one.
        if (check.timeout > check.interval) {
          const message = `must not be longer than the interval (${durationText(check.interval)}); got ${durationText(check.timeout)}`;
          ctx.addIssue({ code: 'custom', path: ['services', si, 'checks', ci, 'timeout'], message });
        }
      });
      if (service.team !== undefined && !teamIds.has(service.team)) {
        ctx.addIssue({ code: 'custom', path: ['services', si, 'team'], message: `no team with id "${service.team}"` });
      }
      service.dependsOn.forEach((dep, di) => {
        if (dep === service.id) {
          ctx.addIssue({ code: 'custom', path: ['services', si, 'dependsOn', di], message: 'a service cannot depend on itself' });
        } else if (!serviceIds.has(dep)) {
          ctx.addIssue({ code: 'custom', path: ['services', si, 'dependsOn', di], message: `no service with id "${dep}"` });
        }
      });
    });
    for (const cycle of dependencyCycles(config.services)) {
      const si = config.services.findIndex((s) => s.id === cycle[0]);
      const di = config.services[si]!.dependsOn.indexOf(cycle[1]!);
      ctx.addIssue({ code: 'custom', path: ['services', si, 'dependsOn', di], message: `dependencies go round in a circle: ${cycle.join(' → ')}` });
    }
  });

/**
 * The first dependency cycle through each service (a → b → a), as service ids, each
 * cycle once. Pure. A cycle makes "impacted by" mean nothing, so it is a config error.
 */
export function dependencyCycles(services: ReadonlyArray<{ id: string; dependsOn: readonly string[] }>): string[][] {
  const deps = new Map(services.map((s) => [s.id, s.dependsOn]));
  const done = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  // Depth first, each edge once: an edge back to a service on the stack closes a cycle.
  const visit = (id: string): void => {
    stack.push(id);
    for (const next of deps.get(id) ?? []) {
      if (next === id || !deps.has(next) || done.has(next)) continue; // self and unknown ids are reported on their own
      const at = stack.indexOf(next);
      if (at >= 0) cycles.push([...stack.slice(at), next]);
      else visit(next);
    }
    stack.pop();
    done.add(id);
  };
  for (const s of services) if (!done.has(s.id)) visit(s.id);
  return cycles;
}

export type Config = z.output<typeof configSchema>;
export type ServiceConfig = Config['services'][number];
export type TeamConfig = Config['teams'][number];
