import { z } from 'zod';
import { duration, spanText } from '../config/fields';

const DAY_MS = 86_400_000;
const PERCENT_HINT = 'expected a percentage such as 99.9%';
const PERCENT_RE = /^(\d+(?:\.\d+)?)\s*(%?)$/;

/**
 * An objective's target, written as a percentage (`99.9%`, or `99.9`), as a share 0–1.
 * A number of 1 or less without `%` is refused rather than guessed at: `0.999` is a
 * fraction to one person and 0.999 % to the next, and either guess would be wrong for someone.
 */
const target = z.union([z.number(), z.string()], { error: PERCENT_HINT }).transform((value, ctx) => {
  const match = PERCENT_RE.exec(String(value).trim());
  if (!match) {
    ctx.addIssue({ code: 'custom', message: `${PERCENT_HINT} (got ${JSON.stringify(value)})` });
    return z.NEVER;
  }
  const percent = Number(match[1]);
  const marked = match[2] === '%';
  if (!marked && percent > 0 && percent < 1) {
    ctx.addIssue({ code: 'custom', message: `${value} looks like a fraction; write the target as a percentage: ${Number((percent * 100).toPrecision(12))}%` });
    return z.NEVER;
  }
  if (!marked && percent === 1) {
    ctx.addIssue({ code: 'custom', message: `1 could be a fraction (100%) or 1%; write the target as a percentage such as 99.9%` });
    return z.NEVER;
  }
  if (percent <= 0 || percent >= 100) {
    // 100 % would leave no error budget at all: any blip breaks it.
    ctx.addIssue({ code: 'custom', message: `must be more than 0% and less than 100% (got ${value}${marked ? '' : '%'})` });
    return z.NEVER;
  }
  // Rounded so that 99.9 % is 0.999, not 0.9990000000000001.
  return Number((percent / 100).toPrecision(12));
});

const DEFAULT_WINDOW = '30d';

const objective = z
  .strictObject(
    {
      /** The share of watched time the service should be up, as a percentage (`99.9%`). */
      target,
      /** The rolling window the objective is judged over, ending now: 1d to 1y, 30d when not given. */
      window: duration({ min: DAY_MS, minText: '1d', max: 365 * DAY_MS, maxText: '1y', years: true }).prefault(DEFAULT_WINDOW),
    },
    { error: (issue) => (issue.code === 'invalid_type' ? `${PERCENT_HINT}, or { target: 99.9%, window: 30d }` : undefined) },
  )
  .transform(({ target, window }): SloConfig => ({ target, windowMs: window, window: spanText(window) }));

/**
 * A service's objective (`slo:`): `99.9%` for 99.9 % over the last 30 days, or
 * `{ target: 99.9%, window: 7d }`. The shorthand is read as the long form, so a bad
 * shorthand is reported at `slo.target`.
 */
export const sloSchema = z.preprocess((value) => (typeof value === 'string' || typeof value === 'number' ? { target: value } : value), objective);

/** A service's objective as the server uses it. */
export interface SloConfig {
  /** 0–1, e.g. 0.999. */
  target: number;
  /** The length of its rolling window, ms. */
  windowMs: number;
  /** The window as written in short (`30d`), for people. */
  window: string;
}
