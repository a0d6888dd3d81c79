import { CronExpressionParser } from 'cron-parser';

/**
 * Cron expressions for recurring maintenance, read by the wall clock. cron-parser does the
 * matching; it is always run in UTC over wall-clock times written as if they were UTC
 * ("wall ms"), so daylight saving never reaches it: the zone is applied afterwards, once,
 * by the caller. Pure.
 */

const FIELD_NAMES = ['minute', 'hour', 'day of month', 'month', 'day of week'] as const;

/** Shorthands with a fixed time of day; `@minutely`, `@secondly` and `@reboot` are not maintenance. */
const SHORTHANDS = ['@yearly', '@annually', '@monthly', '@weekly', '@daily', '@hourly', '@weekdays', '@weekends'];

/** A hashed value (`H`, `H/15`, `H(0-29)`) is chosen at random: nobody could tell when the window begins. */
const HASHED = /^H(?:$|[/(])/i;

/** What cron-parser says, without its category prefix, in lower case to follow a colon. */
function libraryReason(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const bare = text.replace(/^(?:Constraint|Validation) error,\s*/i, '');
  return bare.charAt(0).toLowerCase() + bare.slice(1);
}

function tryParse(expression: string): string | null {
  try {
    CronExpressionParser.parse(expression, { tz: 'UTC' });
    return null;
  } catch (error) {
    return libraryReason(error);
  }
}

/**
 * Why `text` is not a five-field cron expression (minute hour day-of-month month
 * day-of-week) or one of the shorthands such as `@daily`; null when it is one. Where one
 * field is at fault, the reason names it ("minute: got value 61 expected range 0-59").
 */
export function cronProblem(text: string): string | null {
  const trimmed = text.trim();
  if (trimmed.startsWith('@')) {
    return SHORTHANDS.includes(trimmed.toLowerCase()) ? null : `unknown shorthand; use five fields or one of ${SHORTHANDS.join(', ')}`;
  }
  const fields = trimmed.split(/\s+/).filter(Boolean);
  if (fields.length !== 5) {
    return `has ${fields.length} field${fields.length === 1 ? '' : 's'}; use five: minute hour day-of-month month day-of-week (such as "0 2 * * *")`;
  }
  const hashed = fields.findIndex((field) => field.split(',').some((part) => HASHED.test(part)));
  if (hashed >= 0) return `${FIELD_NAMES[hashed]}: H picks a time at random; give the time the window begins`;
  const whole = tryParse(trimmed);
  if (whole === null) return null;
  // Name the field at fault when it is wrong on its own; a combination (31 in February) is not any one field's.
  for (const [index, field] of fields.entries()) {
    const alone = fields.map((other, i) => (i === index ? field : '*')).join(' ');
    const reason = tryParse(alone);
    if (reason !== null) return `${FIELD_NAMES[index]}: ${reason}`;
  }
  return whole;
}

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * The wall-clock times (wall ms) from `wallFrom` to `wallTo`, both included, at which a
 * valid cron expression fires, in order. Each day is asked once whether the expression
 * takes it (its month, day of month and day of week, with `L` and `#`), and a day it
 * takes fires at every hour and minute it names: stepping cron-parser from start to start
 * costs some 100 µs a step, too much for a window that starts every few minutes. An
 * expression cron-parser cannot read gives none rather than throwing: the config has
 * already checked it.
 */
export function cronWallStarts(expression: string, wallFrom: number, wallTo: number): number[] {
  let cron: ReturnType<typeof CronExpressionParser.parse>;
  try {
    cron = CronExpressionParser.parse(expression.trim(), { tz: 'UTC' });
  } catch {
    return [];
  }
  const byNumber = (a: number, b: number) => a - b;
  const hours = (cron.fields.hour.values as number[]).slice().sort(byNumber);
  const minutes = (cron.fields.minute.values as number[]).slice().sort(byNumber);
  const firstTime = hours[0]! * HOUR + minutes[0]! * MINUTE;
  const starts: number[] = [];
  for (let day = Math.floor(wallFrom / DAY) * DAY; day <= wallTo; day += DAY) {
    // The day's first time is one the expression names, so it matches exactly when the day does.
    if (!cron.includesDate(new Date(day + firstTime))) continue;
    for (const hour of hours) {
      for (const minute of minutes) {
        const at = day + hour * HOUR + minute * MINUTE;
        if (at >= wallFrom && at <= wallTo) starts.push(at);
      }
    }
  }
  return starts;
}
