import type { Observation } from './types';

/** Shorter values are not treated as secrets: redacting "1" would mangle every message. */
const MIN_SECRET_LENGTH = 4;
/** What a secret is replaced with, wherever it is shown. */
export const MASK = '***';

/** A function that masks every occurrence of the given secrets in a text. */
export function createRedactor(secrets: Iterable<string>): (text: string) => string {
  const list = [...new Set(secrets)].filter((s) => s.length >= MIN_SECRET_LENGTH).sort((a, b) => b.length - a.length);
  if (list.length === 0) return (text) => text;
  return (text) => list.reduce((out, secret) => out.split(secret).join(MASK), text);
}

function redactValue(value: unknown, redact: (text: string) => string): unknown {
  if (typeof value === 'string') return redact(value);
  if (Array.isArray(value)) return value.map((v) => redactValue(v, redact));
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, redactValue(v, redact)]));
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
