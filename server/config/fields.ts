import { z } from 'zod';
import { parseDuration } from '../../shared/duration';
import { isTimeZone } from '../oncall/local-time';
import { didYouMean } from './closest';

const DURATION_HINT = 'use a duration such as 500ms, 10s, 5m, 1h or 7d';
const LONG_DURATION_HINT = 'use a duration such as 1h, 30d, 2w or 1y';

const YEAR_MS = 365 * 86_400_000;
const YEARS_RE = /^(\d+(?:\.\d+)?)y$/;

/** `parseDuration`, plus `1y` as 365 days (as the uptime windows count a year), for spans of history. */
function parseLongDuration(text: string): number | null {
  const years = YEARS_RE.exec(text.trim());
  return years ? Math.round(Number(years[1]) * YEAR_MS) : parseDuration(text);
}

/**
 * A duration string (`10s`) parsed to milliseconds, with an optional floor and ceiling.
 * With `years`, `1y` (365 days) is accepted too: for objectives and retention, not for timers.
 */
export function duration(options: { min?: number; minText?: string; max?: number; maxText?: string; years?: boolean } = {}) {
  const hint = options.years ? LONG_DURATION_HINT : DURATION_HINT;
  const parse = options.years ? parseLongDuration : parseDuration;
  return z.string({ error: `expected a duration string; ${hint}` }).transform((text, ctx) => {
    const ms = parse(text);
    if (ms === null) {
      ctx.addIssue({ code: 'custom', message: `"${text}" is not a duration; ${hint}` });
      return z.NEVER;
    }
    if (options.min !== undefined && ms < options.min) {
      ctx.addIssue({ code: 'custom', message: `must be at least ${options.minText ?? `${options.min}ms`} (got ${text})` });
      return z.NEVER;
    }
    if (options.max !== undefined && ms > options.max) {
      ctx.addIssue({ code: 'custom', message: `must be at most ${options.maxText ?? `${options.max}ms`} (got ${text})` });
      return z.NEVER;
    }
    return ms;
  });
}

/** Identifiers that appear in URLs and HTML attributes. */
export const slug = z
  .string({ error: 'expected an id such as "checkout-api"' })
  .regex(/^[a-z0-9][a-z0-9-]*$/, 'ids use only a-z, 0-9 and "-", and start with a letter or digit');

export const positiveInt = z.number({ error: 'expected a whole number' }).int('expected a whole number').min(1, 'must be at least 1');

export const port = z
  .number({ error: 'expected a port number' })
  .int('expected a port number')
  .min(1, 'must be a port from 1 to 65535')
  .max(65_535, 'must be a port from 1 to 65535');

export const nonEmpty = z.string({ error: 'expected text' }).min(1, 'must not be empty');

/** An IANA time zone name (`Europe/London`); an offset is refused, as it has no daylight saving. */
export const timeZone = z.string({ error: 'expected an IANA time zone such as "Europe/London"' }).superRefine((name, ctx) => {
  if (isTimeZone(name)) return;
  ctx.addIssue({ code: 'custom', message: `"${name}" is not a time zone${didYouMean(name, Intl.supportedValuesOf('timeZone'))}` });
});

const SPAN_UNITS: ReadonlyArray<[string, number]> = [
  ['y', YEAR_MS],
  ['d', 86_400_000],
  ['h', 3_600_000],
  ['m', 60_000],
  ['s', 1_000],
];

/** A duration as one would write it in the config: `30d`, `2y`, `36h`; the largest unit it is a whole number of. */
export function spanText(ms: number): string {
  const unit = SPAN_UNITS.find(([, size]) => ms > 0 && ms % size === 0);
  return unit ? `${ms / unit[1]}${unit[0]}` : `${ms}ms`;
}
