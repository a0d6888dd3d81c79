import { z } from 'zod';
import { didYouMean } from '../config/closest';
import { duration, slug, timeZone } from '../config/fields';
import { notifierTypes } from './registry';
import type { NotifierType } from './types';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const notifierVariants = Object.values(notifierTypes as Record<string, NotifierType>).map((type) => type.configSchema.safeExtend({ id: slug }));
const notifierTypeNames = Object.keys(notifierTypes);

/** One way pages leave (see `server/notify/`): its id, its `type` and that type's shared settings. */
export const notifierSchema = (notifierVariants.length === 0
  ? z.never()
  : z.discriminatedUnion('type', notifierVariants as unknown as [(typeof notifierVariants)[number], ...(typeof notifierVariants)[number][]], {
      error: (issue) => {
        if (issue.code !== 'invalid_union' || !issue.input || typeof issue.input !== 'object') return undefined;
        const type = (issue.input as { type?: unknown }).type;
        const known = notifierTypeNames.join(', ');
        return type === undefined
          ? `missing field "type"; one of: ${known}`
          : `unknown notifier type ${JSON.stringify(type)}; known types: ${known}${typeof type === 'string' ? didYouMean(type, notifierTypeNames) : ''}`;
      },
    })) as unknown as z.ZodType<NotifierConfig, unknown>;

/** A notifier as configured: `id`, `type` and the type's own fields. */
export interface NotifierConfig {
  id: string;
  type: string;
  [field: string]: unknown;
}

const DAYS = ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as const;
export type Weekday = (typeof DAYS)[number];

const clock = z
  .string({ error: 'expected a time of day such as "09:00"' })
  .regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'expected a time of day such as "09:00" (24-hour, two digits each)');

/**
 * When someone is at work, in their own time zone: pages may take another route outside
 * it. `to` before `from` runs past midnight (a night shift: 22:00 → 06:00).
 */
export const workingHoursSchema = z
  .strictObject({
    days: z.array(z.enum(DAYS, { error: `expected a day: ${DAYS.join(', ')}` })).default(['mon', 'tue', 'wed', 'thu', 'fri']),
    from: clock.default('09:00'),
    to: clock.default('17:00'),
  })
  .refine((hours) => hours.from !== hours.to, { error: '`from` and `to` must differ', path: ['to'] });
export type WorkingHours = z.output<typeof workingHoursSchema>;

/**
 * One way to reach a person or a team: `via` a notifier's id, `when` in or out of working
 * hours, and the notifier type's own target fields (checked against that type once the
 * whole config is read, since `via` names another entry).
 */
export const routeSchema = z.looseObject({
  via: slug,
  when: z.enum(['always', 'workingHours', 'outOfHours'], { error: 'expected always, workingHours or outOfHours' }).default('always'),
});
export type RouteConfig = z.output<typeof routeSchema>;

/** The paging fields a person has beside `id`, `name` and `contact`. */
export const personPagingShape = {
  /** Their own time zone, for their working hours; default `paging.timezone`. */
  timezone: timeZone.optional(),
  workingHours: workingHoursSchema.optional(),
  notify: z.array(routeSchema).default([]),
};

/** The paging fields a team has beside `id`, `name` and `oncall`. */
export const teamPagingShape = {
  /** Not acknowledged this long after a page → the next escalation step. */
  ackTimeout: duration({ min: 1_000, minText: '1s', max: DAY, maxText: '1d' }).prefault('10m'),
  /** Everyone paged at the last step; default: everyone its on-call schedules name. */
  members: z.array(slug).optional(),
  /** The team's own channels (a Slack channel, its PagerDuty service), told of each incident and its end. */
  notify: z.array(routeSchema).default([]),
  timezone: timeZone.optional(),
  workingHours: workingHoursSchema.optional(),
};

/** How incidents open, group and page (`paging:` in the config). */
export const pagingSchema = z
  .strictObject({
    /** The board's public address, for links in pages (`https://status.example.com`); without it pages carry no links. */
    boardUrl: z
      .url({ protocol: /^https?$/, error: 'expected the board\'s address, such as "https://status.example.com"' })
      // Without its trailing slash, once here, so every link is built by plain joining.
      .transform((url) => url.replace(/\/+$/, ''))
      .optional(),
    /** The key that signs acknowledge links; default a random key kept in the store. Use `${VAR}`. */
    secret: z.string().min(32, 'must be at least 32 characters').optional(),
    /** How long an acknowledge link works. */
    ackLinkTtl: duration({ min: MINUTE, minText: '1m', max: 30 * DAY, maxText: '30d' }).prefault('24h'),
    /** A service failing again this soon after recovering reopens its incident instead of paging again. */
    quietPeriod: duration({ min: 0, max: DAY, maxText: '1d' }).prefault('5m'),
    /** How long a new incident waits before its first page, so a dependency failing a moment later takes it over. */
    groupWait: duration({ min: 0, max: 10 * MINUTE, maxText: '10m' }).prefault('10s'),
    /** Working hours of people and teams that give none, and the zone they are read in. */
    timezone: timeZone.default('UTC'),
    workingHours: workingHoursSchema.prefault({}),
  })
  .prefault({});
export type PagingConfig = z.output<typeof pagingSchema>;
