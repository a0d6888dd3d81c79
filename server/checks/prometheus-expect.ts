import { z } from 'zod';
import { seriesName, showSampleValue, type Sample } from '../prometheus/query-result';
import { compare, parseComparison, type Comparison } from './db-expect';
import type { Observation } from './types';

const VALUE_HINT = 'a comparison such as "< 0.05", "<= 1", "> 0", ">= 0.99", "== 1" or "!= 0"';
const SERIES_HINT = 'a number of series (3) or a comparison such as ">= 3", "> 0" or "== 1"';

/** `value: "< 0.05"`; a bare number means equal to it. */
const valueComparison = z.union([z.number(), z.string()], { error: `expected ${VALUE_HINT}` }).transform((input, ctx): Comparison => {
  if (typeof input === 'number') return { op: '=', operand: input };
  const comparison = parseComparison(input);
  if (comparison) return comparison;
  ctx.addIssue({ code: 'custom', message: `"${input}" is not ${VALUE_HINT}` });
  return z.NEVER;
});

/** `series: ">= 3"`; a bare whole number means exactly that many. */
const seriesComparison = z.union([z.number(), z.string()], { error: `expected ${SERIES_HINT}` }).transform((input, ctx): Comparison => {
  const comparison = typeof input === 'number' ? { op: '=' as const, operand: input } : parseComparison(input);
  if (comparison && Number.isInteger(comparison.operand) && comparison.operand >= 0) return comparison;
  ctx.addIssue({ code: 'custom', message: `"${input}" is not ${SERIES_HINT}` });
  return z.NEVER;
});

/** `expect` of the prometheus check. */
export const prometheusExpectSchema = z.strictObject({
  /** Compared with each series' value. */
  value: valueComparison.optional(),
  /** How many series the query must return. */
  series: seriesComparison.optional(),
  /** Which series must meet `value`: every one, or at least one. */
  match: z.enum(['every', 'any'], { error: 'expected "every" or "any"' }).default('every'),
  /** What a result with no series means; by default failed, unless `series` allows 0. */
  empty: z.enum(['failed', 'ok'], { error: 'expected "failed" or "ok"' }).optional(),
});

export type PrometheusExpect = z.output<typeof prometheusExpectSchema>;

/** What a query gave, as the judge needs it. */
export interface QueryFacts {
  resultType: string;
  samples: Sample[];
  elapsedMs: number;
  /** Prometheus's own warnings about the query, shown with the result. */
  warnings: string[];
}

const MAX_NAMED = 3;
const MAX_DETAILED = 20;

/** "< 0.05", "== 1": a comparison as written in the config. */
export function showComparison({ op, operand }: Comparison): string {
  return `${op === '=' ? '==' : op} ${operand}`;
}

/** NaN is no number at all, so it meets no comparison, not even `!=`. */
function meets(value: number, comparison: Comparison): boolean {
  return !Number.isNaN(value) && compare(value, comparison);
}

/** "0.12 on {job="api"}", or "0.12" for a series without labels (a scalar). */
function showSample(sample: Sample): string {
  const name = seriesName(sample.labels);
  return name === '{}' ? showSampleValue(sample.value) : `${showSampleValue(sample.value)} on ${name}`;
}

/** Furthest from the expected value first, NaN before all: the series a person should look at. */
function worstFirst(samples: Sample[], comparison: Comparison): Sample[] {
  const distance = (s: Sample) => (Number.isNaN(s.value) ? Infinity : Math.abs(s.value - comparison.operand));
  return [...samples].sort((a, b) => distance(b) - distance(a));
}

function named(samples: Sample[]): string {
  const shown = samples.slice(0, MAX_NAMED).map(showSample).join('; ');
  const more = samples.length - MAX_NAMED;
  return more > 0 ? `${shown}; and ${more} more` : shown;
}

function valueProblem(expect: PrometheusExpect, samples: Sample[], comparison: Comparison): string | null {
  const wanted = showComparison(comparison);
  const failing = worstFirst(
    samples.filter((s) => !meets(s.value, comparison)),
    comparison,
  );
  const holds = expect.match === 'any' ? failing.length < samples.length : failing.length === 0;
  if (holds) return null;
  if (samples.length === 1) return `value ${showSample(samples[0]!)}, expected ${wanted}`;
  const count = expect.match === 'any' ? `none of ${samples.length} series meets` : `${failing.length} of ${samples.length} series fail`;
  return `${count} ${wanted}: ${named(failing)}`;
}

function okMessage(expect: PrometheusExpect | undefined, samples: Sample[]): string {
  const comparison = expect?.value;
  if (samples.length === 1) return `value ${showSample(samples[0]!)}`;
  if (!comparison) return `query returned ${samples.length} series`;
  if (expect.match === 'every') return `${samples.length} series, all ${showComparison(comparison)}`;
  const meeting = samples.filter((s) => meets(s.value, comparison)).length;
  return `${meeting} of ${samples.length} series ${showComparison(comparison)}`;
}

/** The series for the service page, those that break the expectation first; at most 20. */
function seriesDetails(samples: Sample[], comparison: Comparison | undefined) {
  const ordered = comparison
    ? [
        ...worstFirst(
          samples.filter((s) => !meets(s.value, comparison)),
          comparison,
        ),
        ...samples.filter((s) => meets(s.value, comparison)),
      ]
    : samples;
  return ordered.slice(0, MAX_DETAILED).map((s) => ({
    series: seriesName(s.labels),
    value: showSampleValue(s.value),
    ...(comparison ? { meets: meets(s.value, comparison) } : {}),
  }));
}

/** Judges an instant query's samples against the check's expectations. Pure: facts in, observation out. */
export function judgeSamples(expect: PrometheusExpect | undefined, facts: QueryFacts): Observation {
  const { samples } = facts;
  const details = {
    resultType: facts.resultType,
    seriesCount: samples.length,
    series: seriesDetails(samples, expect?.value),
    ...(facts.warnings.length > 0 ? { warnings: facts.warnings } : {}),
  };
  const result = (outcome: Observation['outcome'], message: string): Observation => ({ outcome, message, latencyMs: facts.elapsedMs, details });
  if (samples.length === 0) {
    const emptyMeans = expect?.empty ?? (expect?.series && compare(0, expect.series) ? 'ok' : 'failed');
    return result(emptyMeans, 'the query returned no series');
  }
  if (expect?.series && !compare(samples.length, expect.series)) {
    return result('failed', `expected ${showComparison(expect.series)} series, got ${samples.length}`);
  }
  const problem = expect?.value ? valueProblem(expect, samples, expect.value) : null;
  return problem ? result('failed', problem) : result('ok', okMessage(expect, samples));
}
