import { z } from 'zod';
import { describeIssues } from '../sources/alertmanager-payload';

/** One series of an instant query's result: its labels and its value now. */
export interface Sample {
  /** The series' labels, `__name__` included when the result keeps it; empty for a scalar. */
  labels: Record<string, string>;
  /** The value; NaN, Infinity and -Infinity as Prometheus can give them. */
  value: number;
}

/** The samples of a result, or why it has none to compare. */
export type QueryResult = { ok: true; resultType: 'vector' | 'scalar' | 'matrix'; samples: Sample[] } | { ok: false; problem: string };

// Prometheus writes sample values as text, so that NaN and ±Inf survive JSON.
const sampleValue = z.tuple([z.number(), z.string()]);
const labels = z.record(z.string(), z.string());

const resultSchema = z.discriminatedUnion('resultType', [
  z.object({ resultType: z.literal('vector'), result: z.array(z.object({ metric: labels, value: sampleValue })) }),
  z.object({ resultType: z.literal('scalar'), result: sampleValue }),
  z.object({ resultType: z.literal('matrix'), result: z.array(z.object({ metric: labels, values: z.array(sampleValue) })) }),
  z.object({ resultType: z.literal('string'), result: sampleValue }),
]);

/** A sample value as Prometheus writes it ("0.5", "1e+00", "NaN", "+Inf", "-Inf") as a number. */
export function sampleNumber(text: string): number {
  const trimmed = text.trim();
  if (/^[+]?inf$/i.test(trimmed)) return Infinity;
  if (/^-inf$/i.test(trimmed)) return -Infinity;
  if (/^nan$/i.test(trimmed) || trimmed === '') return NaN;
  return Number(trimmed);
}

/**
 * The `data` of an instant query (`/api/v1/query`) as samples. A vector gives one per
 * series and a scalar one without labels. A matrix (a range selector such as `up[5m]`)
 * gives each series' newest sample, so its last value is what is judged. A string has no
 * value to compare. Pure.
 */
export function readQueryResult(data: unknown): QueryResult {
  const parsed = resultSchema.safeParse(data);
  if (!parsed.success) return { ok: false, problem: `not a query result Prometheus would give: ${describeIssues(parsed.error)}` };
  const result = parsed.data;
  switch (result.resultType) {
    case 'vector':
      return { ok: true, resultType: 'vector', samples: result.result.map((s) => ({ labels: s.metric, value: sampleNumber(s.value[1]) })) };
    case 'scalar':
      return { ok: true, resultType: 'scalar', samples: [{ labels: {}, value: sampleNumber(result.result[1]) }] };
    case 'matrix': {
      const samples = result.result.flatMap((s) => {
        const last = s.values.at(-1);
        return last ? [{ labels: s.metric, value: sampleNumber(last[1]) }] : [];
      });
      return { ok: true, resultType: 'matrix', samples };
    }
    case 'string':
      return { ok: false, problem: `the query gives text ("${result.result[1].slice(0, 40)}"), not numbers to compare` };
  }
}

/** A sample value as people read it: up to six significant digits, NaN, +Inf, -Inf. */
export function showSampleValue(value: number): string {
  if (Number.isNaN(value)) return 'NaN';
  if (value === Infinity) return '+Inf';
  if (value === -Infinity) return '-Inf';
  return String(Number(value.toPrecision(6)));
}

const MAX_LABELS_TEXT = 160;

/** A series as Prometheus writes it: `http_requests_total{code="500", job="api"}`; `{}` for no labels. */
export function seriesName(labels: Record<string, string>): string {
  const { __name__: name = '', ...rest } = labels;
  const pairs = Object.keys(rest)
    .sort()
    .map((label) => `${label}=${JSON.stringify(rest[label])}`);
  // As Prometheus writes them: `up` alone, `{}` for a series with no labels at all.
  const text = pairs.length === 0 && name ? name : `${name}{${pairs.join(', ')}}`;
  return text.length > MAX_LABELS_TEXT ? `${text.slice(0, MAX_LABELS_TEXT - 2)}…}` : text;
}
