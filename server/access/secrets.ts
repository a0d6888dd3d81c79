import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';

/**
 * The secrets access is made of. Each is 32 random bytes, prefixed by what it is
 * (`gbb_` a board token, `gba_` an API token, `gbs_` a session) so that a secret
 * scanner, or a person, can tell one found in a log or a repository.
 */
export type SecretKind = 'board' | 'api' | 'session';
const PREFIX: Record<SecretKind, string> = { board: 'gbb_', api: 'gba_', session: 'gbs_' };

export const newSecret = (kind: SecretKind): string => `${PREFIX[kind]}${randomBytes(32).toString('base64url')}`;

/** What a secret is, from its prefix; null for anything that is not one of ours. */
export function secretKind(value: string): SecretKind | null {
  if (!/^gb[bas]_[A-Za-z0-9_-]{43}$/.test(value)) return null;
  return value.startsWith('gbb_') ? 'board' : value.startsWith('gba_') ? 'api' : 'session';
}

/**
 * How a secret is kept: SHA-256, hex. Enough for 256 random bits, which no one guesses
 * (argon2 is for passwords, which people choose); and a lookup by hash is constant in
 * time whatever the value.
 */
export const hashSecret = (value: string): string => createHash('sha256').update(value).digest('hex');

/** A value tied to `subject` by `key` (a CSRF token for a session), base64url. */
export const signFor = (key: string, subject: string): string => createHmac('sha256', key).update(subject).digest('base64url');

/** Whether `given` is `signFor(key, subject)`, compared in constant time. */
export function isSignedFor(key: string, subject: string, given: string): boolean {
  const expected = Buffer.from(signFor(key, subject));
  const actual = Buffer.from(given);
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}
