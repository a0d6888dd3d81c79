import { z } from 'zod';
import { nonEmpty } from '../config/fields';
import { problemText, type PrometheusProblem } from '../prometheus/answer';
import { callPrometheus } from '../prometheus/client';
import { connectionSecrets, connectionShape, describeConnection, refineOneAuth } from '../prometheus/connection';
import { readQueryResult } from '../prometheus/query-result';
import { judgeSamples, prometheusExpectSchema } from './prometheus-expect';
import { defineCheckType, type Observation } from './types';

const configSchema = z
  .strictObject({
    type: z.literal('prometheus'),
    ...connectionShape,
    /** A PromQL expression, evaluated now (an instant query). */
    query: nonEmpty,
    expect: prometheusExpectSchema.optional(),
  })
  .superRefine(refineOneAuth);

const SHOWN_QUERY = 80;

/**
 * The run gives up a little before the runner's deadline, so that a Prometheus that does
 * not answer reads as unknown with its own reason rather than as the runner's "timed out",
 * a failure: a silent Prometheus says nothing about the service it watches.
 */
const answerBy = (timeoutMs: number) => Math.max(timeoutMs - 250, timeoutMs * 0.8);

/** Prometheus cannot be asked: that tells nothing about the service, so the run cannot tell. */
function cannotTell(problem: PrometheusProblem | string, latencyMs: number | null): Observation {
  return { outcome: 'unknown', message: typeof problem === 'string' ? problem : problemText(problem), latencyMs };
}

/** A PromQL query judged by what it returns: each series' value, how many series there are. */
export const prometheusCheck = defineCheckType({
  type: 'prometheus',
  configSchema,
  describe: (config) => {
    const query = config.query.length > SHOWN_QUERY ? `${config.query.slice(0, SHOWN_QUERY)}…` : config.query;
    return `PromQL ${query} on ${describeConnection(config)}`;
  },
  secrets: (config) => connectionSecrets(config),
  async run(config, signal): Promise<Observation> {
    const timeoutMs = answerBy(config.timeout);
    // Prometheus stops evaluating by then itself, and says so, rather than working on for nobody.
    const params = { query: config.query, timeout: String((timeoutMs * 0.9) / 1_000) };
    const answer = await callPrometheus(config, 'api/v1/query', params, { signal, timeoutMs, statedTimeoutMs: config.timeout });
    const latencyMs = Math.round(answer.elapsedMs);
    if (!answer.ok) return cannotTell(answer.problem, null);
    const result = readQueryResult(answer.data);
    if (!result.ok) return cannotTell(result.problem, latencyMs);
    return judgeSamples(config.expect, { resultType: result.resultType, samples: result.samples, elapsedMs: latencyMs, warnings: answer.warnings });
  },
});
