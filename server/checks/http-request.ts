import { subscribe } from 'node:diagnostics_channel';
import { readFile, stat } from 'node:fs/promises';
import { CookieJar } from 'tough-cookie';
import { Agent, FormData, request, type Dispatcher } from 'undici';
import { z } from 'zod';
import { describeNetworkError } from './net-errors';
import { redactUrl } from './redact-url';

/** The most of a body read by default (1 MiB); a larger body fails the check, read no further so it cannot exhaust memory. */
export const MAX_BODY_BYTES = 1024 * 1024;
const MAX_REDIRECTS = 5;
/** A file uploaded from the server's disk is read whole; beyond this it is refused. */
const MAX_UPLOAD_FILE_BYTES = 10 * 1024 * 1024;

export const httpUrl = z.url({ protocol: /^https?$/, error: 'expected an http:// or https:// URL' });
const method = z.enum(['GET', 'HEAD', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS']).default('GET');
const text = z.string({ error: 'expected text' });
/** Text, a number or a boolean, read as text. */
export const scalar = z.union([z.string(), z.number(), z.boolean()], { error: 'expected text, a number or true/false' }).transform(String);
const someText = text.min(1, 'must not be empty');

const SIZE = /^(\d+(?:\.\d+)?)\s*(b|kb|mb)$/i;
const UNIT = { b: 1, kb: 1024, mb: 1024 * 1024 } as const;
/** A byte count, or "512kb" / "1mb" (1kb = 1024 bytes); at most 100mb. */
export const byteSize = z
  .union([z.number().int().positive(), z.string()], { error: 'expected a size: bytes (65536) or "512kb", "1mb"' })
  .transform((value, ctx) => {
    const match = typeof value === 'string' ? SIZE.exec(value.trim()) : null;
    const bytes = typeof value === 'number' ? value : match ? Math.round(Number(match[1]) * UNIT[match[2]!.toLowerCase() as keyof typeof UNIT]) : NaN;
    if (!(bytes >= 1 && bytes <= 100 * UNIT.mb)) {
      ctx.addIssue({ code: 'custom', message: `"${value}" is not a size from 1 byte to 100mb, such as 65536, "512kb" or "1mb"` });
      return z.NEVER;
    }
    return bytes;
  });

/** A byte count as people read it: "1 MB", "1.5 MB", "512 KB", "1500 bytes" (1 KB = 1024 bytes). */
export function describeSize(bytes: number): string {
  for (const [unit, size] of [['MB', UNIT.mb], ['KB', UNIT.kb]] as const) {
    const amount = bytes / size;
    // Only a round figure: "1.46 KB" for 1500 bytes would misstate the configured limit.
    if (amount >= 1 && Number.isInteger(amount * 100)) return `${amount} ${unit}`;
  }
  return `${bytes} byte${bytes === 1 ? '' : 's'}`;
}

const authSchema = z
  .strictObject({
    basic: z.strictObject({ username: text, password: text }).optional(),
    bearer: someText.optional(),
  })
  .refine((auth) => (auth.basic === undefined) !== (auth.bearer === undefined), 'auth takes exactly one of basic or bearer');

const uploadFile = z
  .strictObject({ name: someText, content: text.optional(), path: someText.optional(), contentType: someText.optional() })
  .refine((file) => (file.content === undefined) !== (file.path === undefined), 'a file takes exactly one of content or path');

/** The request fields shared by the http check and every scenario step. */
export function requestShape<Url extends z.ZodType<string, string>>(url: Url) {
  return {
    url,
    method,
    headers: z.record(z.string(), scalar).default({}),
    query: z.record(z.string(), z.union([scalar, z.array(scalar)])).default({}),
    body: text.optional(),
    json: z.json().optional(),
    form: z.record(z.string(), scalar).optional(),
    multipart: z.record(z.string(), z.union([scalar, z.strictObject({ file: uploadFile })])).optional(),
    auth: authSchema.optional(),
    followRedirects: z.boolean().default(true),
    tls: z.strictObject({ insecure: z.boolean().default(false) }).optional(),
    maxBodySize: byteSize.default(MAX_BODY_BYTES),
  };
}

const requestObject = z.object(requestShape(z.string()));
/** One request as configured (after defaults). */
export type RequestConfig = z.output<typeof requestObject>;

const BODY_FIELDS = ['body', 'json', 'form', 'multipart'] as const;

/** Refinement for a config holding request fields: at most one way of sending a body. */
export function refineOneBody(config: Partial<Record<(typeof BODY_FIELDS)[number], unknown>>, ctx: z.RefinementCtx): void {
  const given = BODY_FIELDS.filter((field) => config[field] !== undefined);
  if (given.length > 1) ctx.addIssue({ code: 'custom', path: [given[1]!], message: `use only one of ${given.join(', ')}` });
}

/** A problem with the request itself (as opposed to the network); its message is for people. */
export class RequestProblem extends Error {}

/** A request ready to send. */
export interface PreparedRequest {
  url: string;
  method: string;
  /** Names in lower case. */
  headers: Record<string, string>;
  body?: string | FormData;
}

async function fileBlob(file: z.output<typeof uploadFile>): Promise<Blob> {
  const type = file.contentType ?? 'application/octet-stream';
  if (file.content !== undefined) return new Blob([file.content], { type });
  const size = await stat(file.path!).then((s) => s.size, () => -1);
  if (size < 0) throw new RequestProblem(`cannot read upload file ${file.path}`);
  if (size > MAX_UPLOAD_FILE_BYTES) throw new RequestProblem(`upload file ${file.path} is larger than 10mb`);
  return new Blob([await readFile(file.path!)], { type });
}

async function buildBody(config: RequestConfig, headers: Record<string, string>): Promise<string | FormData | undefined> {
  const ensureType = (type: string) => void (headers['content-type'] ??= type);
  if (BODY_FIELDS.filter((field) => config[field] !== undefined).length > 1) {
    throw new RequestProblem(`use only one of ${BODY_FIELDS.join(', ')}`);
  }
  if (config.json !== undefined) {
    ensureType('application/json');
    return JSON.stringify(config.json);
  }
  if (config.form !== undefined) {
    ensureType('application/x-www-form-urlencoded');
    return new URLSearchParams(config.form).toString();
  }
  if (config.multipart !== undefined) {
    delete headers['content-type']; // the boundary is chosen when the body is encoded
    const form = new FormData();
    for (const [field, value] of Object.entries(config.multipart)) {
      if (typeof value === 'string') form.append(field, value);
      else form.append(field, await fileBlob(value.file), value.file.name);
    }
    return form;
  }
  return config.body;
}

function authorization(auth: RequestConfig['auth']): string | undefined {
  if (auth?.bearer !== undefined) return `Bearer ${auth.bearer}`;
  if (auth?.basic) return `Basic ${Buffer.from(`${auth.basic.username}:${auth.basic.password}`).toString('base64')}`;
  return undefined;
}

/** Turns request fields into a request: query merged into the URL, auth into a header, the body encoded. */
export async function buildRequest(config: RequestConfig): Promise<PreparedRequest> {
  let url: URL;
  try {
    url = new URL(config.url);
  } catch {
    // Shown as written (a mistyped base URL is the likely cause), any password still masked.
    throw new RequestProblem(`not a valid URL: ${config.url.replace(/\/\/([^/@:]*):[^/@]*@/, '//$1:***@')}`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new RequestProblem(`not an http:// or https:// URL: ${redactUrl(config.url)}`);
  for (const [name, value] of Object.entries(config.query)) {
    url.searchParams.delete(name);
    for (const one of Array.isArray(value) ? value : [value]) url.searchParams.append(name, one);
  }
  const headers = Object.fromEntries(Object.entries(config.headers).map(([name, value]) => [name.toLowerCase(), value]));
  const auth = authorization(config.auth);
  if (auth) headers.authorization = auth;
  const body = await buildBody(config, headers);
  return { url: url.toString(), method: config.method, headers, ...(body !== undefined ? { body } : {}) };
}

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
  signal: AbortSignal;
  /** Cookies received are kept here and sent on; one jar per run, or per scenario. */
  jar: CookieJar;
  followRedirects: boolean;
  /** Accept any certificate (self-signed, expired, wrong host). */
  insecure: boolean;
  maxBodyBytes: number;
}

// Connections are kept alive between runs: at thousands of checks a fresh TCP and TLS
// handshake per run would cost more than the check itself. There is no limit of connections
// per host: with one, checks hanging on one path of a host would queue every other check of
// that host behind them. Idle connections are dropped after 4s, before the 5s after which
// Node servers drop theirs (undici also follows a server's `Keep-Alive: timeout=` hint);
// a server that drops them sooner is covered by sending the request again (see below).
// Connections that skip certificate checks live in their own pool so a verified check
// never reuses one.
const KEEP_ALIVE_MS = 4_000;
const trustingAgent = newAgent(false);
let insecureAgent: Agent | undefined;
function agentFor(insecure: boolean): Agent {
  if (!insecure) return trustingAgent;
  insecureAgent ??= newAgent(true);
  return insecureAgent;
}

function newAgent(insecure: boolean): Agent {
  return new Agent({ keepAliveTimeout: KEEP_ALIVE_MS, ...(insecure ? { connect: { rejectUnauthorized: false } } : {}) });
}

// A server may close a kept-alive connection at the moment a request goes out on it; the
// request then fails though nothing is wrong. As mature clients do, such a request is sent
// once more on a new connection, provided it changes nothing (GET, HEAD, OPTIONS) and no
// answer to it had begun. Only undici's diagnostics channels tell which connection a
// request was written to, so they are followed here.
const requestsWritten = new WeakMap<object, number>();
const writtenOnReusedConnection = new WeakMap<object, { socket: { bytesRead: number }; bytesReadBefore: number }>();
const lostOnReusedConnection = new WeakSet<object>();

subscribe('undici:client:sendHeaders', (message) => {
  const { request: sent, socket } = message as { request: object; socket: { bytesRead: number } };
  const earlier = requestsWritten.get(socket) ?? 0;
  requestsWritten.set(socket, earlier + 1);
  if (earlier > 0) writtenOnReusedConnection.set(sent, { socket, bytesReadBefore: socket.bytesRead });
});

subscribe('undici:request:error', (message) => {
  const { request: failed, error } = message as { request: object; error: unknown };
  const written = writtenOnReusedConnection.get(failed);
  const answerBegun = written !== undefined && written.socket.bytesRead > written.bytesReadBefore;
  if (written && !answerBegun && typeof error === 'object' && error !== null) lostOnReusedConnection.add(error);
});

const SAFE_TO_REPEAT = new Set(['GET', 'HEAD', 'OPTIONS']);
const CONNECTION_LOST = new Set(['ECONNRESET', 'EPIPE', 'UND_ERR_SOCKET']);

/** Whether a failed request was cut off by the server closing a reused connection, and may be sent again. */
function lostToIdleClose(method: string, error: unknown, signal: AbortSignal): boolean {
  const code = (error as { code?: unknown } | undefined)?.code;
  const lost = typeof code === 'string' && CONNECTION_LOST.has(code) && lostOnReusedConnection.has(error as object);
  return lost && SAFE_TO_REPEAT.has(method) && !signal.aborted;
}

type RequestOptions = Omit<Dispatcher.RequestOptions, 'origin' | 'path'> & { method: Dispatcher.HttpMethod; signal: AbortSignal };

/** One request on a connection of its own, which is closed once the answer has been read. */
function requestOnNewConnection(url: string, options: RequestOptions, insecure: boolean) {
  const agent = newAgent(insecure);
  const response = request(url, { ...options, dispatcher: agent });
  // close() waits for the request in flight; the connection then goes with the agent.
  agent.close().catch(() => undefined);
  return response;
}

/** Sends on the shared pool, and once more on a new connection if a reused one was closed under the request. */
async function requestWithRetry(url: string, options: RequestOptions, insecure: boolean) {
  try {
    return await request(url, { ...options, dispatcher: agentFor(insecure) });
  } catch (error) {
    if (!lostToIdleClose(options.method, error, options.signal)) throw error;
    return requestOnNewConnection(url, options, insecure);
  }
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
  return Object.fromEntries(Object.entries(raw).flatMap(([name, value]) => (value === undefined ? [] : [[name, Array.isArray(value) ? value.join(', ') : value]])));
}

const CREDENTIAL_HEADERS = ['authorization', 'proxy-authorization', 'cookie'];

/** The request to make after a redirect, as browsers do: 303 (and 301/302 after POST) become GET without a body. */
function redirected(current: PreparedRequest, status: number, location: string): PreparedRequest {
  const next = new URL(location, current.url);
  if (next.protocol !== 'http:' && next.protocol !== 'https:') throw new RequestProblem(`redirected to a non-HTTP URL: ${redactUrl(next.toString())}`);
  const headers = { ...current.headers };
  // Credentials set for one site are not handed to another; the jar still sends that site's own cookies.
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
  const response = await requestWithRetry(req.url, { method: req.method as Dispatcher.HttpMethod, headers, body: req.body ?? null, signal: options.signal }, options.insecure);
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
      if (redirects === MAX_REDIRECTS) throw new RequestProblem(`more than ${MAX_REDIRECTS} redirects, the last to ${redactUrl(new URL(location, current.url).toString())}`);
      current = redirected(current, response.statusCode, location);
      continue;
    }
    const headersMs = performance.now() - started;
    const body = current.method === 'HEAD' ? { text: '', truncated: false } : await readCapped(response.body, options.maxBodyBytes);
    if (current.method === 'HEAD') await response.body.dump();
    const totalMs = performance.now() - started;
    return { status: response.statusCode, headers: flatHeaders(response.headers), body: body.text, truncated: body.truncated, maxBodyBytes: options.maxBodyBytes, url: current.url, redirects, timing: { headersMs, totalMs } };
  }
}

/** How to send a request configured with `config`. */
export function sendOptionsFor(config: RequestConfig, signal: AbortSignal, jar: CookieJar): SendOptions {
  return { signal, jar, followRedirects: config.followRedirects, insecure: config.tls?.insecure ?? false, maxBodyBytes: config.maxBodySize };
}

const TLS_TRUST_CODES = new Set(['DEPTH_ZERO_SELF_SIGNED_CERT', 'SELF_SIGNED_CERT_IN_CHAIN', 'UNABLE_TO_VERIFY_LEAF_SIGNATURE', 'UNABLE_TO_GET_ISSUER_CERT_LOCALLY', 'CERT_HAS_EXPIRED', 'ERR_TLS_CERT_ALTNAME_INVALID']);

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

// Matched without regard to case. "key" and "sig" count only as whole words of a name
// (x-client-key, client_key, apikey, sig, x-sig-v2) so that keep-alive or monkey do not.
const CREDENTIAL_NAME =
  /^(proxy-)?authorization$|(^|[-_.])auth([-_.]|$)|token|secret|passw|api[-_]?key|session|cookie|credential|signature|(^|[-_.])(access|private|client|app|signing)?keys?$|(^|[-_.])sig([-_.]|$)/i;
/** The same words ending a camelCase name: clientKey, privateKey, urlSig. */
const CAMEL_CASE_CREDENTIAL = /[a-z\d](Keys?|Sig)$/;

/** Whether a header, field or variable name looks like it holds a credential. */
export function isCredentialName(name: string): boolean {
  return CREDENTIAL_NAME.test(name) || CAMEL_CASE_CREDENTIAL.test(name);
}

/** A credential header's value, and what follows a scheme such as "Bearer" on its own. */
export function credentialParts(value: string): string[] {
  return [value, ...value.split(/\s+/).slice(1)];
}

/** A secret as it may also appear once encoded in a URL, a form or a JSON string. */
export function secretForms(value: string): string[] {
  return [value, encodeURIComponent(value), new URLSearchParams({ v: value }).toString().slice(2), JSON.stringify(value).slice(1, -1)];
}

/** Values inside `value` whose field names look like credentials (password, token, api_key…). */
export function namedSecrets(value: unknown, name = ''): string[] {
  if (typeof value === 'string') return isCredentialName(name) ? [value] : [];
  if (typeof value === 'number') return isCredentialName(name) ? [String(value)] : [];
  if (Array.isArray(value)) return value.flatMap((item) => namedSecrets(item, name));
  if (value && typeof value === 'object') return Object.entries(value).flatMap(([key, item]) => namedSecrets(item, key));
  return [];
}

/**
 * Values of a request config that must never be shown: auth, credential-looking headers
 * (and the token after "Bearer"), and fields named like password or token in the query
 * and body, each also in its encoded forms.
 */
export function requestSecrets(config: Partial<RequestConfig>): string[] {
  const found: string[] = [];
  const { auth } = config;
  if (auth?.bearer) found.push(auth.bearer);
  if (auth?.basic) found.push(auth.basic.password, Buffer.from(`${auth.basic.username}:${auth.basic.password}`).toString('base64'));
  for (const [name, value] of Object.entries(config.headers ?? {})) {
    if (isCredentialName(name)) found.push(...credentialParts(value));
  }
  found.push(...namedSecrets(config.query), ...namedSecrets(config.form), ...namedSecrets(config.json), ...namedSecrets(config.multipart));
  if (config.body !== undefined) found.push(...bodySecrets(config.body));
  // A scenario template ("Bearer {{token}}") holds no secret yet; the scenario masks what fills it.
  return [...new Set(found.filter((s) => s.length > 0 && !/\{\{\s*\w+\s*\}\}/.test(s)).flatMap(secretForms))];
}

/** Credential-looking fields of a raw body sent as JSON or as a form. */
function bodySecrets(body: string): string[] {
  try {
    return namedSecrets(JSON.parse(body));
  } catch {
    return [...new URLSearchParams(body)].flatMap(([name, value]) => namedSecrets(value, name));
  }
}
