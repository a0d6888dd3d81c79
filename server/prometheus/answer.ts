import { z } from 'zod';
import { describeSize } from '../checks/http-request-schema';

/** Why Prometheus could not be asked, in two parts so a caller can put a time between them. */
export interface PrometheusProblem {
  /** What went wrong: "Prometheus unreachable", "bad query", "Prometheus answered 503". */
  headline: string;
  /** Its cause when known: "connection refused", "1:5: parse error: unexpected end of input". */
  cause: string | null;
}

/** What Prometheus answered: its `data` and any warnings, or the problem. */
export type PrometheusAnswer = { ok: true; data: unknown; warnings: string[] } | { ok: false; problem: PrometheusProblem };

/** A problem as one line: "Prometheus unreachable: connection refused". */
export function problemText(problem: PrometheusProblem): string {
  return problem.cause === null ? problem.headline : `${problem.headline}: ${problem.cause}`;
}

/** An HTTP answer as received, before it is read as Prometheus's envelope. */
export interface RawAnswer {
  status: number;
  contentType: string;
  body: string;
  /** The body was longer than `maxBodyBytes` and only its start was read. */
  truncated: boolean;
  maxBodyBytes: number;
}

// Prometheus's API envelope (https://prometheus.io/docs/prometheus/latest/querying/api/#format-overview).
const envelope = z.object({
  status: z.enum(['success', 'error']),
  data: z.unknown().optional(),
  errorType: z.string().optional(),
  error: z.string().optional(),
  warnings: z.array(z.string()).optional(),
});

// Prometheus prefixes a bad expression with the parameter that held it.
const QUERY_PARAMETER = /^invalid parameter "query": /;

function fromError(errorType: string | undefined, error: string | undefined): PrometheusProblem {
  const cause = error?.trim() || null;
  if (errorType === 'bad_data') return { headline: 'bad query', cause: cause?.replace(QUERY_PARAMETER, '') ?? null };
  return { headline: `Prometheus answered ${errorType ?? 'an error'}`, cause };
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/**
 * Reads an HTTP answer of Prometheus's API. Prometheus says what went wrong in its
 * envelope (400 bad_data, 422 execution, 503 timeout); a proxy in front of it or a
 * wrong address answer without one, and get a line of their own. Pure.
 */
export function readAnswer(raw: RawAnswer): PrometheusAnswer {
  if (raw.truncated) return { ok: false, problem: { headline: `Prometheus's answer is larger than ${describeSize(raw.maxBodyBytes)}`, cause: null } };
  if (raw.status === 401) return { ok: false, problem: { headline: 'Prometheus refused the credentials (401)', cause: null } };
  if (raw.status === 403) return { ok: false, problem: { headline: 'Prometheus refused access (403)', cause: null } };
  const parsed = envelope.safeParse(parseJson(raw.body));
  const answer = parsed.success ? parsed.data : null;
  if (answer?.status === 'error') return { ok: false, problem: fromError(answer.errorType, answer.error) };
  if (raw.status < 200 || raw.status > 299) return { ok: false, problem: { headline: `Prometheus answered ${raw.status}`, cause: null } };
  if (!answer) {
    const type = raw.contentType.split(';')[0]!.trim() || 'no content type';
    return {
      ok: false,
      problem: { headline: 'not an answer of the Prometheus API', cause: `HTTP ${raw.status}, ${type}; is url the Prometheus server's address?` },
    };
  }
  return { ok: true, data: answer.data, warnings: answer.warnings ?? [] };
}
