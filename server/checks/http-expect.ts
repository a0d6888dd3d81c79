import { z } from 'zod';
import { duration } from '../config/fields';
import { credentialParts, isCredentialName, namedSecrets } from './credentials';
import { describeSize } from './http-request-schema';
import { judgeJsonPath, jsonExpectationSchema, jsonPathProblem } from './json-path';
import { createRedactor, MASK } from './redact';
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
  /** True when the body was larger than `maxBodyBytes`: only its start was read, and the response fails. */
  truncated: boolean;
  /** The most of the body that was to be read (the check's maxBodySize). */
  maxBodyBytes: number;
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
    return 'body is not JSON';
  }
  for (const [path, expected] of Object.entries(expect)) {
    const problem = judgeJsonPath(path, expected, json);
    if (problem) return problem;
  }
  return null;
}

/**
 * The first expectation the response breaks, as one human line; null when it meets them all.
 * Judged in the order the response arrives: status, headers, then the body, which must fit maxBodySize.
 */
function firstProblem(expect: HttpExpect | undefined, facts: HttpResponseFacts): string | null {
  if (!statusMatches(expect?.status, facts.status)) return `expected status ${describeStatus(expect?.status)}, got ${facts.status}`;
  const header = headerProblem(expect?.headers, facts.headers ?? {});
  if (header) return header;
  // An endless or runaway body is a fault of the service, whatever the expectations.
  if (facts.truncated) return `response body larger than maxBodySize (${describeSize(facts.maxBodyBytes)}); stopped reading`;
  const missing = expect?.bodyContains?.find((text) => !facts.body.includes(text));
  if (missing !== undefined) return `body did not contain "${missing}"`;
  const unwanted = expect?.bodyNotContains?.find((text) => facts.body.includes(text));
  if (unwanted !== undefined) return `body contained "${unwanted}"`;
  if (expect?.bodyMatches !== undefined && !new RegExp(expect.bodyMatches).test(facts.body)) return `body did not match /${expect.bodyMatches}/`;
  return jsonProblem(expect?.json, facts);
}

// Named like credentials, but their values are not.
const HARMLESS_HEADERS = new Set(['access-control-allow-credentials']);

/** Whether a response header's whole value must be hidden (set-cookie hides only its cookie values). */
function isCredentialHeader(name: string): boolean {
  return name !== 'set-cookie' && !HARMLESS_HEADERS.has(name) && isCredentialName(name);
}

/** The cookies of a set-cookie header (several joined with ", "), as [name, value]. */
function cookiesSet(header: string): Array<[string, string]> {
  return header.split(/,\s*(?=[^;=\s]+=)/).map((cookie) => {
    const [name = '', ...value] = cookie.split(';')[0]!.split('=');
    return [name, value.join('=')];
  });
}

/** Response headers fit for the service page: cookie values are sessions, so only their names show; credential headers show masked. */
export function visibleHeaders(headers: Record<string, string> | undefined): Record<string, string> {
  const entries = Object.entries(headers ?? {}).map(([name, value]): [string, string] => {
    if (name === 'set-cookie')
      return [
        name,
        cookiesSet(value)
          .map(([cookie]) => `${cookie}=${MASK}`)
          .join(', '),
      ];
    return [name, isCredentialHeader(name) ? MASK : value];
  });
  return Object.fromEntries(entries);
}

/** A JSON member "name": "text" or "name": number, found even in JSON cut short or inside other text. */
const JSON_MEMBER = /"((?:[^"\\]|\\.)*)"\s*:\s*(?:"((?:[^"\\]|\\.)*)(?:"|$)|(-?\d[\d.eE+-]*))/g;
/** A whole body that reads as url-encoded fields: a=1&b=2. */
const FORM_BODY = /^[^\s&=]+=[^\s&]*(?:&[^\s&=]+=[^\s&]*)*$/;

/** Values of credential-named fields in a body: JSON (whole, or members of a part), or url-encoded fields. */
function bodyFieldSecrets(body: string, contentType = ''): string[] {
  try {
    return namedSecrets(JSON.parse(body));
  } catch {
    // Not JSON as a whole (cut at maxBodySize, or JSON within a page): look at its members.
  }
  const members = [...body.matchAll(JSON_MEMBER)].flatMap(([, name = '', text, number]) => namedSecrets(text ?? number, name));
  const isForm = contentType.includes('application/x-www-form-urlencoded') || FORM_BODY.test(body);
  const fields = isForm ? [...new URLSearchParams(body)].flatMap(([name, value]) => namedSecrets(value, name)) : [];
  return [...members, ...fields];
}

/** Values in a response that must never be shown: credential headers, cookies set, credential-named body fields. */
function responseSecrets(facts: Pick<HttpResponseFacts, 'headers' | 'body'>): string[] {
  const headers = facts.headers ?? {};
  const inHeaders = Object.entries(headers).flatMap(([name, value]) => {
    if (name === 'set-cookie') return cookiesSet(value).map(([, cookie]) => cookie);
    return isCredentialHeader(name) ? credentialParts(value) : [];
  });
  return [...inHeaders, ...bodyFieldSecrets(facts.body, headers['content-type'])].filter((secret) => secret.length > 0);
}

/** Masks, in any text, what the response must not show (tokens and session ids it hands out). */
export function responseRedactor(facts: Pick<HttpResponseFacts, 'headers' | 'body'>): (text: string) => string {
  return createRedactor(responseSecrets(facts));
}

/** The start of a body for the service page. Masked before it is cut, so a secret at the cut cannot show in part. */
export function bodyExcerpt(body: string, redact: (text: string) => string): string {
  return redact(body).slice(0, BODY_EXCERPT_CHARS);
}

/** Judges a response against the check's expectations. Pure: facts in, observation out. */
export function judgeHttpResponse(expect: HttpExpect | undefined, facts: HttpResponseFacts): Observation {
  const latencyMs = facts.elapsedMs;
  const details: Record<string, unknown> = { statusCode: facts.status, headers: visibleHeaders(facts.headers), bodyTruncated: facts.truncated };

  const problem = firstProblem(expect, facts);
  if (problem) {
    // A message may quote a header or a JSON value, so it is masked like the excerpt.
    const redact = responseRedactor(facts);
    return { outcome: 'failed', message: redact(problem), latencyMs, details: { ...details, bodyExcerpt: bodyExcerpt(facts.body, redact) } };
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
