import { z } from 'zod';
import { apiUrl } from '../http/api-url';
import type { Shift } from './types';

// The shapes below follow PagerDuty's REST API v2 reference, "List all of the on-calls"
// (`GET /oncalls`, PagerDuty/api-schema reference/REST/openapiv3.json): the `Oncall`
// schema, the classic `Pagination` envelope (`limit`, `offset`, `more`, `total`), and the
// full `User` (with `email`) that `include[]=users` puts in place of a user reference.

/** The most PagerDuty hands out per page. */
export const PAGE_SIZE = 100;

/** Which on-calls to list: a schedule's, or one level of an escalation policy's. */
export type OncallFilter = { scheduleId: string } | { escalationPolicyId: string; escalationLevel: number };

/** The URL of one page of on-calls overlapping [from, to). */
export function oncallsUrl(baseUrl: string, filter: OncallFilter, window: { from: number; to: number }, offset: number): string {
  const url = new URL(apiUrl(baseUrl, 'oncalls'));
  const params = url.searchParams;
  if ('scheduleId' in filter) params.append('schedule_ids[]', filter.scheduleId);
  else params.append('escalation_policy_ids[]', filter.escalationPolicyId);
  params.set('since', new Date(window.from).toISOString());
  params.set('until', new Date(window.to).toISOString());
  params.append('include[]', 'users');
  params.set('time_zone', 'UTC');
  params.set('limit', String(PAGE_SIZE));
  params.set('offset', String(offset));
  return url.toString();
}

/** Headers every call carries: the token in PagerDuty's own scheme, and the API version. */
export function pagerdutyHeaders(token: string): Record<string, string> {
  return { authorization: `Token token=${token}`, accept: 'application/vnd.pagerduty+json;version=2' };
}

const time = z.string().nullable().optional();
const oncallShape = z.object({
  // A full user (`include[]=users`) has `name` and `email`; a bare reference only `summary`.
  user: z.object({ name: z.string().optional(), summary: z.string().optional(), email: z.string().optional() }),
  escalation_level: z.number().int(),
  // Null `start`: a permanent on-call; null `end`: one that does not end.
  start: time,
  end: time,
});
const pageShape = z.object({
  oncalls: z.array(oncallShape),
  more: z.boolean().optional(),
  offset: z.number().int().optional(),
});

/** One page, read: its shifts, and where the next page starts (null on the last). */
export interface OncallPage {
  shifts: Shift[];
  nextOffset: number | null;
}

function instant(text: string | null | undefined, open: number): number {
  if (text === null || text === undefined) return open;
  const at = Date.parse(text);
  if (Number.isNaN(at)) throw new Error(`"${text}" is not a time`);
  return at;
}

function toShift(oncall: z.output<typeof oncallShape>): Shift {
  const name = oncall.user.name ?? oncall.user.summary;
  const who = { ...(name ? { name } : {}), ...(oncall.user.email ? { email: oncall.user.email } : {}) };
  return { who, from: instant(oncall.start, Number.NEGATIVE_INFINITY), to: instant(oncall.end, Number.POSITIVE_INFINITY) };
}

/**
 * Reads one page of `GET /oncalls`. A policy's on-calls are kept at the configured level
 * only. Throws, with the reason, on anything that is not such a page.
 */
export function readOncallPage(json: unknown, filter: OncallFilter, offset: number): OncallPage {
  const parsed = pageShape.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${issue.path.join('.') || 'the answer'}: ${issue.message}`);
  }
  const { oncalls, more } = parsed.data;
  const wanted = 'escalationLevel' in filter ? oncalls.filter((o) => o.escalation_level === filter.escalationLevel) : oncalls;
  const shifts = wanted.map(toShift);
  // An empty page that claims more would page forever.
  const nextOffset = more === true && oncalls.length > 0 ? (parsed.data.offset ?? offset) + oncalls.length : null;
  return { shifts, nextOffset };
}

/**
 * The shifts of all pages as one list, sorted by start. A schedule used by several
 * escalation policies (or at several levels) is listed once per use: repeats are dropped.
 */
export function mergeShifts(pages: Shift[][], window: { from: number; to: number }): Shift[] {
  const seen = new Set<string>();
  const merged: Shift[] = [];
  for (const shift of pages.flat()) {
    if (shift.to <= window.from || shift.from >= window.to || shift.to <= shift.from) continue;
    const key = JSON.stringify([shift.who.email ?? null, shift.who.name ?? null, shift.from, shift.to]);
    if (seen.has(key)) continue;
    seen.add(key);
    merged.push(shift);
  }
  return merged.sort((a, b) => a.from - b.from);
}
