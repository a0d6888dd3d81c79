import { JSONPath } from 'jsonpath-plus';
import { z } from 'zod';

/** One JSON value, as found in a response body. */
type Json = unknown;

/**
 * What one `expect.json` entry asks of the values at its path: a literal compared
 * exactly, or a comparison such as "< 200" or "!= DOWN".
 */
export type JsonExpectation =
  | { kind: 'equal'; value: string | number | boolean | null }
  | { kind: 'order'; op: '<' | '<=' | '>' | '>='; operand: number; text: string }
  | { kind: 'same'; negate: boolean; operand: string | number; text: string };

const NUMBER = String.raw`-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?`;
const ORDER = new RegExp(`^(<=|>=|<|>)\\s*(${NUMBER})$`);
const SAME = /^(==|!=)\s*(.+)$/;
const NUMBER_ONLY = new RegExp(`^${NUMBER}$`);

/** Reads an expected value from the config: "< 200" and "!= 0" are comparisons, anything else a literal. */
export function parseJsonExpectation(raw: string | number | boolean | null): JsonExpectation {
  if (typeof raw !== 'string') return { kind: 'equal', value: raw };
  const text = raw.trim();
  const order = ORDER.exec(text);
  if (order) return { kind: 'order', op: order[1] as '<', operand: Number(order[2]), text };
  const same = SAME.exec(text);
  if (same) {
    const operand = same[2]!.trim();
    return { kind: 'same', negate: same[1] === '!=', operand: NUMBER_ONLY.test(operand) ? Number(operand) : operand, text };
  }
  return { kind: 'equal', value: raw };
}

/** `expect.json` values: a string, number, boolean or null; strings may be comparisons. */
export const jsonExpectationSchema = z
  .union([z.string(), z.number(), z.boolean(), z.null()], {
    error: 'expected a value (UP, 3, true, null) or a comparison such as "< 200" or "!= 0"',
  })
  .superRefine((raw, ctx) => {
    if (typeof raw === 'string' && /^\s*(<|>)/.test(raw) && parseJsonExpectation(raw).kind === 'equal') {
      ctx.addIssue({ code: 'custom', message: `"${raw}": < and > compare with a number, as in "< 200"` });
    }
  })
  .transform(parseJsonExpectation);

/** Why `path` cannot be used, or null. Filters and scripts are refused: paths never run code. */
export function jsonPathProblem(path: string): string | null {
  if (!path.startsWith('$')) return `"${path}" is not a JSONPath; start it with $, as in $.status`;
  try {
    const segments = JSONPath.toPathArray(path);
    if (segments.some((s) => s.startsWith('?(') || s.startsWith('('))) {
      return `"${path}" is not a usable JSONPath: filter and script expressions are not supported`;
    }
    JSONPath({ path, json: {}, eval: false, wrap: true });
    return null;
  } catch (error) {
    return `"${path}" is not a usable JSONPath: ${(error as Error).message}`;
  }
}

/** A JSONPath string, checked when the config loads. */
export const jsonPathSchema = z.string({ error: 'expected a JSONPath such as $.status' }).superRefine((path, ctx) => {
  const problem = jsonPathProblem(path);
  if (problem) ctx.addIssue({ code: 'custom', message: problem });
});

/** Every value `path` selects in `json`, in document order. `.length` works on arrays and strings. */
export function selectJson(path: string, json: Json): Json[] {
  // A bare scalar document has no members; only "$" itself selects it.
  if (json === null || typeof json !== 'object') return path === '$' ? [json] : [];
  return JSONPath<Json[]>({ path, json, eval: false, wrap: true });
}

/** A value as a person reads it in a message, cut short when long. */
export function showJson(value: Json, quoteStrings = false): string {
  const text = typeof value === 'string' && !quoteStrings ? value : (JSON.stringify(value) ?? String(value));
  return text.length > 80 ? `${text.slice(0, 77)}...` : text;
}

function showExpected(expected: JsonExpectation): string {
  return expected.kind === 'equal' ? showJson(expected.value) : expected.text;
}

/** Why `actual` does not meet `expected`, as the end of a message ("got DOWN"), or null when it does. */
function mismatch(expected: JsonExpectation, actual: Json): string | null {
  switch (expected.kind) {
    case 'equal':
      if (actual === expected.value) return null;
      // Quote a string when a non-string was expected, so 5 and "5" read differently.
      return `got ${showJson(actual, typeof expected.value !== 'string')}`;
    case 'order': {
      if (typeof actual !== 'number') return `got ${showJson(actual, true)} (not a number)`;
      const { op, operand } = expected;
      const holds = op === '<' ? actual < operand : op === '<=' ? actual <= operand : op === '>' ? actual > operand : actual >= operand;
      return holds ? null : `got ${actual}`;
    }
    case 'same': {
      const equal = actual === expected.operand;
      return equal !== expected.negate ? null : `got ${showJson(actual, typeof expected.operand !== 'string')}`;
    }
  }
}

/**
 * Judges one `expect.json` entry against a parsed body: every value the path selects
 * must meet the expectation. Returns the failure message, or null when it holds.
 */
export function judgeJsonPath(path: string, expected: JsonExpectation, json: Json): string | null {
  const values = selectJson(path, json);
  if (values.length === 0) return `${path}: expected ${showExpected(expected)}, but nothing is there`;
  const failures = values.map((value) => mismatch(expected, value)).filter((m): m is string => m !== null);
  if (failures.length === 0) return null;
  const which = values.length > 1 ? ` (${failures.length} of ${values.length} values)` : '';
  return `${path}: expected ${showExpected(expected)}, ${failures[0]}${which}`;
}
