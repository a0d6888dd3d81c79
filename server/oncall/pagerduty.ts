import { z } from 'zod';
import { urlSecrets } from '../checks/redact';
import { duration, nonEmpty, positiveInt } from '../config/fields';
import { mergeShifts, oncallsUrl, pagerdutyHeaders, readOncallPage, type OncallFilter } from './pagerduty-api';
import { callJsonApi, ProviderCallError } from './provider-api';
import { defineOncallProvider, type Shift } from './types';

/** Beyond this many pages something is wrong with the answer (a `more` that never ends). */
const MAX_PAGES = 50;

const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an http(s) URL, such as https://api.pagerduty.com' });

const configSchema = z
  .strictObject({
    /** A REST API key, usually `${PAGERDUTY_TOKEN}`; sent as `Authorization: Token token=…`. */
    token: nonEmpty,
    /** The schedule whose on-calls are shown (`P…` in its PagerDuty URL). */
    scheduleId: nonEmpty.optional(),
    /** Or the escalation policy whose on-calls, at `escalationLevel`, are shown. */
    escalationPolicyId: nonEmpty.optional(),
    /** Which level of the policy is "on call" (1, the first to be notified, unless stated). */
    escalationLevel: positiveInt.optional(),
    /** PagerDuty's API; another address for the EU service region or a test server. */
    baseUrl: httpUrl.default('https://api.pagerduty.com'),
    // PagerDuty rate-limits per account: no more often than every 30 s.
    refresh: duration({ min: 30_000, minText: '30s', max: 3_600_000, maxText: '1h' }).prefault('2m'),
    timeout: duration({ min: 1_000, minText: '1s', max: 60_000, maxText: '60s' }).prefault('10s'),
  })
  .superRefine((config, ctx) => {
    const given = [config.scheduleId, config.escalationPolicyId].filter((id) => id !== undefined).length;
    if (given !== 1) ctx.addIssue({ code: 'custom', path: ['scheduleId'], message: 'give exactly one of scheduleId, escalationPolicyId' });
    if (config.escalationLevel !== undefined && config.scheduleId !== undefined) {
      ctx.addIssue({ code: 'custom', path: ['escalationLevel'], message: 'escalationLevel applies to an escalationPolicyId only' });
    }
  });

/** A `pagerduty:` on-call, after validation. */
export type PagerdutyConfig = z.output<typeof configSchema>;

function filterOf(config: PagerdutyConfig): OncallFilter {
  if (config.scheduleId !== undefined) return { scheduleId: config.scheduleId };
  return { escalationPolicyId: config.escalationPolicyId!, escalationLevel: config.escalationLevel ?? 1 };
}

const secretsOf = (config: PagerdutyConfig) => [config.token, ...urlSecrets(config.baseUrl)];

async function fetchPage(config: PagerdutyConfig, window: { from: number; to: number }, offset: number, signal: AbortSignal) {
  const filter = filterOf(config);
  const url = oncallsUrl(config.baseUrl, filter, window, offset);
  const headers = pagerdutyHeaders(config.token);
  const json = await callJsonApi({ api: 'PagerDuty', url, method: 'GET', headers, timeoutMs: config.timeout, signal, secrets: secretsOf(config) });
  try {
    return readOncallPage(json, filter, offset);
  } catch (error) {
    throw new ProviderCallError(`PagerDuty answered in a shape that is not an on-call list: ${(error as Error).message}`);
  }
}

/**
 * PagerDuty: who `GET /oncalls` says is on call for a schedule, or for one level of an
 * escalation policy, following every page. A rejection's message never holds the token; on
 * a 429 it is a ProviderCallError whose `retryAfterMs` says how long PagerDuty asked to wait.
 * A permanent on-call has `from` -Infinity; one without an end has `to` +Infinity.
 */
export const pagerdutyProvider = defineOncallProvider({
  type: 'pagerduty',
  configSchema,
  refreshMs: (config) => config.refresh,
  secrets: secretsOf,
  async shifts(config, window, context) {
    const pages: Shift[][] = [];
    let offset: number | null = 0;
    while (offset !== null) {
      if (pages.length === MAX_PAGES) throw new ProviderCallError(`PagerDuty answered more than ${MAX_PAGES} pages of on-calls`);
      const page = await fetchPage(config, window, offset, context.signal);
      pages.push(page.shifts);
      offset = page.nextOffset;
    }
    const shifts = mergeShifts(pages, window);
    context.log.debug({ pages: pages.length, shifts: shifts.length }, 'PagerDuty on-calls read');
    return shifts;
  },
});
