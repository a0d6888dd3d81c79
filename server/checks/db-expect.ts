import { z } from 'zod';
import type { Observation } from './types';

/** How a number is compared: `> 0`, `>= 1`, `< 100`, `== 3`, `!= 0`. */
export type Operator = '>' | '>=' | '<' | '<=' | '=' | '!=';

export interface Comparison {
  op: Operator;
  operand: number;
}

/**
 * What a value must be: equal (or, negated, unequal) to a scalar, compared loosely so
 * that a driver's "3" equals 3; or a number in an order (`< 200`).
 */
export type ValueExpectation = { kind: 'equals'; expected: string | number | boolean | null; negate: boolean } | { kind: 'compare'; comparison: Comparison };

// The same comparison language as the http check's `expect.json`.
const NUMBER_TEXT = String.raw`[+-]?(?:\d+\.?\d*|\.\d+)(?:e[+-]?\d+)?`;
const ORDER = new RegExp(`^(<=|>=|<|>)\\s*(${NUMBER_TEXT})$`, 'i');
const SAME = /^(==|!=)\s*(.+)$/;
const NUMBER = new RegExp(`^\\s*${NUMBER_TEXT}\\s*$`, 'i');
const INTEGER = /^\s*[+-]?\d+\s*$/;

/** `"> 0"` → { op: '>', operand: 0 }, `"!= 0"` → { op: '!=', operand: 0 }; null when the text is no numeric comparison. */
export function parseComparison(text: string): Comparison | null {
  const trimmed = text.trim();
  const order = ORDER.exec(trimmed);
  if (order) return { op: order[1] as Operator, operand: Number(order[2]) };
  const same = SAME.exec(trimmed);
  if (same && NUMBER.test(same[2]!)) return { op: same[1] === '==' ? '=' : '!=', operand: Number(same[2]) };
  return null;
}

/** A configured value: `"< 200"` orders, `"== x"`/`"!= x"` (in)equality, anything else a literal. */
export function parseValueExpectation(raw: string | number | boolean | null): ValueExpectation {
  if (typeof raw !== 'string') return { kind: 'equals', expected: raw, negate: false };
  const order = ORDER.exec(raw.trim());
  if (order) return { kind: 'compare', comparison: { op: order[1] as Operator, operand: Number(order[2]) } };
  const same = SAME.exec(raw.trim());
  // The operand stays text: equality is loose anyway ("3" equals 3), and text keeps big integers exact.
  if (same) return { kind: 'equals', expected: same[2]!.trim(), negate: same[1] === '!=' };
  return { kind: 'equals', expected: raw, negate: false };
}

export function compare(actual: number, { op, operand }: Comparison): boolean {
  switch (op) {
    case '>':
      return actual > operand;
    case '>=':
      return actual >= operand;
    case '<':
      return actual < operand;
    case '<=':
      return actual <= operand;
    case '=':
      return actual === operand;
    case '!=':
      return actual !== operand;
  }
}

/** A number read from a driver's value: numbers, bigints and numeric text (pg bigint, DECIMAL). */
export function asNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'bigint') return Number(value);
  if (typeof value === 'string' && NUMBER.test(value)) return Number(value);
  return null;
}

const TRUE_TEXT = new Set(['t', 'true', '1', 'yes', 'on']);
const FALSE_TEXT = new Set(['f', 'false', '0', 'no', 'off']);

/** true/false as databases spell them: booleans, 1/0 (MySQL), 't'/'f' (PostgreSQL text). */
function asBoolean(value: unknown): boolean | null {
  if (typeof value === 'boolean') return value;
  if (value === 1 || value === 0) return value === 1;
  if (typeof value === 'string' && TRUE_TEXT.has(value.trim().toLowerCase())) return true;
  if (typeof value === 'string' && FALSE_TEXT.has(value.trim().toLowerCase())) return false;
  return null;
}

function asText(value: unknown): string {
  if (typeof value === 'string') return value;
  if (value instanceof Date) return value.toISOString();
  if (Buffer.isBuffer(value)) return value.toString('utf8');
  if (typeof value === 'object') return JSON.stringify(value);
  // eslint-disable-next-line @typescript-eslint/no-base-to-string -- only primitives are left here
  return String(value);
}

function sameNumber(expected: string | number, actual: unknown): boolean {
  // Integers beyond 2^53 (pg bigint arrives as text) must not be rounded into equality.
  if (typeof expected === 'string' && typeof actual === 'string' && INTEGER.test(expected) && INTEGER.test(actual)) {
    return BigInt(expected.trim()) === BigInt(actual.trim());
  }
  const e = asNumber(expected);
  const a = asNumber(actual);
  return e !== null && a !== null && e === a;
}

/** Whether a driver's value equals the configured one, comparing "1" with 1 and 't' with true. */
export function valueEquals(expected: string | number | boolean | null, actual: unknown): boolean {
  if (expected === null) return actual === null || actual === undefined;
  if (actual === null || actual === undefined) return false;
  if (typeof expected === 'boolean') return asBoolean(actual) === expected;
  if (typeof expected === 'number') return sameNumber(expected, actual);
  return asText(actual) === expected || sameNumber(expected, actual);
}

const MAX_SHOWN = 80;

const clip = (text: string) => (text.length > MAX_SHOWN ? `${text.slice(0, MAX_SHOWN)}…` : text);

/** A value as a person reads it in a one-line message: 'text', 42, null, clipped if long. */
export function showValue(value: unknown): string {
  if (value === null || value === undefined) return 'null';
  if (typeof value === 'number' || typeof value === 'bigint' || typeof value === 'boolean') return String(value);
  // Numbers that a driver hands over as text (pg bigint, DECIMAL) read as numbers.
  if (typeof value === 'string' && NUMBER.test(value)) return value.trim();
  const text = clip(asText(value).replace(/\s+/g, ' '));
  const quoted = typeof value === 'string' || value instanceof Date || Buffer.isBuffer(value);
  return quoted ? `'${text}'` : text;
}

function showExpectation(expectation: ValueExpectation): string {
  if (expectation.kind === 'compare') return `${expectation.comparison.op} ${expectation.comparison.operand}`;
  return `${expectation.negate ? '!= ' : ''}${showValue(expectation.expected)}`;
}

/** Why `actual` does not meet the expectation ("expected value 'ok', got 'degraded'"), or null when it does. */
export function valueMismatch(expectation: ValueExpectation, actual: unknown, noun: string): string | null {
  const wanted = `expected ${noun} ${showExpectation(expectation)}`;
  if (expectation.kind === 'equals') {
    return valueEquals(expectation.expected, actual) !== expectation.negate ? null : `${wanted}, got ${showValue(actual)}`;
  }
  const number = asNumber(actual);
  if (number === null) return `${wanted}, got ${showValue(actual)} (not a number)`;
  return compare(number, expectation.comparison) ? null : `${wanted}, got ${showValue(actual)}`;
}

const plural = (n: number) => (n === 1 ? 'row' : 'rows');

/** Why a row count misses ("expected 1 row, got 0"), or null when it is met. */
export function rowsMismatch(expected: Comparison, rows: number): string | null {
  if (compare(rows, expected)) return null;
  const wanted = expected.op === '=' ? `${expected.operand}` : `${expected.op} ${expected.operand}`;
  return `expected ${wanted} ${plural(expected.operand)}, got ${rows}`;
}

const COMPARISON_HINT = 'a comparison such as "> 0", ">= 1", "< 100", "== 3" or "!= 0"';

/** `rows: 1` or `rows: "> 0"`. */
export const rowsExpectation = z
  .union([z.number().int().min(0), z.string()], { error: `expected a row count (1) or ${COMPARISON_HINT}` })
  .transform((input, ctx): Comparison => {
    if (typeof input === 'number') return { op: '=', operand: input };
    const comparison = parseComparison(input);
    if (comparison) return comparison;
    ctx.addIssue({ code: 'custom', message: `"${input}" is not a row count or ${COMPARISON_HINT}` });
    return z.NEVER;
  });

/** `value: ok`, `value: 42`, `value: true`, `value: null`, `value: "!= DOWN"`, or an order for numbers (`value: "> 0"`). */
export const valueExpectation = z
  .union([z.string(), z.number(), z.boolean(), z.null()], { error: `expected text, a number, true/false, null or ${COMPARISON_HINT}` })
  .superRefine((raw, ctx) => {
    // "> O" (a letter) must not quietly become the text "> O".
    if (typeof raw === 'string' && /^\s*[<>]/.test(raw) && parseValueExpectation(raw).kind === 'equals') {
      ctx.addIssue({ code: 'custom', message: `"${raw}": < and > compare with a number, as in "< 200"` });
    }
  })
  .transform(parseValueExpectation);

/** `expect` of the SQL checks. */
export const sqlExpectSchema = z.strictObject({
  rows: rowsExpectation.optional(),
  value: valueExpectation.optional(),
});

export type SqlExpect = z.output<typeof sqlExpectSchema>;

export interface QueryFacts {
  /** Rows the query returned. */
  rows: number;
  /** The first column of the first row; undefined when there is no row. */
  firstValue: unknown;
  elapsedMs: number;
}

const MAX_FACT = 200;

/** A value fit for `details`: scalars as they are, anything else as clipped text. */
function fact(value: unknown): string | number | boolean | null {
  if (value === undefined || value === null) return null;
  if (typeof value === 'number' || typeof value === 'boolean') return value;
  return asText(value).slice(0, MAX_FACT);
}

/** Judges a query's result against the check's expectations. Pure: facts in, observation out. */
export function judgeQuery(expect: SqlExpect | undefined, facts: QueryFacts): Observation {
  const latencyMs = facts.elapsedMs;
  const details = { rows: facts.rows, ...(facts.rows > 0 ? { value: fact(facts.firstValue) } : {}) };
  const fail = (message: string): Observation => ({ outcome: 'failed', message, latencyMs, details });
  const rowsProblem = expect?.rows ? rowsMismatch(expect.rows, facts.rows) : null;
  if (rowsProblem) return fail(rowsProblem);
  if (expect?.value) {
    if (facts.rows === 0) return fail(`expected value ${showExpectation(expect.value)}, but the query returned no rows`);
    const valueProblem = valueMismatch(expect.value, facts.firstValue, 'value');
    if (valueProblem) return fail(valueProblem);
  }
  return { outcome: 'ok', message: `query returned ${facts.rows} ${plural(facts.rows)}`, latencyMs, details };
}

/** `expect` of the Redis check: the reply. */
export const replyExpectSchema = z.strictObject({
  value: valueExpectation.optional(),
});

export type ReplyExpect = z.output<typeof replyExpectSchema>;

/** Judges a command's reply. `command` is its name, for the message ("PING replied 'PONG'"). */
export function judgeReply(expect: ReplyExpect | undefined, command: string, reply: unknown, elapsedMs: number): Observation {
  const details = { reply: fact(reply) };
  const problem = expect?.value ? valueMismatch(expect.value, reply, 'reply') : null;
  if (problem) return { outcome: 'failed', message: problem, latencyMs: elapsedMs, details };
  return { outcome: 'ok', message: `${command} replied ${showValue(reply)}`, latencyMs: elapsedMs, details };
}
