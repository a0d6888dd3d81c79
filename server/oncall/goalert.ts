import { z } from 'zod';
import { createRedactor, urlSecrets } from '../checks/redact';
import { duration, nonEmpty } from '../config/fields';
import { readShiftsAnswer, shiftsRequest } from './goalert-api';
import { apiUrl } from '../http/api-url';
import { callJsonApi, ProviderCallError } from './provider-api';
import { defineOncallProvider } from './types';

/** The longest error text of GoAlert's passed on; more is cut. */
const MAX_PROBLEM_LENGTH = 200;

const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL, such as https://goalert.example.com' });

const configSchema = z.strictObject({
  /** Where GoAlert is served, with its path prefix if it has one; the API is `{url}/api/graphql`. */
  url: httpUrl,
  /** An admin API key made for the query Greenboard sends (see the README), or a session token; usually `${GOALERT_TOKEN}`. */
  token: nonEmpty,
  /** The schedule's id (the UUID in its GoAlert URL). */
  scheduleId: nonEmpty,
  refresh: duration({ min: 30_000, minText: '30s', max: 3_600_000, maxText: '1h' }).prefault('2m'),
  timeout: duration({ min: 1_000, minText: '1s', max: 60_000, maxText: '60s' }).prefault('10s'),
});

/** A `goalert:` on-call, after validation. */
export type GoalertConfig = z.output<typeof configSchema>;

const secretsOf = (config: GoalertConfig) => [config.token, ...urlSecrets(config.url)];

/**
 * GoAlert (target/goalert): the shifts of one schedule, from its GraphQL API, with
 * `Authorization: Bearer {token}`. Rejects in words, never with the token: refused, rate
 * limited (`retryAfterMs`), no answer in time, garbage, or an error GoAlert names.
 */
export const goalertProvider = defineOncallProvider({
  type: 'goalert',
  configSchema,
  refreshMs: (config) => config.refresh,
  secrets: secretsOf,
  async shifts(config, window, context) {
    const json = await callJsonApi({
      api: 'GoAlert',
      url: apiUrl(config.url, 'api/graphql'),
      method: 'POST',
      headers: { authorization: `Bearer ${config.token}`, accept: 'application/json' },
      body: shiftsRequest(config.scheduleId, window),
      timeoutMs: config.timeout,
      signal: context.signal,
      secrets: secretsOf(config),
    });
    let answer;
    try {
      answer = readShiftsAnswer(json, config.scheduleId);
    } catch (error) {
      throw new ProviderCallError(`GoAlert answered in a shape that is not a schedule's shifts: ${(error as Error).message}`);
    }
    if (!answer.ok) throw new ProviderCallError(`GoAlert: ${createRedactor(secretsOf(config))(answer.problem).slice(0, MAX_PROBLEM_LENGTH)}`);
    const shifts = answer.shifts.filter((s) => s.to > window.from && s.from < window.to && s.to > s.from);
    context.log.debug({ shifts: shifts.length }, 'GoAlert shifts read');
    return shifts;
  },
});
