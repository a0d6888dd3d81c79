import { z } from 'zod';
import { slug } from '../config/fields';

/** What a firing alert does to its service. */
export type AlertImpact = 'down' | 'degraded';

/** One label condition, as Alertmanager writes them: `=`, `!=`, `=~`, `!~`. */
export interface LabelMatcher {
  /** The label name. */
  name: string;
  /** The comparison, with Alertmanager's meaning. */
  op: '=' | '!=' | '=~' | '!~';
  /** The text compared with, or the regular expression's source. */
  value: string;
  /** The compiled expression, anchored at both ends as Alertmanager anchors it; null for `=` and `!=`. */
  regex: RegExp | null;
}

const MATCHER = /^\s*([a-zA-Z_][a-zA-Z0-9_]*)\s*(=~|!~|!=|=)\s*(.*?)\s*$/s;
const MATCHER_HINT = 'write a matcher as Alertmanager does: team="payments", alertname=~"Probe.*", env!="dev"';

function unquote(raw: string): string | null {
  if (!raw.startsWith('"')) return raw.includes('"') ? null : raw;
  try {
    const value: unknown = JSON.parse(raw);
    return typeof value === 'string' ? value : null;
  } catch {
    return null;
  }
}

/** Reads `name op value` (value bare or double-quoted); the problem in words when it cannot. */
export function parseMatcher(text: string): LabelMatcher | string {
  const match = MATCHER.exec(text);
  if (!match) return `"${text}" is not a matcher; ${MATCHER_HINT}`;
  const [, name, op, raw] = match as unknown as [string, string, LabelMatcher['op'], string];
  const value = unquote(raw);
  if (value === null) return `"${text}": the value's quotes do not match; quote it whole, as in team="payments"`;
  if (op !== '=~' && op !== '!~') return { name, op, value, regex: null };
  try {
    return { name, op, value, regex: new RegExp(`^(?:${value})$`) };
  } catch (error) {
    return `"${text}": not a valid regular expression: ${(error as Error).message}`;
  }
}

const matcherSchema = z.string({ error: `expected text; ${MATCHER_HINT}` }).transform((text, ctx) => {
  const matcher = parseMatcher(text);
  if (typeof matcher === 'string') {
    ctx.addIssue({ code: 'custom', message: matcher });
    return z.NEVER;
  }
  return matcher;
});

const impact = z.enum(['down', 'degraded'], { error: 'expected "down" or "degraded"' });

/** Severities understood without any config; `severities:` in the config adds to or overrides them. */
export const DEFAULT_SEVERITIES: Readonly<Record<string, AlertImpact>> = { critical: 'down', page: 'down', warning: 'degraded' };

/** How alerts find their service and how bad they are: the options every alert source shares. */
export const alertMappingSchema = z.object({
  serviceLabel: z.string({ error: 'expected a label name' }).min(1, 'must not be empty').default('service'),
  rules: z
    .array(
      z.object({
        matchers: z.array(matcherSchema, { error: 'expected a list of matchers' }).min(1, 'a rule needs at least one matcher'),
        service: slug,
      }),
      { error: 'expected a list of rules' },
    )
    .default([]),
  severityLabel: z.string({ error: 'expected a label name' }).min(1, 'must not be empty').default('severity'),
  severities: z
    .record(z.string(), impact, { error: 'expected severity: status pairs, such as info: degraded' })
    .default({})
    .transform((given) => ({ ...DEFAULT_SEVERITIES, ...given })),
  otherSeverity: impact.default('degraded'),
  // An always-firing alert (a "Watchdog") that proves the pipeline works: heard, but no one's problem.
  keepAlive: z.array(matcherSchema, { error: 'expected a list of matchers' }).default([]),
});

/** The mapping options after validation. */
export type AlertMapping = z.output<typeof alertMappingSchema>;

/** Where an alert belongs: a service, or nowhere with the reason. */
export type AlertTarget = { service: string } | { service: null; reason: string; keepAlive?: true };

/** Whether one matcher holds; a missing label counts as empty text, as in Alertmanager. */
export function matches(matcher: LabelMatcher, labels: Record<string, string>): boolean {
  const actual = labels[matcher.name] ?? '';
  switch (matcher.op) {
    case '=':
      return actual === matcher.value;
    case '!=':
      return actual !== matcher.value;
    case '=~':
      return matcher.regex!.test(actual);
    case '!~':
      return !matcher.regex!.test(actual);
  }
}

/**
 * The service an alert belongs to. A keep-alive alert (all `keepAlive` matchers hold)
 * belongs to none and is not unmapped either: it only shows the sender is alive. Rules come first, in order, and the first whose
 * matchers all hold wins; otherwise the service label names it. A service id the board
 * does not have is no target: the alert is kept as unmapped rather than dropped.
 */
export function targetOf(labels: Record<string, string>, mapping: AlertMapping, services: ReadonlySet<string>): AlertTarget {
  if (mapping.keepAlive.length > 0 && mapping.keepAlive.every((m) => matches(m, labels))) {
    return { service: null, reason: 'a keep-alive alert (keepAlive)', keepAlive: true };
  }
  const rule = mapping.rules.find((r) => r.matchers.every((m) => matches(m, labels)));
  if (rule) {
    return services.has(rule.service)
      ? { service: rule.service }
      : { service: null, reason: `a rule names service "${rule.service}", which the board does not have` };
  }
  const named = labels[mapping.serviceLabel];
  if (named === undefined || named === '') return { service: null, reason: `no ${mapping.serviceLabel} label and no rule matched` };
  return services.has(named) ? { service: named } : { service: null, reason: `${mapping.serviceLabel}="${named}" is not a service on the board` };
}

/** What a firing alert does to its service, from its severity label. */
export function impactOf(labels: Record<string, string>, mapping: AlertMapping): AlertImpact {
  const severity = labels[mapping.severityLabel];
  return (severity !== undefined && Object.hasOwn(mapping.severities, severity) ? mapping.severities[severity] : undefined) ?? mapping.otherSeverity;
}
