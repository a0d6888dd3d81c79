import type { RequestConfig } from './http-request-schema';

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
