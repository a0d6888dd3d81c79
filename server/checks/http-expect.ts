import { z } from 'zod';
import { duration } from '../config/fields';
import { judgeJsonPath, jsonExpectationSchema, jsonPathProblem } from './json-path';
import type { Observation } from './types';

const statusCode = z.number({ error: 'expected a status code such as 200' }).int().min(100).max(599);
const statusClass = z.string().regex(/^[1-5]xx$/, 'expected a status code (200), a class ("2xx") or a list of them');

/** `expect.status`: 200, "2xx", or a list of either. */
export const statusExpectation = z.union([statusCode, statusClass, z.array(z.union([statusCode, statusClass])).min(1)]);

function regexProblem(source: string, flags = ''): string | null {
  try {
    new RegExp(source, flags);
    return null;
  } catch (error) {
    return `not a valid regular expression: ${(error as Error).message}`;
  }
}

/** A regular expression written without slashes, as `bodyMatches` takes it. */
export const regexSource = z.string().superRefine((source, ctx) => {
  const problem = regexProblem(source);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

const SLASHED = /^\/(.*)\/([a-z]*)$/s;

/** An exact text, or a regular expression written "/…/flags"; kept as the text the user wrote. */
export const textOrPattern = z.string({ error: 'expected a value, or a regular expression such as "/json/i"' }).superRefine((text, ctx) => {
  const slashed = SLASHED.exec(text);
  const problem = slashed && regexProblem(slashed[1]!, slashed[2]);
  if (problem) ctx.addIssue({ code: 'custom', message: `${text}: ${problem}` });
});

/** Whether `actual` is `expected` exactly, or matches it when it is written "/…/flags". */
export function textMatches(expected: string, actual: string): boolean {
  const slashed = SLASHED.exec(expected);
  return slashed ? new RegExp(slashed[1]!, slashed[2]).test(actual) : actual === expected;
}

const someText = z.string({ error: 'expected text' }).min(1, 'must not be empty');
const oneOrMany = z.union([someText, z.array(someText).min(1)]).transform((v) => (Array.isArray(v) ? v : [v]));

/** `expect.json`: JSONPath → expected value or comparison. Keys are checked here for a clear message. */
const jsonExpectations = z.record(z.string(), jsonExpectationSchema).superRefine((map, ctx) => {
  for (const path of Object.keys(map)) {
    const problem = jsonPathProblem(path);
    if (problem) ctx.addIssue({ code: 'custom', path: [path], message: problem });
  }
});

export const httpExpectSchema = z.strictObject({
  status: statusExpectation.optional(),
  headers: z
    .record(z.string(), textOrPattern)
    .transform((map) => Object.fromEntries(Object.entries(map).map(([name, value]) => [name.toLowerCase(), value])))
    .optional(),
  bodyContains: oneOrMany.optional(),
  bodyNotContains: oneOrMany.optional(),
  bodyMatches: regexSource.optional(),
  json: jsonExpectations.optional(),
  maxResponseTime: duration().optional(),
});

export type HttpExpect = z.output<typeof httpExpectSchema>;

export interface HttpResponseFacts {
  status: number;
  /** Response headers, names in lower case; repeated headers joined with ", ". */
  headers?: Record<string, string>;
  body: string;
  /** True when the body was longer than the cap and only its start was read. */
  truncated: boolean;
  elapsedMs: number;
}

/** How much of a failing body the service page shows. */
export const BODY_EXCERPT_CHARS = 500;

function statusMatches(expected: z.output<typeof statusExpectation> | undefined, actual: number): boolean {
  const wanted = expected === undefined ? ['2xx'] : Array.isArray(expected) ? expected : [expected];
  return wanted.some((w) => (typeof w === 'number' ? w === actual : Math.floor(actual / 100) === Number(w[0])));
}

function describeStatus(expected: z.output<typeof statusExpectation> | undefined): string {
  if (expected === undefined) return '2xx';
  return Array.isArray(expected) ? expected.join(' or ') : String(expected);
}

function headerProblem(expected: Record<string, string> | undefined, actual: Record<string, string>): string | null {
  for (const [name, wanted] of Object.entries(expected ?? {})) {
    const got = actual[name];
    if (got === undefined) return `header ${name}: expected ${wanted}, but it is missing`;
    if (!textMatches(wanted, got)) return `header ${name}: expected ${wanted}, got ${got}`;
  }
  return null;
}

function jsonProblem(expect: HttpExpect['json'], facts: HttpResponseFacts): string | null {
  if (!expect || Object.keys(expect).length === 0) return null;
  let json: unknown;
  try {
    json = JSON.parse(facts.body);
  } catch {
    return `body is not JSON${facts.truncated ? ' (only its first part was read)' : ''}`;
  }
  for (const [path, expected] of Object.entries(expect)) {
    const problem = judgeJsonPath(path, expected, json);
    if (problem) return problem;
  }
  return null;
}

/** The first expectation the response breaks, as one human line; null when it meets them all. */
function firstProblem(expect: HttpExpect | undefined, facts: HttpResponseFacts): string | null {
  if (!statusMatches(expect?.status, facts.status)) return `expected status ${describeStatus(expect?.status)}, got ${facts.status}`;
  const header = headerProblem(expect?.headers, facts.headers ?? {});
  if (header) return header;
  const partly = facts.truncated ? ' (in its first part read)' : '';
  const missing = expect?.bodyContains?.find((text) => !facts.body.includes(text));
  if (missing !== undefined) return `body did not contain "${missing}"${partly}`;
  const unwanted = expect?.bodyNotContains?.find((text) => facts.body.includes(text));
  if (unwanted !== undefined) return `body contained "${unwanted}"`;
  if (expect?.bodyMatches !== undefined && !new RegExp(expect.bodyMatches).test(facts.body)) {
    return `body did not match /${expect.bodyMatches}/${partly}`;
  }
  return jsonProblem(expect?.json, facts);
}

/** Response headers fit for the service page: cookie values are sessions, so only their names show. */
export function visibleHeaders(headers: Record<string, string> | undefined): Record<string, string> {
  const entries = Object.entries(headers ?? {}).map(([name, value]): [string, string] =>
    name === 'set-cookie' ? [name, value.split(/,\s*(?=[^;=\s]+=)/).map((c) => `${c.split('=')[0]}=***`).join(', ')] : [name, value],
  );
  return Object.fromEntries(entries);
}

/** Judges a response against the check's expectations. Pure: facts in, observation out. */
export function judgeHttpResponse(expect: HttpExpect | undefined, facts: HttpResponseFacts): Observation {
  const latencyMs = facts.elapsedMs;
  const details: Record<string, unknown> = { statusCode: facts.status, headers: visibleHeaders(facts.headers), bodyTruncated: facts.truncated };

  const problem = firstProblem(expect, facts);
  if (problem) {
    return { outcome: 'failed', message: problem, latencyMs, details: { ...details, bodyExcerpt: facts.body.slice(0, BODY_EXCERPT_CHARS) } };
  }
  if (expect?.maxResponseTime !== undefined && facts.elapsedMs > expect.maxResponseTime) {
    return {
      outcome: 'degraded',
      message: `slow: took ${Math.round(facts.elapsedMs)}ms, limit ${expect.maxResponseTime}ms`,
      latencyMs,
      details,
    };
  }
  return { outcome: 'ok', message: `HTTP ${facts.status}`, latencyMs, details };
}
