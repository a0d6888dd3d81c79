import { z } from 'zod';
import type { Shift } from './types';

// GoAlert's GraphQL API, as its schema defines it (target/goalert): `POST /api/graphql`;
// `schedule(id: ID!): Schedule` (graphql2/graph/_Query.graphqls); `Schedule.shifts(start:
// ISOTimestamp!, end: ISOTimestamp!): [OnCallShift!]!` and `OnCallShift { userID, user:
// User, start, end, truncated }`, `User { name, email }` (graphql2/schema.graphql). An
// admin API key is bound to one exact query document (docs/adrs/000005-api-key-
// architecture.md), so this text is what the key must be created with; the README gives it.

/** The query sent, word for word: a GoAlert API key accepts only the query it was made for. */
export const SHIFTS_QUERY =
  'query GreenboardShifts($id: ID!, $start: ISOTimestamp!, $end: ISOTimestamp!) { schedule(id: $id) { shifts(start: $start, end: $end) { userID user { name email } start end } } }';

/** The JSON body of the call for one schedule over [from, to). */
export function shiftsRequest(scheduleId: string, window: { from: number; to: number }) {
  return { query: SHIFTS_QUERY, variables: { id: scheduleId, start: new Date(window.from).toISOString(), end: new Date(window.to).toISOString() } };
}

const shiftShape = z.object({
  userID: z.string(),
  // Null when the user has since been deleted.
  user: z.object({ name: z.string(), email: z.string() }).nullable(),
  start: z.string(),
  end: z.string(),
});
const answerShape = z.object({
  data: z
    .object({ schedule: z.object({ shifts: z.array(shiftShape) }).nullable() })
    .nullable()
    .optional(),
  errors: z.array(z.object({ message: z.string() })).optional(),
});

function instant(text: string): number {
  const at = Date.parse(text);
  if (Number.isNaN(at)) throw new Error(`"${text}" is not a time`);
  return at;
}

function toShift(shift: z.output<typeof shiftShape>): Shift {
  const who = shift.user ? { name: shift.user.name, ...(shift.user.email ? { email: shift.user.email } : {}) } : { name: `GoAlert user ${shift.userID}` };
  return { who, from: instant(shift.start), to: instant(shift.end) };
}

/** What a GraphQL answer says: the shifts, sorted by start, or why there are none. */
export type ShiftsAnswer = { ok: true; shifts: Shift[] } | { ok: false; problem: string };

/**
 * Reads the answer to SHIFTS_QUERY. GraphQL reports errors in the body with HTTP 200; the
 * first one is the problem. Throws, with the reason, on anything that is not such an answer.
 */
export function readShiftsAnswer(json: unknown, scheduleId: string): ShiftsAnswer {
  const parsed = answerShape.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0]!;
    throw new Error(`${issue.path.join('.') || 'the answer'}: ${issue.message}`);
  }
  const { data, errors } = parsed.data;
  if (errors && errors.length > 0) return { ok: false, problem: errors[0]!.message };
  if (!data) throw new Error('no data and no errors');
  if (!data.schedule) return { ok: false, problem: `no schedule with id "${scheduleId}"` };
  return { ok: true, shifts: data.schedule.shifts.map(toShift).sort((a, b) => a.from - b.from) };
}
