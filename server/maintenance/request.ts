import { z } from 'zod';
import { formatDuration, parseDuration } from '../../shared/duration';
import { didYouMean } from '../config/closest';
import { parseTimeText } from '../http/time-param';
import { describeIssues, type ParseResult } from '../sources/alertmanager-payload';
import type { NewMaintenance } from './book';
import { DEFAULT_REASON, MAX_REASON, MAX_WINDOW_MS } from './config';

/** Longer is not a name, and would only be echoed back. */
const MAX_BY = 100;
const MAX_SERVICE_ID = 200;
const FIELDS = ['services', 'from', 'until', 'duration', 'reason', 'by'];
const TIME_HINT = 'an ISO 8601 time (2026-11-20T18:00:00Z) or epoch milliseconds';

/** An ISO 8601 text (no offset: UTC) or epoch ms, as `GET …/history` takes them. */
const time = z.union([z.string(), z.number()], { error: `expected ${TIME_HINT}` }).transform((value, ctx) => {
  const ms = typeof value === 'string' ? parseTimeText(value) : Number.isSafeInteger(value) && value >= 0 ? value : null;
  if (ms !== null) return ms;
  ctx.addIssue({ code: 'custom', message: `${JSON.stringify(value)} is not ${TIME_HINT}` });
  return z.NEVER;
});

const bodySchema = z.strictObject(
  {
    services: z
      .array(z.string({ error: 'expected a service id' }).max(MAX_SERVICE_ID, `must be at most ${MAX_SERVICE_ID} characters`), {
        error: 'expected a list of service ids',
      })
      .min(1, 'must name at least one service'),
    from: time.optional(),
    until: time.optional(),
    duration: z
      .string({ error: 'expected a duration such as "2h"' })
      .transform((text, ctx) => {
        const ms = parseDuration(text);
        if (ms === null) ctx.addIssue({ code: 'custom', message: `"${text}" is not a duration; use one such as 30m, 2h or 1d` });
        else if (ms < 60_000) ctx.addIssue({ code: 'custom', message: `must be at least 1m (got ${text})` });
        else if (ms > MAX_WINDOW_MS) ctx.addIssue({ code: 'custom', message: `must be at most 7d (got ${text})` });
        return ms ?? z.NEVER;
      })
      .optional(),
    reason: z.string({ error: 'expected text' }).trim().max(MAX_REASON, `must be at most ${MAX_REASON} characters`).optional(),
    by: z.string({ error: 'expected a name' }).trim().max(MAX_BY, `must be at most ${MAX_BY} characters`).optional(),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? issue.keys.map((key) => `unknown field ${JSON.stringify(key)}${didYouMean(key, FIELDS)}`).join('; ') + `; a window has ${FIELDS.join(', ')}`
        : 'expected a JSON object such as { "services": ["checkout"], "duration": "2h" }',
  },
);

const iso = (ms: number) => new Date(ms).toISOString();

/**
 * Reads the body of `POST /api/maintenance`: `{ services, from?, until?, duration?,
 * reason?, by? }`. `from` defaults to `now`; exactly one of `until` and `duration`. Refuses,
 * naming the field: a service the board does not have (with the closest id), a window that
 * does not end after it starts, lasts over 7 days or has ended already, unknown fields,
 * a reason over 200 characters. Pure.
 */
export function readMaintenanceRequest(body: unknown, context: { now: number; serviceIds: ReadonlySet<string> }): ParseResult<NewMaintenance> {
  const parsed = bodySchema.safeParse(body);
  if (!parsed.success) return { ok: false, problem: describeIssues(parsed.error) };
  const request = parsed.data;
  const unknown = request.services.findIndex((id) => !context.serviceIds.has(id));
  if (unknown >= 0) {
    const id = request.services[unknown]!;
    return { ok: false, problem: `services[${unknown}]: no service with id ${JSON.stringify(id)}${didYouMean(id, context.serviceIds)}` };
  }
  if (request.until !== undefined && request.duration !== undefined) return { ok: false, problem: 'duration: give until or duration, not both' };
  if (request.until === undefined && request.duration === undefined) return { ok: false, problem: 'until: give until (when it ends) or duration (how long)' };
  const from = request.from ?? context.now;
  const until = request.until ?? from + request.duration!;
  const field = request.until !== undefined ? 'until' : 'duration';
  if (until <= from) return { ok: false, problem: `until: must be after from (${iso(from)})` };
  if (until - from > MAX_WINDOW_MS) return { ok: false, problem: `until: the window would last ${formatDuration(until - from)}; at most 7d` };
  if (until <= context.now) return { ok: false, problem: `${field}: the window would end at ${iso(until)}, which has passed` };
  return {
    ok: true,
    value: {
      services: [...new Set(request.services)],
      from,
      until,
      reason: request.reason || DEFAULT_REASON,
      createdBy: request.by || null,
    },
  };
}
