import { CookieJar } from 'tough-cookie';
import { z } from 'zod';
import { httpExpectSchema, judgeHttpResponse } from './http-expect';
import { requestSecrets } from './credentials';
import { buildRequest } from './http-request-build';
import { httpUrl, refineOneBody, requestShape } from './http-request-schema';
import { describeRequestError, sendOptionsFor, sendRequest, type HttpExchange } from './http-send';
import { redactUrl } from './redact-url';
import { defineCheckType, type Observation } from './types';

export { MAX_BODY_BYTES } from './http-request-schema';

const configSchema = z
  .strictObject({
    type: z.literal('http'),
    ...requestShape(httpUrl),
    expect: httpExpectSchema.optional(),
  })
  .superRefine(refineOneBody);

/** Facts beyond the judgement that help a person on the service page. */
function exchangeDetails(response: HttpExchange): Record<string, unknown> {
  const timing = { headersMs: Math.round(response.timing.headersMs), totalMs: Math.round(response.timing.totalMs) };
  return { timing, ...(response.redirects > 0 ? { redirects: response.redirects, finalUrl: redactUrl(response.url) } : {}) };
}

export const httpCheck = defineCheckType({
  type: 'http',
  configSchema,
  describe: (config) => `${config.method} ${redactUrl(config.url)}`,
  secrets: (config) => requestSecrets(config),
  async run(config, signal): Promise<Observation> {
    try {
      // A fresh jar per run: cookies set along a chain of redirects are sent on, as a browser would.
      const response = await sendRequest(await buildRequest(config), sendOptionsFor(config, signal, new CookieJar()));
      const observation = judgeHttpResponse(config.expect, { ...response, elapsedMs: response.timing.totalMs });
      return { ...observation, details: { ...observation.details, ...exchangeDetails(response) } };
    } catch (error) {
      return { outcome: 'failed', message: describeRequestError(error), latencyMs: null };
    }
  },
});
