import { z } from 'zod';
import { duration, spanText } from './fields';

const DAY_MS = 86_400_000;
/** History past ten years answers no question a status board is asked, and costs disk every day. */
const longest = { max: 10 * 365 * DAY_MS, maxText: '10y', years: true };
const kept = duration({ min: DAY_MS, minText: '1d', ...longest });

const DEFAULTS = { raw: '14d', minutes: 90 * DAY_MS, hours: 2 * 365 * DAY_MS };
const LEVELS = ['raw', 'minutes', 'hours'] as const;

/**
 * How long history is kept, from finest to coarsest. `raw`: every check result (and the
 * files of results, such as screenshots); at least a day, so yesterday's outage can still
 * be looked into. `minutes` and `hours`: per-minute and per-hour rollups of those results
 * (runs by outcome, time in each status, response-time percentiles), which outlive them
 * and draw the long charts. Status changes, which uptime is worked out from, are kept for ever.
 * A coarser level is kept at least as long as a finer one, or history would have a hole;
 * one left out is its default (90d, 2y) or as long as the finer one, whichever is longer,
 * so `raw: 180d` alone is no error.
 */
export const retentionSchema = z
  .strictObject(
    {
      /** Raw check results; 14d when not given. */
      raw: kept.prefault(DEFAULTS.raw),
      /** Per-minute rollups; 90d (or `raw`, if longer) when not given. */
      minutes: kept.optional(),
      /** Per-hour rollups; 2y (or `minutes`, if longer) when not given. */
      hours: kept.optional(),
    },
    { error: (issue) => (issue.code === 'invalid_type' ? 'expected durations per level, such as { raw: 14d, minutes: 90d, hours: 2y }' : undefined) },
  )
  .transform((written, ctx) => {
    const minutes = written.minutes ?? Math.max(DEFAULTS.minutes, written.raw);
    const retention = { raw: written.raw, minutes, hours: written.hours ?? Math.max(DEFAULTS.hours, minutes) };
    for (let i = 1; i < LEVELS.length; i++) {
      const finer = LEVELS[i - 1]!;
      const level = LEVELS[i]!;
      if (retention[level] >= retention[finer]) continue;
      ctx.addIssue({
        code: 'custom',
        path: [level],
        message: `must be at least as long as ${finer} (${spanText(retention[finer])}); got ${spanText(retention[level])}`,
      });
    }
    return retention;
  })
  .prefault({});

/** How long each level of history is kept, ms. */
export type RetentionConfig = z.output<typeof retentionSchema>;
