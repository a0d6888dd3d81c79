import type { Observation } from './types';

/** Shorter values are not treated as secrets: redacting "1" would mangle every message. */
const MIN_SECRET_LENGTH = 4;
/** A piece of a longer base64 text shorter than this could match by chance, so it is not masked alone. */
const MIN_BASE64_PIECE = 6;
/** What a secret is replaced with, wherever it is shown. */
export const MASK = '***';

/** The same text with every %XX escape in lower case, as some encoders write it. */
const lowerHex = (text: string) => text.replace(/%[0-9A-F]{2}/g, (escape) => escape.toLowerCase());

/** How a URL writes the text in its path, its query and its user info. */
function urlForms(secret: string): string[] {
  const url = new URL('http://host/');
  url.pathname = `/${secret}`;
  const path = url.pathname.slice(1);
  url.search = `?${secret}`;
  const query = url.search.slice(1);
  url.password = secret;
  return [path, query, url.password];
}

const PERCENT_FORMS = (secret: string) => {
  const forms = [encodeURIComponent(secret), encodeURI(secret), new URLSearchParams({ v: secret }).toString().slice(2), ...urlForms(secret)];
  return [...forms, ...forms.map(lowerHex)];
};

const jsonEscaped = (text: string) => JSON.stringify(text).slice(1, -1);

/**
 * As a JSON string holds it: standard, with non-ASCII as \uXXXX (either case), with "/"
 * as "\/", and escaped twice, as when a JSON body is echoed as a string inside JSON.
 */
function jsonForms(secret: string): string[] {
  const standard = jsonEscaped(secret);
  const ascii = standard.replace(/[\u007f-\uffff]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`);
  const forms = [standard, ascii, ascii.replace(/\\u[0-9a-f]{4}/g, (escape) => `\\u${escape.slice(2).toUpperCase()}`)];
  return [...forms, ...forms.map((form) => form.replaceAll('/', '\\/')), jsonEscaped(standard)];
}

const HTML_NAMED: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** As an HTML page quotes it in text or an attribute: with named entities, or decimal ones. */
function htmlForms(secret: string): string[] {
  return [secret.replace(/[&<>"']/g, (c) => HTML_NAMED[c]!), secret.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`)];
}

/**
 * Base64 and base64url of the text alone, and of the text inside a longer encoded
 * value ("user:secret" in a Basic header): there the encoding depends on where the text
 * starts, so for each of the three alignments the characters that hold only its bits.
 */
function base64Forms(secret: string): string[] {
  const bytes = Buffer.from(secret, 'utf8');
  const forms = [bytes.toString('base64')];
  for (const shift of [0, 1, 2]) {
    const encoded = Buffer.concat([Buffer.alloc(shift), bytes]).toString('base64');
    const first = Math.ceil((8 * shift) / 6);
    const end = Math.floor((8 * (shift + bytes.length)) / 6);
    if (end - first >= MIN_BASE64_PIECE) forms.push(encoded.slice(first, end));
  }
  return [...forms, ...forms.map((form) => form.replace(/=+$/, '').replaceAll('+', '-').replaceAll('/', '_'))];
}

/**
 * Every form in which a secret may travel and so must be masked: as it is,
 * percent-encoded (as a URL component, a form field, a URL's path, query or user info),
 * JSON-escaped, HTML-escaped, and base64 or base64url encoded.
 */
export function encodedForms(secret: string): string[] {
  return [...new Set([secret, ...PERCENT_FORMS(secret), ...jsonForms(secret), ...htmlForms(secret), ...base64Forms(secret)])];
}

/**
 * How many characters at the end of the text are the start of a secret: a text cut
 * to a length (a body excerpt) may end inside one, and its start must not show either.
 */
function cutSecretAtEnd(text: string, forms: readonly string[]): number {
  let longest = 0;
  for (const form of forms) {
    const head = form.slice(0, MIN_SECRET_LENGTH);
    // Only where the form's first characters stand within its length of the end.
    for (let at = text.indexOf(head, Math.max(0, text.length - form.length + 1)); at >= 0; at = text.indexOf(head, at + 1)) {
      if (form.startsWith(text.slice(at))) {
        longest = Math.max(longest, text.length - at);
        break;
      }
    }
  }
  return longest;
}

/** The text with every stretch covered by any of the forms replaced by one mask. */
function maskAll(text: string, forms: readonly string[]): string {
  const found: Array<[number, number]> = [];
  for (const form of forms) {
    for (let at = text.indexOf(form); at >= 0; at = text.indexOf(form, at + 1)) found.push([at, at + form.length]);
  }
  const tail = cutSecretAtEnd(text, forms);
  if (tail > 0) found.push([text.length - tail, text.length]);
  if (found.length === 0) return text;
  found.sort((a, b) => a[0] - b[0]);
  // Overlapping matches (one secret inside another, or two encodings of one) merge, so no part of either shows.
  const merged: Array<[number, number]> = [];
  for (const [start, end] of found) {
    const last = merged.at(-1);
    if (last && start <= last[1]) last[1] = Math.max(last[1], end);
    else merged.push([start, end]);
  }
  let out = '';
  let cursor = 0;
  for (const [start, end] of merged) {
    out += text.slice(cursor, start) + MASK;
    cursor = end;
  }
  return out + text.slice(cursor);
}

/** A function that masks every occurrence of the given secrets, in each of their encoded forms, in a text. */
export function createRedactor(secrets: Iterable<string>): (text: string) => string {
  const raw = [...new Set(secrets)].filter((s) => s.length >= MIN_SECRET_LENGTH);
  const forms = [...new Set(raw.flatMap(encodedForms))].filter((form) => form.length >= MIN_SECRET_LENGTH);
  if (forms.length === 0) return (text) => text;
  return (text) => maskAll(text, forms);
}

function redactValue(value: unknown, redact: (text: string) => string): unknown {
  if (typeof value === 'string') return redact(value);
  if (Array.isArray(value)) return value.map((v) => redactValue(v, redact));
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [redact(k), redactValue(v, redact)]));
  }
  return value;
}

/** The observation with every secret masked in its message and details. */
export function redactObservation(observation: Observation, redact: (text: string) => string): Observation {
  return {
    ...observation,
    message: redact(observation.message),
    ...(observation.details ? { details: redactValue(observation.details, redact) as Record<string, unknown> } : {}),
  };
}

/** The password of a URL, if it has one, as a secret to mask. */
export function urlSecrets(raw: string): string[] {
  try {
    const url = new URL(raw);
    return url.password ? [url.password, decodeURIComponent(url.password)] : [];
  } catch {
    return [];
  }
}
