import { basename } from 'node:path';
import { z } from 'zod';
import { redactUrl } from './redact-url';

/** One thing a user does or looks for, in the order the config lists them. */
export type Step =
  | { action: 'goto'; url: string }
  | { action: 'fill'; selector: string; value: string; secret: boolean }
  | { action: 'click'; selector: string }
  | { action: 'press'; selector: string; key: string }
  | { action: 'upload'; selector: string; file: string | { name: string; content: string } }
  | { action: 'expectText'; selector: string | null; text: string }
  | { action: 'expectVisible'; selector: string };

const selector = z.string({ error: 'expected a selector such as "#login", "button[type=submit]" or "text=Sign in"' }).min(1, 'the selector must not be empty');
const text = z.string({ error: 'expected text' }).min(1, 'the text must not be empty');

const actionShapes = {
  goto: z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' }),
  fill: z.strictObject({
    selector,
    value: z.string({ error: 'expected the text to type (use ${VAR} for a secret)' }),
    // Typed values are masked in every result unless marked otherwise: safe by default.
    secret: z.boolean().default(true),
  }),
  click: selector,
  press: z.strictObject({ selector, key: z.string({ error: 'expected a key such as "Enter" or "Control+A"' }).min(1) }),
  upload: z.strictObject({
    selector,
    file: z.union([z.string().min(1), z.strictObject({ name: z.string().min(1), content: z.string() })], {
      error: 'expected the path of a file on the server, or { name, content } for a small file written on the fly',
    }),
  }),
  expectText: z.union([text, z.strictObject({ selector, text })], { error: 'expected the text to find, or { selector, text }' }),
  expectVisible: selector,
};

type ActionName = keyof typeof actionShapes;
const ACTIONS = Object.keys(actionShapes) as ActionName[];
const WAITS = new Set(['wait', 'sleep', 'delay', 'pause']);

/** Each step names exactly one action; a fixed wait is refused because it makes checks slow and flaky. */
function checkStepKeys(value: unknown, ctx: z.RefinementCtx): void {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    ctx.addIssue({ code: 'custom', message: 'expected a step such as { goto: URL } or { click: "#login" }' });
    return;
  }
  const keys = Object.keys(value);
  for (const key of keys.filter((k) => !ACTIONS.includes(k as ActionName))) {
    const message = WAITS.has(key)
      ? `"${key}" is not a step: wait for what a user waits for, with expectText or expectVisible`
      : `unknown step "${key}"; a step is one of: ${ACTIONS.join(', ')}`;
    ctx.addIssue({ code: 'custom', path: [key], message });
  }
  const actions = keys.filter((k) => ACTIONS.includes(k as ActionName));
  if (actions.length === 0 && keys.length === 0) ctx.addIssue({ code: 'custom', message: `empty step; a step is one of: ${ACTIONS.join(', ')}` });
  if (actions.length > 1) ctx.addIssue({ code: 'custom', message: `a step does one thing, this one has ${actions.join(' and ')}: make them separate steps` });
}

function toStep(raw: Partial<{ [K in ActionName]: z.output<(typeof actionShapes)[K]> }>): Step {
  if (raw.goto !== undefined) return { action: 'goto', url: raw.goto };
  if (raw.fill !== undefined) return { action: 'fill', ...raw.fill };
  if (raw.click !== undefined) return { action: 'click', selector: raw.click };
  if (raw.press !== undefined) return { action: 'press', ...raw.press };
  if (raw.upload !== undefined) return { action: 'upload', ...raw.upload };
  if (raw.expectText !== undefined) {
    const wanted = raw.expectText;
    return typeof wanted === 'string' ? { action: 'expectText', selector: null, text: wanted } : { action: 'expectText', ...wanted };
  }
  return { action: 'expectVisible', selector: raw.expectVisible! };
}

const stepSchema = z.unknown().superRefine(checkStepKeys).pipe(z.strictObject(actionShapes).partial()).transform(toStep);

/** `steps:` of a browser check: a non-empty list that starts by opening a page. */
export const stepsSchema = z
  .array(stepSchema, { error: 'expected a list of steps' })
  .min(1, 'add at least one step, starting with goto: URL')
  .superRefine((steps, ctx) => {
    if (steps[0] && steps[0].action !== 'goto') {
      ctx.addIssue({ code: 'custom', path: [0], message: 'the first step must be goto: URL (the browser starts on an empty page)' });
    }
  });

const MAX_LABEL = 80;
const quote = (value: string) => `"${value.length > 40 ? `${value.slice(0, 39)}…` : value}"`;

/** The step as a person reads it in a message: "click #login". Never shows a typed value. */
export function stepLabel(step: Step): string {
  const label = (() => {
    switch (step.action) {
      case 'goto':
        return `goto ${redactUrl(step.url)}`;
      case 'fill':
        return `fill ${step.selector}`;
      case 'click':
        return `click ${step.selector}`;
      case 'press':
        return `press ${step.key} in ${step.selector}`;
      case 'upload':
        return `upload ${typeof step.file === 'string' ? basename(step.file) : step.file.name} to ${step.selector}`;
      case 'expectText':
        return `expectText ${quote(step.text)}${step.selector ? ` in ${step.selector}` : ''}`;
      case 'expectVisible':
        return `expectVisible ${step.selector}`;
    }
  })();
  return label.length > MAX_LABEL ? `${label.slice(0, MAX_LABEL - 1)}…` : label;
}
