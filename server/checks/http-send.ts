import type { CookieJar } from 'tough-cookie';
import type { Dispatcher } from 'undici';
import { RequestProblem, type PreparedRequest } from './http-request-build';
import type { RequestConfig } from './http-request-schema';
import { transportRequest } from './http-transport';
import { describeNetworkError } from './net-errors';
import { redactUrl } from './redact-url';

const MAX_REDIRECTS = 5;

/** What came back, and how long it took. */
export interface HttpExchange {
  status: number;
  /** Names in lower case; repeated headers joined with ", ". */
  headers: Record<string, string>;
  body: string;
  /** True when the body was larger than `maxBodyBytes`: only its start was read. */
  truncated: boolean;
  /** The most of the body that was to be read. */
  maxBodyBytes: number;
  /** Where the answer finally came from, after redirects. */
  url: string;
  redirects: number;
  /** Milliseconds from the start until the final response's headers, and until its body was read. */
  timing: { headersMs: number; totalMs: number };
}

export interface SendOptions {
  /** Aborts the request, and the reading of its body. */
  signal: AbortSignal;
  /** Cookies received are kept here and sent on; one jar per run, or per scenario. */
  jar: CookieJar;
  /** Follow 301, 302, 303, 307 and 308 (at most five in a row). */
  followRedirects: boolean;
  /** Accept any certificate (self-signed, expired, wrong host). */
  insecure: boolean;
  /** The most of a body read; the rest is left unread. */
  maxBodyBytes: number;
}

async function readCapped(body: Dispatcher.ResponseData['body'], limit: number): Promise<{ text: string; truncated: boolean }> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of body as AsyncIterable<Buffer>) {
    if (size + chunk.length > limit) {
      chunks.push(chunk.subarray(0, limit - size));
      body.destroy();
      return { text: Buffer.concat(chunks).toString('utf8'), truncated: true };
    }
    chunks.push(chunk);
    size += chunk.length;
  }
  return { text: Buffer.concat(chunks).toString('utf8'), truncated: false };
}

function flatHeaders(raw: Record<string, string | string[] | undefined>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(raw).flatMap(([name, value]) => (value === undefined ? [] : [[name, Array.isArray(value) ? value.join(', ') : value]])),
  );
}

const CREDENTIAL_HEADERS = ['authorization', 'proxy-authorization', 'cookie'];

/**
 * The request to make after a redirect, as browsers do: 303 (and 301/302 after POST)
 * become GET without a body, and credentials set for one site are not handed to another.
 */
export function redirectedRequest(current: PreparedRequest, status: number, location: string): PreparedRequest {
  const next = new URL(location, current.url);
  if (next.protocol !== 'http:' && next.protocol !== 'https:') throw new RequestProblem(`redirected to a non-HTTP URL: ${redactUrl(next.toString())}`);
  const headers = { ...current.headers };
  // The jar still sends the new site's own cookies.
  if (next.origin !== new URL(current.url).origin) for (const name of CREDENTIAL_HEADERS) delete headers[name];
  const toGet = status === 303 ? current.method !== 'HEAD' : (status === 301 || status === 302) && current.method === 'POST';
  if (!toGet) return { ...current, url: next.toString(), headers };
  for (const name of Object.keys(headers)) if (name.startsWith('content-')) delete headers[name];
  return { url: next.toString(), method: 'GET', headers };
}

async function sendOnce(req: PreparedRequest, options: SendOptions) {
  const cookies = await options.jar.getCookieString(req.url);
  const headers = { ...req.headers };
  if (cookies) headers.cookie = headers.cookie ? `${headers.cookie}; ${cookies}` : cookies;
  const response = await transportRequest(req.url, { method: req.method, headers, body: req.body ?? null, signal: options.signal }, options.insecure);
  const setCookie = response.headers['set-cookie'];
  for (const cookie of Array.isArray(setCookie) ? setCookie : setCookie ? [setCookie] : []) {
    await options.jar.setCookie(cookie, req.url, { ignoreError: true });
  }
  return response;
}

const REDIRECT_STATUSES = new Set([301, 302, 303, 307, 308]);

/** Sends a request, following redirects if asked, and reads the body up to the cap (`truncated` when it is larger). Network failures throw. */
export async function sendRequest(prepared: PreparedRequest, options: SendOptions): Promise<HttpExchange> {
  const started = performance.now();
  let current = prepared;
  for (let redirects = 0; ; redirects += 1) {
    const response = await sendOnce(current, options);
    const location = response.headers.location;
    if (options.followRedirects && REDIRECT_STATUSES.has(response.statusCode) && typeof location === 'string') {
      await response.body.dump();
      if (redirects === MAX_REDIRECTS)
        throw new RequestProblem(`more than ${MAX_REDIRECTS} redirects, the last to ${redactUrl(new URL(location, current.url).toString())}`);
      current = redirectedRequest(current, response.statusCode, location);
      continue;
    }
    const headersMs = performance.now() - started;
    const body = current.method === 'HEAD' ? { text: '', truncated: false } : await readCapped(response.body, options.maxBodyBytes);
    if (current.method === 'HEAD') await response.body.dump();
    const totalMs = performance.now() - started;
    return {
      status: response.statusCode,
      headers: flatHeaders(response.headers),
      body: body.text,
      truncated: body.truncated,
      maxBodyBytes: options.maxBodyBytes,
      url: current.url,
      redirects,
      timing: { headersMs, totalMs },
    };
  }
}

/** How to send a request configured with `config`. */
export function sendOptionsFor(config: RequestConfig, signal: AbortSignal, jar: CookieJar): SendOptions {
  return { signal, jar, followRedirects: config.followRedirects, insecure: config.tls?.insecure ?? false, maxBodyBytes: config.maxBodySize };
}

const TLS_TRUST_CODES = new Set([
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'SELF_SIGNED_CERT_IN_CHAIN',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'CERT_HAS_EXPIRED',
  'ERR_TLS_CERT_ALTNAME_INVALID',
]);

/** A failed request as one line: the request's own problem, an untrusted certificate, or the network error. */
export function describeRequestError(error: unknown): string {
  if (error instanceof RequestProblem) return error.message;
  const err = error as { code?: unknown; message?: string; cause?: { code?: unknown; message?: string } } | undefined;
  const code = err?.code ?? err?.cause?.code;
  if (typeof code === 'string' && TLS_TRUST_CODES.has(code)) {
    return `certificate not trusted: ${err?.cause?.message ?? err?.message ?? code} (tls.insecure accepts it)`;
  }
  return describeNetworkError(error);
}
