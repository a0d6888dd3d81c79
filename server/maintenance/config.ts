import { z } from 'zod';
import { formatDuration } from '../../shared/duration';
import { duration, slug, timeZone } from '../config/fields';
import { parseLocal, plainToEpoch } from '../oncall/local-time';
import { cronProblem } from './cron';
import { readRrule, rruleWallStarts, type RuleUntil } from './rrule';
import { fromWall, plainToWall } from './wall-clock';

const MINUTE = 60_000;
const DAY = 86_400_000;
/** Longer is not maintenance but a service switched off, and a typo in a year would silence it for one. */
export const MAX_WINDOW_MS = 7 * DAY;
export const MAX_REASON = 200;
export const DEFAULT_REASON = 'planned maintenance';
/** A rule that gives no start this long after its `from` is taken for a mistake. */
const FIRST_START_WITHIN_MS = 10 * 366 * DAY;

/** When a window is in force: once, or each time a cron expression or a recurrence rule starts one. */
export type MaintenanceSchedule =
  | {
      kind: 'once';
      /** Epoch ms; [from, until). */
      from: number;
      until: number;
    }
  | {
      kind: 'cron';
      /** Five fields or a shorthand, as written; matched on the wall clock of the window's zone. */
      cron: string;
      durationMs: number;
    }
  | {
      kind: 'rrule';
      /** The rule as written, for showing. */
      rrule: string;
      /** The rule as ical.js takes it (upper case, no UNTIL) and the days it names; see `readRrule`. */
      recur: string;
      months: number[] | null;
      monthDays: number[] | null;
      weekdays: number[] | null;
      /** Its DTSTART: `from` on the wall clock of the window's zone (wall ms, see `wall-clock.ts`). */
      startWall: number;
      /** UNTIL as an instant: no start after it (epoch ms, inclusive); null when the rule has none. */
      lastStart: number | null;
      durationMs: number;
    };

/** A maintenance window from the config, read and checked: what the calendar works from. */
export interface MaintenanceWindowConfig {
  id: string;
  services: string[];
  reason: string;
  /** The IANA zone its local times, cron and rule are read in. */
  timezone: string;
  schedule: MaintenanceSchedule;
}

const localDateTime = z.string({ error: 'expected a local date-time such as 2026-12-05T22:00' }).superRefine((text, ctx) => {
  if (parseLocal(text) !== null) return;
  ctx.addIssue({ code: 'custom', message: `"${text}" is not a local date-time; use one such as 2026-12-05T22:00 (no offset: it is read in \`timezone\`)` });
});

const cronText = z.string({ error: 'expected a cron expression such as "0 2 * * *"' }).superRefine((text, ctx) => {
  const problem = cronProblem(text);
  if (problem !== null) ctx.addIssue({ code: 'custom', message: `"${text}" is not a cron expression: ${problem}` });
});

const rruleText = z.string({ error: 'expected a recurrence rule such as "FREQ=WEEKLY;BYDAY=SU;BYHOUR=3"' }).superRefine((text, ctx) => {
  const reading = readRrule(text);
  if (!reading.ok) ctx.addIssue({ code: 'custom', message: `"${text}" is not a recurrence rule: ${reading.problem}` });
});

const fields = z.strictObject({
  id: slug,
  services: z
    .array(slug, { error: 'expected a list of service ids' })
    .min(1, 'must name at least one service')
    .superRefine((ids, ctx) => {
      ids.forEach((id, index) => {
        if (ids.indexOf(id) < index) ctx.addIssue({ code: 'custom', path: [index], message: `service "${id}" is listed twice` });
      });
    }),
  reason: z
    .string({ error: 'expected text' })
    .trim()
    .min(1, 'must not be empty')
    .max(MAX_REASON, `must be at most ${MAX_REASON} characters`)
    .default(DEFAULT_REASON),
  timezone: timeZone.default('UTC'),
  from: localDateTime.optional(),
  to: localDateTime.optional(),
  cron: cronText.optional(),
  rrule: rruleText.optional(),
  duration: duration({ min: MINUTE, minText: '1m', max: MAX_WINDOW_MS, maxText: '7d' }).optional(),
});

type Fields = z.output<typeof fields>;

const KINDS = '`from` (with `to` or `duration`) for a one-off window, or `cron` or `rrule` (with `duration`) for a recurring one';

/** Says that `field` does not go with this kind of window, or is missing from it. */
function issue(ctx: z.RefinementCtx, field: keyof Fields | null, message: string): typeof z.NEVER {
  ctx.addIssue({ code: 'custom', path: field === null ? [] : [field], message });
  return z.NEVER;
}

function once(window: Fields, ctx: z.RefinementCtx): MaintenanceSchedule {
  if (window.to !== undefined && window.duration !== undefined) return issue(ctx, 'duration', 'give `to` or `duration`, not both');
  if (window.to === undefined && window.duration === undefined) return issue(ctx, 'to', 'a one-off window needs `to` (a local time) or `duration`');
  const from = plainToEpoch(parseLocal(window.from!)!, window.timezone);
  if (window.duration !== undefined) return { kind: 'once', from, until: from + window.duration };
  const until = plainToEpoch(parseLocal(window.to!)!, window.timezone);
  if (until === from) return issue(ctx, 'to', `is the same time as \`from\` (${window.from}): a window of 0`);
  if (until < from) return issue(ctx, 'to', `is before \`from\` (${window.from}); a window must end after it starts`);
  if (until - from > MAX_WINDOW_MS) return issue(ctx, 'to', `the window would last ${formatDuration(until - from)}; at most 7d`);
  return { kind: 'once', from, until };
}

/** UNTIL as the last instant a start may have: a date covers its whole local day. */
function lastStartOf(until: RuleUntil | null, timeZone: string): number | null {
  if (until === null) return null;
  if (until.kind === 'instant') return until.at;
  if (until.kind === 'local') return plainToEpoch(until.at, timeZone);
  return plainToEpoch(until.date.add({ days: 1 }).toPlainDateTime(), timeZone) - 1;
}

function recurring(window: Fields, ctx: z.RefinementCtx): MaintenanceSchedule {
  const kind = window.cron !== undefined ? 'cron' : 'rrule';
  if (window.duration === undefined) return issue(ctx, 'duration', `required with \`${kind}\`: how long each window lasts (1m to 7d)`);
  if (window.to !== undefined) return issue(ctx, 'to', `a recurring window lasts \`duration\`; \`to\` is for a one-off window`);
  if (kind === 'cron') {
    if (window.from !== undefined)
      return issue(ctx, 'from', 'a cron window starts whenever its cron expression says; `from` is for a one-off window or an rrule');
    return { kind: 'cron', cron: window.cron!.trim(), durationMs: window.duration };
  }
  if (window.from === undefined) return issue(ctx, 'from', 'required with `rrule`: the first time the rule may start (its DTSTART), a local time');
  const reading = readRrule(window.rrule!);
  if (!reading.ok) return z.NEVER; // reported on `rrule` itself
  const { recur, months, monthDays, weekdays, until } = reading.rule;
  const startWall = plainToWall(parseLocal(window.from)!);
  const lastStart = lastStartOf(until, window.timezone);
  const schedule: MaintenanceSchedule = {
    kind: 'rrule',
    rrule: window.rrule!.trim(),
    recur,
    months,
    monthDays,
    weekdays,
    startWall,
    lastStart,
    durationMs: window.duration,
  };
  const first = rruleWallStarts(schedule, startWall, startWall + FIRST_START_WITHIN_MS).next();
  const firstStart = first.done ? null : first.value;
  if (firstStart === null || (lastStart !== null && fromWall(firstStart, window.timezone) > lastStart)) {
    const span = until ? `between ${window.from} and its UNTIL` : `in the 10 years from ${window.from}`;
    return issue(ctx, 'rrule', `"${window.rrule}" gives no start ${span}`);
  }
  return schedule;
}

/** Reads one window: exactly one of a one-off `from`, a `cron` or an `rrule`, each with what it needs. */
function toWindow(window: Fields, ctx: z.RefinementCtx): MaintenanceWindowConfig {
  const given = (['cron', 'rrule'] as const).filter((kind) => window[kind] !== undefined);
  if (given.length === 2) return issue(ctx, 'rrule', 'has both `cron` and `rrule`; give exactly one');
  if (given.length === 0 && window.from === undefined) return issue(ctx, null, `needs a time: ${KINDS}`);
  const schedule = given.length === 0 ? once(window, ctx) : recurring(window, ctx);
  return { id: window.id, services: window.services, reason: window.reason, timezone: window.timezone, schedule };
}

/**
 * One entry of the config's `maintenance:` list: a window in which its services show
 * `maintenance`, open no incident and page nobody. Local times, the cron expression and
 * the rule are read in `timezone` (UTC unless given).
 */
export const maintenanceSchema = fields.transform(toWindow);
