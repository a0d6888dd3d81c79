import { z } from 'zod';
import { duration, slug, timeZone as timezone } from '../config/fields';
import { parseLocal } from './local-time';
import { rotationShifts } from './rotation-math';
import { defineOncallProvider } from './types';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

const localDateTime = z.string({ error: 'expected a local date-time such as 2026-01-05T09:00' }).superRefine((text, ctx) => {
  if (parseLocal(text) !== null) return;
  ctx.addIssue({ code: 'custom', message: `"${text}" is not a local date-time; use one such as 2026-01-05T09:00 (no offset: it is read in \`timezone\`)` });
});

const configSchema = z.strictObject({
  timezone,
  // An hour at least: shorter is not a rotation a person can live with, and every shift
  // must outlast the hour the clocks skip. 90 days at most: longer is not a rotation.
  shift: duration({ min: HOUR, minText: '1h', max: 90 * DAY, maxText: '90d' }),
  start: localDateTime,
  members: z.array(slug, { error: 'expected a list of person ids' }).min(1, 'must name at least one person'),
});

/**
 * A rotation written in the config: members take turns of `shift` by the wall clock of
 * `timezone`, members[0] first at `start`. Pure maths: asked once per config, never
 * again by itself; no secrets.
 */
export const rotationProvider = defineOncallProvider({
  type: 'rotation',
  configSchema,
  refreshMs: () => null,
  shifts: (config, window) =>
    Promise.resolve(rotationShifts({ timeZone: config.timezone, shift: config.shift, start: config.start, members: config.members }, window)),
  secrets: () => [],
});
