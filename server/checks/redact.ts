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

/** The forms that begin with one head: as a sorted list (for prefixes) and by length (for whole matches). */
interface HeadForms {
  sorted: string[];
  byLength: Map<number, Set<string>>;
}

/**
 * The forms by their first MIN_SECRET_LENGTH characters, so a text is read once whatever
 * the number of secrets: a board with thousands of push tokens has a hundred thousand
 * forms, often sharing a prefix, and a scan per form made every report cost milliseconds.
 */
interface FormIndex {
  byHead: Map<string, HeadForms>;
  /** Marks the hashes of every head, so most places in a text are passed over without building a string. */
  heads: Uint8Array;
  longest: number;
}

const HEAD_HASHES = 1 << 16;

/** A hash of the MIN_SECRET_LENGTH characters at `at` (the caller keeps them within the text). */
function headHash(text: string, at: number): number {
  let hash = 0;
  for (let i = at; i < at + MIN_SECRET_LENGTH; i += 1) hash = (hash * 31 + text.charCodeAt(i)) | 0;
  return hash & (HEAD_HASHES - 1);
}

/** The forms whose head is the text at `at`, if any. */
function formsAt(index: FormIndex, text: string, at: number): HeadForms | undefined {
  return index.heads[headHash(text, at)] === 0 ? undefined : index.byHead.get(text.slice(at, at + MIN_SECRET_LENGTH));
}

function indexForms(forms: readonly string[]): FormIndex {
  const byHead = new Map<string, HeadForms>();
  for (const form of forms) {
    const head = form.slice(0, MIN_SECRET_LENGTH);
    const entry = byHead.get(head) ?? byHead.set(head, { sorted: [], byLength: new Map() }).get(head)!;
    entry.sorted.push(form);
    const sameLength = entry.byLength.get(form.length) ?? entry.byLength.set(form.length, new Set()).get(form.length)!;
    sameLength.add(form);
  }
  const heads = new Uint8Array(HEAD_HASHES);
  for (const [head, entry] of byHead) {
    entry.sorted.sort();
    heads[headHash(head, 0)] = 1;
  }
  return { byHead, heads, longest: forms.reduce((most, form) => Math.max(most, form.length), 0) };
}

/** Whether a form in the sorted list is longer than `text` and starts with it. */
function extendsText(sorted: readonly string[], text: string): boolean {
  let low = 0;
  let high = sorted.length;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (sorted[mid]! < text) low = mid + 1;
    else high = mid;
  }
  // The first form not before `text` starts with it if any does; `text` itself may come first.
  const next = sorted[low] === text ? sorted[low + 1] : sorted[low];
  return next !== undefined && next.startsWith(text);
}

/**
 * How many characters at the end of the text are the start of a secret: a text cut
 * to a length (a body excerpt) may end inside one, and its start must not show either.
 */
function cutSecretAtEnd(text: string, index: FormIndex): number {
  // Only where a form's first characters stand within its length of the end; the earliest such start is the longest cut.
  for (let at = Math.max(0, text.length - index.longest + 1); at <= text.length - MIN_SECRET_LENGTH; at += 1) {
    const entry = formsAt(index, text, at);
    if (entry && extendsText(entry.sorted, text.slice(at))) return text.length - at;
  }
  return 0;
}

/** The text with every stretch covered by any of the forms replaced by one mask. */
function maskAll(text: string, index: FormIndex): string {
  const found: Array<[number, number]> = [];
  for (let at = 0; at <= text.length - MIN_SECRET_LENGTH; at += 1) {
    const entry = formsAt(index, text, at);
    if (!entry) continue;
    for (const [length, forms] of entry.byLength) if (forms.has(text.slice(at, at + length))) found.push([at, at + length]);
  }
  const tail = cutSecretAtEnd(text, index);
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
  const index = indexForms(forms);
  return (text) => maskAll(text, index);
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

/** A path segment that looks generated (a token in a "secret address"), not a word. */
const TOKEN_LIKE = /^(?=.*\d)(?=.*[a-z])[\w.~-]{16,}$/i;

/**
 * The parts of a URL that grant access — a password, query values, token-like path
 * segments — and so the URL itself; nothing for a URL without such parts.
 */
export function urlAccessSecrets(raw: string): string[] {
  const url = new URL(raw);
  const parts = [
    ...(url.password ? [decodeURIComponent(url.password)] : []),
    ...[...url.searchParams.values()],
    ...url.pathname
      .split('/')
      .map((segment) => decodeURIComponent(segment))
      .filter((segment) => TOKEN_LIKE.test(segment)),
  ].filter((part) => part.length > 0);
  return parts.length > 0 ? [raw, ...parts] : [];
}
