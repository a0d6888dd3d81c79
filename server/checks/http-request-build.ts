import { readFile, stat } from 'node:fs/promises';
import { FormData } from 'undici';
import { BODY_FIELDS, type RequestConfig, type UploadFile } from './http-request-schema';
import { redactUrl } from './redact-url';

/** A file uploaded from the server's disk is read whole; beyond this it is refused. */
const MAX_UPLOAD_FILE_BYTES = 10 * 1024 * 1024;

/** A problem with the request itself (as opposed to the network); its message is for people. */
export class RequestProblem extends Error {}

/** A request ready to send. */
export interface PreparedRequest {
  /** Absolute http:// or https:// URL, query included. */
  url: string;
  method: string;
  /** Names in lower case. */
  headers: Record<string, string>;
  /** Encoded text, or a multipart form whose boundary is chosen when it is sent. */
  body?: string | FormData;
}

async function fileBlob(file: UploadFile): Promise<Blob> {
  const type = file.contentType ?? 'application/octet-stream';
  if (file.content !== undefined) return new Blob([file.content], { type });
  const size = await stat(file.path!).then(
    (s) => s.size,
    () => -1,
  );
  if (size < 0) throw new RequestProblem(`cannot read upload file ${file.path}`);
  if (size > MAX_UPLOAD_FILE_BYTES) throw new RequestProblem(`upload file ${file.path} is larger than 10mb`);
  return new Blob([await readFile(file.path!)], { type });
}

async function buildBody(config: RequestConfig, headers: Record<string, string>): Promise<string | FormData | undefined> {
  const ensureType = (type: string) => void (headers['content-type'] ??= type);
  // The schema refuses this too; a config that skipped it must still not send a guess.
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
