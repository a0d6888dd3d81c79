import type { Dispatcher } from 'undici';
import { transportRequest } from '../checks/http-transport';
import { describeNetworkError } from '../checks/net-errors';
import { createRedactor } from '../checks/redact';
import { formatMs } from '../checks/runner';
import { readWhole } from '../http/read-whole';
import { retryAfterMs } from '../oncall/provider-api';
import { DeliveryError, type DeliveryContext } from './types';

/** Receivers answer a page with a word or a small JSON; more than this is not worth reading. */
const MAX_ANSWER_BYTES = 64 * 1024;
/** The most of a receiver's own words kept in a delivery error. */
const MAX_REASON_LENGTH = 200;
const USER_AGENT = 'Greenboard status board (paging)';

/** One page sent as an HTTP POST. */
export interface HttpPage {
  /** The receiver's name in messages: "Slack", "PagerDuty". */
  receiver: string;
  url: string;
  /** Sent as they are, credentials included; they never appear in a message. */
  headers: Record<string, string>;
  /** The body exactly as sent (a signature may cover its bytes). */
  body: string;
  contentType: string;
  /** Values masked in every message, in case a receiver echoes them (a routing key, a URL's token). */
  secrets: string[];
  /** The receiver's reason for a refusal, read from its answer; by default the answer's text. */
  reasonIn?: (answer: string) => string | undefined;
}

/** What a receiver that took the page answered. */
export interface HttpAnswer {
  status: number;
  /** The answer's body; null when it was larger than is read. */
  text: string | null;
}

/** The receiver's words, on one line and short, or undefined when there are none worth showing (an HTML error page). */
function excerpt(text: string | null, reasonIn: HttpPage['reasonIn']): string | undefined {
  if (text === null) return undefined;
  let reason: string | undefined;
  try {
    reason = reasonIn ? reasonIn(text) : text;
  } catch {
    reason = text;
  }
  const line = reason
    ?.replace(/[\p{Cc}\s]+/gu, ' ')
    .trim()
    .replace(/^<.*/s, '');
  if (!line) return undefined;
  return line.length > MAX_REASON_LENGTH ? `${line.slice(0, MAX_REASON_LENGTH - 1)}…` : line;
}

/**
 * Why a receiver said no, and whether asking again may help: a 4xx other than 408 and 429
 * is for good (a bad payload, a revoked URL); a 429 carries its Retry-After; anything else
 * (5xx, a redirect, which is not followed) may pass later.
 */
function refusal(page: HttpPage, status: number, headers: Dispatcher.ResponseData['headers'], reason: string | undefined, now: number): DeliveryError {
  const said = `${page.receiver} answered ${status}${reason ? ` ${reason}` : ''}`;
  if (status === 429) {
    const wait = retryAfterMs(headers, now);
    return wait === null ? new DeliveryError(said, true) : new DeliveryError(`${said}; retry after ${Math.ceil(wait / 1_000)}s`, true, wait);
  }
  const permanent = status >= 400 && status < 500 && status !== 408;
  return new DeliveryError(said, !permanent);
}

const isTimeout = (reason: unknown) => (reason as { name?: unknown } | undefined)?.name === 'TimeoutError';

async function exchange(page: HttpPage, signal: AbortSignal, now: () => number): Promise<HttpAnswer> {
  const headers = { 'user-agent': USER_AGENT, ...page.headers, 'content-type': page.contentType };
  const response = await transportRequest(page.url, { method: 'POST', headers, body: page.body, signal }, false);
  // A body left unread is destroyed, which undici reports as an error: expected here.
  response.body.on('error', () => undefined);
  // The status says whether the page was taken; a body cut off after it only loses the receiver's words.
  const text = await readWhole(response.body, MAX_ANSWER_BYTES, signal).catch(() => null);
  if (response.statusCode >= 200 && response.statusCode <= 299) return { status: response.statusCode, text };
  throw refusal(page, response.statusCode, response.headers, excerpt(text, page.reasonIn), now());
}

/**
 * POSTs one page, within `context.timeoutMs` and until `context.signal` aborts. Resolves
 * with the answer when the receiver took it (any 2xx); rejects with a DeliveryError in
 * words, free of secrets, otherwise: "Slack answered 404 no_service", "PagerDuty
 * unreachable: connection refused", "no answer from ntfy within 10s".
 */
export async function postPage(page: HttpPage, context: DeliveryContext): Promise<HttpAnswer> {
  const deadline = AbortSignal.timeout(context.timeoutMs);
  const signal = AbortSignal.any([context.signal, deadline]);
  try {
    return await exchange(page, signal, () => context.now());
  } catch (error) {
    // Built only when a message leaves: a redactor holds every encoded form of each secret.
    const redact = createRedactor(page.secrets);
    if (error instanceof DeliveryError) throw new DeliveryError(redact(error.message), error.retryable, error.retryAfterMs);
    if (deadline.aborted || (context.signal.aborted && isTimeout(context.signal.reason)))
      throw new DeliveryError(`no answer from ${page.receiver} within ${formatMs(context.timeoutMs)}`, true);
    if (context.signal.aborted) throw new DeliveryError(`sending to ${page.receiver} cancelled`, true);
    throw new DeliveryError(redact(`${page.receiver} unreachable: ${describeNetworkError(error)}`), true);
  }
}
