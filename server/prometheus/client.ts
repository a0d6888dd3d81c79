import { CookieJar } from 'tough-cookie';
import { buildRequest } from '../checks/http-request-build';
import type { RequestConfig } from '../checks/http-request-schema';
import { describeRequestError, sendOptionsFor, sendRequest } from '../checks/http-send';
import { formatMs } from '../checks/runner';
import { readAnswer, type PrometheusAnswer } from './answer';
import { connectionAuth, type PrometheusConnection } from './connection';
import { apiUrl } from '../http/api-url';

/** A query result or an alert list of a big server fits; more is refused rather than held in memory. */
const MAX_ANSWER_BYTES = 10 * 1024 * 1024;
/** Above this, parameters go in a form body: proxies and servers cap the length of a URL. */
const MAX_URL_LENGTH = 2_000;

export interface CallOptions {
  /** Aborts the call (a run cut short, a source stopping). */
  signal: AbortSignal;
  /** The call is given up after this long, with its own message. */
  timeoutMs: number;
  /** The timeout as the config states it, for that message, when the call is given up a little earlier. */
  statedTimeoutMs?: number;
}

/** What a call of the API brought: Prometheus's answer and how long it took. */
export type CallResult = PrometheusAnswer & { elapsedMs: number };

function requestFor(connection: PrometheusConnection, path: string, params: Record<string, string>): RequestConfig {
  const url = apiUrl(connection.url, path);
  const long = url.length + new URLSearchParams(params).toString().length > MAX_URL_LENGTH;
  return {
    url,
    method: long ? 'POST' : 'GET',
    headers: connection.headers,
    query: long ? {} : params,
    ...(long ? { form: params } : {}),
    auth: connectionAuth(connection),
    followRedirects: true,
    maxBodySize: MAX_ANSWER_BYTES,
  };
}

/**
 * Calls one endpoint of Prometheus's HTTP API and reads its envelope. Never throws: a
 * server that cannot be reached, refuses the credentials or does not answer in time is
 * a problem in words, free of secrets (a URL's password is masked; tokens are never
 * put into a message).
 */
export async function callPrometheus(
  connection: PrometheusConnection,
  path: string,
  params: Record<string, string>,
  options: CallOptions,
): Promise<CallResult> {
  const started = performance.now();
  const elapsed = () => performance.now() - started;
  const timeout = AbortSignal.timeout(options.timeoutMs);
  const config = requestFor(connection, path, params);
  try {
    const exchange = await sendRequest(await buildRequest(config), sendOptionsFor(config, AbortSignal.any([options.signal, timeout]), new CookieJar()));
    const raw = { status: exchange.status, contentType: exchange.headers['content-type'] ?? '', body: exchange.body, truncated: exchange.truncated };
    return { ...readAnswer({ ...raw, maxBodyBytes: exchange.maxBodyBytes }), elapsedMs: elapsed() };
  } catch (error) {
    if (options.signal.aborted) return { ok: false, problem: { headline: 'cancelled', cause: null }, elapsedMs: elapsed() };
    if (timeout.aborted) {
      const stated = formatMs(options.statedTimeoutMs ?? options.timeoutMs);
      return { ok: false, problem: { headline: `Prometheus did not answer within ${stated}`, cause: null }, elapsedMs: elapsed() };
    }
    return { ok: false, problem: { headline: 'Prometheus unreachable', cause: describeRequestError(error) }, elapsedMs: elapsed() };
  }
}
