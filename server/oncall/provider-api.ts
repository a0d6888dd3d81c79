import { readWhole } from '../http/read-whole';
import type { Dispatcher } from 'undici';
import { transportRequest } from '../checks/http-transport';
import { describeNetworkError } from '../checks/net-errors';
import { createRedactor } from '../checks/redact';
import { formatMs } from '../checks/runner';

/** A scheduler's answers are small; more than this is not an on-call list. */
const MAX_BODY_BYTES = 5 * 1024 * 1024;
const USER_AGENT = 'Greenboard status board (on-call)';

/**
 * Why a scheduler's API gave no answer, in words a person reads next to the team's on-call,
 * free of tokens. `retryAfterMs` is set when the API rate-limited the call and said how
 * long to wait (`Retry-After`, or PagerDuty's `ratelimit-reset`): whoever asks again should
 * not ask before then.
 */
export class ProviderCallError extends Error {
  override readonly name = 'ProviderCallError';
  constructor(
    message: string,
    /** How long the API asked to be left alone, in ms; only on a 429 that said so. */
    readonly retryAfterMs?: number,
  ) {
    super(message);
  }
}

/** One call of a scheduler's JSON API. */
export interface ApiCall {
  /** The API's name in messages ("PagerDuty"). */
  api: string;
  url: string;
  method: 'GET' | 'POST';
  /** Request headers, credentials included; they never appear in a message. */
  headers: Record<string, string>;
  /** A JSON body, for POST. */
  body?: unknown;
  /** Given up after this long, with its own message. */
  timeoutMs: number;
  /** Aborts the call (the team no longer watched). */
  signal: AbortSignal;
  /** Values masked in every message, in case an API echoes them (the token, a URL's password). */
  secrets: string[];
}

/**
 * How long a 429 asks to wait: `Retry-After` in seconds or as an HTTP date (RFC 9110
 * §10.2.3), else `ratelimit-reset` in seconds, which PagerDuty documents for its REST
 * API ("REST API Rate Limits", support.pagerduty.com). Null when neither says.
 */
export function retryAfterMs(headers: Record<string, string | string[] | undefined>, now: number): number | null {
  const first = (name: string) => [headers[name]].flat()[0]?.trim();
  for (const value of [first('retry-after'), first('ratelimit-reset')]) {
    if (!value) continue;
    if (/^\d+$/.test(value)) return Number(value) * 1_000;
    const at = Date.parse(value);
    if (!Number.isNaN(at)) return Math.max(0, at - now);
  }
  return null;
}

function refusal(api: string, status: number, headers: Dispatcher.ResponseData['headers']): ProviderCallError {
  if (status === 401 || status === 403) return new ProviderCallError(`${api} refused the token (${status})`);
  if (status === 429) {
    const wait = retryAfterMs(headers, Date.now());
    if (wait === null) return new ProviderCallError(`${api} rate limited; no Retry-After given`);
    return new ProviderCallError(`${api} rate limited; retry after ${Math.ceil(wait / 1_000)}s`, wait);
  }
  return new ProviderCallError(`${api} answered HTTP ${status}`);
}

async function exchange(call: ApiCall, signal: AbortSignal): Promise<unknown> {
  const headers = { 'user-agent': USER_AGENT, ...call.headers, ...(call.body === undefined ? {} : { 'content-type': 'application/json' }) };
  const body = call.body === undefined ? null : JSON.stringify(call.body);
  const response = await transportRequest(call.url, { method: call.method, headers, body, signal }, false);
  // A body left unread is destroyed, which undici reports as an error: expected here.
  response.body.on('error', () => undefined);
  if (response.statusCode < 200 || response.statusCode > 299) {
    response.body.destroy();
    throw refusal(call.api, response.statusCode, response.headers);
  }
  const text = await readWhole(response.body, MAX_BODY_BYTES);
  if (text === null) throw new ProviderCallError(`${call.api} answered more than ${MAX_BODY_BYTES / 1024 / 1024} MB`);
  try {
    return JSON.parse(text) as unknown;
  } catch {
    throw new ProviderCallError(`${call.api} answered something that is not JSON`);
  }
}

/**
 * Makes one call and returns its JSON. Rejects with a ProviderCallError when there is no
 * usable answer: refused (401/403), rate limited (429, with `retryAfterMs`), another
 * status, no answer in time, unreachable, not JSON. No message holds a secret.
 */
export async function callJsonApi(call: ApiCall): Promise<unknown> {
  const timeout = AbortSignal.timeout(call.timeoutMs);
  try {
    return await exchange(call, AbortSignal.any([call.signal, timeout]));
  } catch (error) {
    // Built only when a message leaves: a redactor holds every encoded form of each secret.
    const redact = createRedactor(call.secrets);
    if (error instanceof ProviderCallError) throw new ProviderCallError(redact(error.message), error.retryAfterMs);
    if (call.signal.aborted) throw new ProviderCallError(`${call.api} call cancelled`);
    if (timeout.aborted) throw new ProviderCallError(`${call.api} did not answer within ${formatMs(call.timeoutMs)}`);
    throw new ProviderCallError(redact(`${call.api} unreachable: ${describeNetworkError(error)}`));
  }
}
