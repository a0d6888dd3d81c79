import { z } from 'zod';
import { parseDuration } from '../../shared/duration';
import { isTimeZone } from '../oncall/local-time';
import { didYouMean } from './closest';

const DURATION_HINT = 'use a duration such as 500ms, 10s, 5m, 1h or 7d';

/** A duration string (`10s`) parsed to milliseconds, with an optional floor and ceiling. */
export function duration(options: { min?: number; minText?: string; max?: number; maxText?: string } = {}) {
  return z.string({ error: `expected a duration string; ${DURATION_HINT}` }).transform((text, ctx) => {
    const ms = parseDuration(text);
    if (ms === null) {
      ctx.addIssue({ code: 'custom', message: `"${text}" is not a duration; ${DURATION_HINT}` });
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
