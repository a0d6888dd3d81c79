import { z } from 'zod';
import type { Observation, Outcome } from '../checks/types';
import { describeIssues, type ParseResult } from './alertmanager-payload';

/** What a status in a webhook report means for its service's entry. */
const OUTCOME_OF_STATUS = { up: 'ok', degraded: 'degraded', down: 'failed', unknown: 'unknown' } as const satisfies Record<string, Outcome>;
const STATUSES = Object.keys(OUTCOME_OF_STATUS) as Array<keyof typeof OUTCOME_OF_STATUS>;

/** A line on a tile, not a log: longer text belongs in `details`. */
export const MAX_MESSAGE = 500;
/** Longer is no service id, and would only be echoed back in the refusal. */
const MAX_SERVICE_ID = 200;
/** The sender's facts, written out as JSON: enough for a build link and a few fields, not a log dump. */
export const MAX_DETAILS = 4_096;

/** How long a value is written as JSON; without end when it nests too deep to be written at all. */
function jsonLength(value: unknown): number {
  try {
    return JSON.stringify(value).length;
  } catch {
    // A body of a few hundred kilobytes can nest deeper than the stack lets JSON.stringify go.
    return Infinity;
  }
}

const detailsSchema = z
  .record(z.string(), z.unknown(), { error: 'expected an object of facts' })
  .refine((details) => jsonLength(details) <= MAX_DETAILS, `must be at most ${MAX_DETAILS} characters written as JSON`);

const reportSchema = z.strictObject(
  {
    service: z.string({ error: 'expected a service id' }).max(MAX_SERVICE_ID, `must be at most ${MAX_SERVICE_ID} characters`),
    status: z.enum(STATUSES, { error: `expected one of ${STATUSES.join(', ')}` }),
    message: z.string({ error: 'expected text' }).max(MAX_MESSAGE, `must be at most ${MAX_MESSAGE} characters`).optional(),
    details: detailsSchema.optional(),
  },
  {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown field ${issue.keys.map((key) => JSON.stringify(key)).join(', ')}; a report has service, status, message and details`
        : 'expected a report object: { "service": …, "status": … }',
  },
);

const listSchema = z.array(reportSchema, { error: 'expected a report object or a list of them' });

type Report = z.output<typeof reportSchema>;

/** What one body says: the observation for each service it names, the last report of a service winning. */
export type WebhookReports = Map<string, Observation>;

/** The observation one report makes; without a message, the entry says what was reported. */
function observationOf(report: Report): Observation {
  const message = report.message?.trim() || `reported ${report.status}`;
  return { outcome: OUTCOME_OF_STATUS[report.status], message, latencyMs: null, ...(report.details ? { details: report.details } : {}) };
}

/**
 * Reads a webhook body (already parsed from JSON): one report `{ service, status,
 * message?, details? }` or a list of them. The whole body is taken or refused: one bad
 * report, or one naming a service outside `allowed`, refuses it with the field named
 * (`[2].status: …`). Within a list, a later report on a service replaces an earlier one,
 * so a long list costs one result per service. Pure.
 */
export function parseWebhookReports(body: unknown, allowed: readonly string[], sourceId: string): ParseResult<WebhookReports> {
  const parsed = Array.isArray(body) ? listSchema.safeParse(body) : reportSchema.safeParse(body);
  if (!parsed.success) return { ok: false, problem: describeIssues(parsed.error) };
  const reports = Array.isArray(parsed.data) ? parsed.data : [parsed.data];
  const refused = reports.findIndex((report) => !allowed.includes(report.service));
  if (refused >= 0) {
    const at = Array.isArray(body) ? `[${refused}].service` : 'service';
    const service = JSON.stringify(reports[refused]!.service);
    return { ok: false, problem: `${at}: ${service} is not a service source "${sourceId}" reports on (${allowed.join(', ')})` };
  }
  return { ok: true, value: new Map(reports.map((report) => [report.service, observationOf(report)])) };
}
