import { z } from 'zod';
import type { RequestConfig } from './http-request-schema';
import type { HttpExchange } from './http-send';
import { jsonPathSchema, selectJson } from './json-path';

/** `{{name}}`, spaces inside the braces allowed. */
const VARIABLE = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
const NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** A variable name usable as `{{name}}`. */
export function variableNameProblem(name: string): string | null {
  return NAME.test(name) ? null : `"${name}" is not a variable name: use letters, digits and _, starting with a letter or _`;
}

/** Checks the names of a map of variables, each at its own path, for a clear message. */
export function refineVariableNames(map: Record<string, unknown>, ctx: z.RefinementCtx): void {
  for (const name of Object.keys(map)) {
    const problem = variableNameProblem(name);
    if (problem) ctx.addIssue({ code: 'custom', path: [name], message: problem });
  }
}

/** A step refers to a variable that neither `variables` nor an earlier capture has set. */
export class UndefinedVariable extends Error {
  constructor(readonly variable: string) {
    super(`undefined variable {{${variable}}}`);
  }
}

/** `text` with every `{{name}}` replaced; throws UndefinedVariable for a name not set. */
export function expandText(text: string, vars: ReadonlyMap<string, string>): string {
  return text.replace(VARIABLE, (_match, name: string) => {
    const value = vars.get(name);
    if (value === undefined) throw new UndefinedVariable(name);
    return value;
  });
}

/** `value` with variables replaced in every string inside it; keys stay as written. */
export function expandDeep<T>(value: T, vars: ReadonlyMap<string, string>): T {
  if (typeof value === 'string') return expandText(value, vars) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => expandDeep(item, vars)) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, expandDeep(item, vars)])) as T;
  }
  return value;
}

/** The request fields of a step with variables replaced; other fields (expect, capture) untouched. */
export function expandRequest<Step extends RequestConfig>(step: Step, vars: ReadonlyMap<string, string>): Step {
  const { url, headers, query, body, json, form, multipart, auth } = step;
  return { ...step, ...expandDeep({ url, headers, query, body, json, form, multipart, auth }, vars) };
}

/**
 * A URL that may hold `{{name}}`: an http(s) URL once they are filled in. One that starts
 * with a variable (a base URL) can only be checked when it runs.
 */
export const templateUrl = z.string({ error: 'expected an http:// or https:// URL' }).superRefine((url, ctx) => {
  if (/^\{\{[^}]*\}\}/.test(url)) return;
  const filled = url.replace(VARIABLE, 'x');
  const valid = URL.canParse(filled) && /^https?:$/.test(new URL(filled).protocol);
  if (!valid) ctx.addIssue({ code: 'custom', message: 'expected an http:// or https:// URL (it may use {{variables}})' });
});

const regexWithSource = z.string().superRefine((source, ctx) => {
  try {
    new RegExp(source);
  } catch (error) {
    ctx.addIssue({ code: 'custom', message: `not a valid regular expression: ${(error as Error).message}` });
  }
});

/** Where one captured value comes from: a JSONPath in the body, a response header, or a regex's first group. */
export const captureSchema = z
  .strictObject({
    json: jsonPathSchema.optional(),
    header: z.string().min(1).optional(),
    regex: regexWithSource.optional(),
    /** Captured values are masked in every result unless this is false. */
    secret: z.boolean().default(true),
  })
  .refine((c) => [c.json, c.header, c.regex].filter((v) => v !== undefined).length === 1, 'a capture takes exactly one of json, header or regex');

export type Capture = z.output<typeof captureSchema>;

/** The captured value, or why there is none ("capture token: nothing at $.token"). Pure. */
export function captureValue(name: string, capture: Capture, response: Pick<HttpExchange, 'headers' | 'body'>): { value: string } | { problem: string } {
  const problem = (why: string) => ({ problem: `capture ${name}: ${why}` });
  if (capture.header !== undefined) {
    const value = response.headers[capture.header.toLowerCase()];
    return value === undefined ? problem(`no header ${capture.header.toLowerCase()}`) : { value };
  }
  if (capture.regex !== undefined) {
    const match = new RegExp(capture.regex).exec(response.body);
    return match ? { value: match[1] ?? match[0] } : problem(`/${capture.regex}/ matched nothing in the body`);
  }
  let json: unknown;
  try {
    json = JSON.parse(response.body);
  } catch {
    return problem('body is not JSON');
  }
  const [found] = selectJson(capture.json!, json);
  if (found === undefined) return problem(`nothing at ${capture.json}`);
  return { value: typeof found === 'string' ? found : JSON.stringify(found) };
}
