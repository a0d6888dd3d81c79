import { createHmac, timingSafeEqual } from 'node:crypto';

/** What an acknowledge link vouches for: this person may acknowledge this incident until then. */
export interface AckClaim {
  incidentId: string;
  /** Their id in `people:`; null for a link sent to a team's own channel, which anyone there may use. */
  personId: string | null;
  /** Epoch ms: the first instant the link no longer works. */
  expiresAt: number;
}

/** The outcome of checking a link's token: the claim it carries, or why it is refused. */
export type AckVerdict = ({ ok: true } & AckClaim) | { ok: false; reason: 'malformed' | 'tampered' | 'expired' };

/** The key that signs links: `paging.secret`, or the random key kept in the store. */
export type AckKey = string | Uint8Array;

/** Told apart from any other use of the same key, so no other signature can pass for a link's. */
const PURPOSE = 'greenboard acknowledge link v1\n';
const BASE64URL = /^[A-Za-z0-9_-]+$/;
/** HMAC-SHA256 in base64url. */
const SIGNATURE_LENGTH = 43;
/** Far more than any real token; a longer one is not worth hashing. */
const MAX_TOKEN_LENGTH = 1_000;

function checkKey(key: AckKey): void {
  // An empty key would let anyone sign a link.
  if (key.length === 0) throw new RangeError('the acknowledge link key must not be empty');
}

/** The signature of a payload as written in the token, in base64url. */
function signatureOf(payload: string, key: AckKey): string {
  return createHmac('sha256', key)
    .update(PURPOSE + payload)
    .digest('base64url');
}

/**
 * A token for a one-click acknowledge link: the claim in base64url, a dot, and its
 * HMAC-SHA256 in base64url. URL-safe as it is, and short enough for a text message.
 */
export function signAckToken(claim: AckClaim, key: AckKey): string {
  checkKey(key);
  const { incidentId, personId, expiresAt } = claim;
  if (typeof incidentId !== 'string' || incidentId === '') throw new RangeError('an acknowledge link needs an incident id');
  if (personId !== null && (typeof personId !== 'string' || personId === '')) throw new RangeError('an acknowledge link names a person by id, or null');
  if (!Number.isSafeInteger(expiresAt)) throw new RangeError(`an acknowledge link expires at a whole epoch ms (got ${expiresAt})`);
  const payload = Buffer.from(JSON.stringify([incidentId, personId, expiresAt])).toString('base64url');
  return `${payload}.${signatureOf(payload, key)}`;
}

/** The claim in a payload the signature has vouched for; null when it is not one (never for a token signed here). */
function readClaim(payload: string): AckClaim | null {
  let value: unknown;
  try {
    value = JSON.parse(Buffer.from(payload, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  if (!Array.isArray(value) || value.length !== 3) return null;
  const [incidentId, personId, expiresAt] = value as unknown[];
  if (typeof incidentId !== 'string' || incidentId === '') return null;
  if (personId !== null && typeof personId !== 'string') return null;
  if (typeof expiresAt !== 'number' || !Number.isSafeInteger(expiresAt)) return null;
  return { incidentId, personId, expiresAt };
}

/**
 * Checks a token from a link at `now` (epoch ms). The signature is compared in constant
 * time over the text as written, so no change to any character passes, even one that
 * decodes to the same bytes; the claim is read only once the signature holds. Never
 * throws for any token: a link is what anyone may type.
 */
export function verifyAckToken(token: string, key: AckKey, now: number): AckVerdict {
  checkKey(key);
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return { ok: false, reason: 'malformed' };
  const parts = token.split('.');
  if (parts.length !== 2) return { ok: false, reason: 'malformed' };
  const [payload, signature] = parts as [string, string];
  if (!BASE64URL.test(payload) || !BASE64URL.test(signature) || signature.length !== SIGNATURE_LENGTH) return { ok: false, reason: 'malformed' };
  if (!timingSafeEqual(Buffer.from(signature), Buffer.from(signatureOf(payload, key)))) return { ok: false, reason: 'tampered' };
  const claim = readClaim(payload);
  if (claim === null) return { ok: false, reason: 'malformed' };
  if (now >= claim.expiresAt) return { ok: false, reason: 'expired' };
  return { ok: true, ...claim };
}

/** The link a page carries: `{boardUrl}/ack/{token}`, one slash between however `boardUrl` ends. */
export function ackUrl(boardUrl: string, token: string): string {
  return `${boardUrl.replace(/\/+$/, '')}/ack/${token}`;
}
