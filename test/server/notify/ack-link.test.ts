import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ackUrl, signAckToken, verifyAckToken, type AckClaim } from '../../../server/notify/ack-link';

const KEY = 'a-secret-of-at-least-thirty-two-characters';
const OTHER_KEY = 'another-secret-of-thirty-two-characters!';
const NOW = Date.parse('2026-03-02T10:00:00Z');
const HOUR = 3_600_000;
const claim: AckClaim = { incidentId: 'inc-01HZX3K7Q2', personId: 'alice', expiresAt: NOW + 24 * HOUR };

describe('an acknowledge link token', () => {
  it('carries the incident, the person and the expiry back once verified', () => {
    const token = signAckToken(claim, KEY);
    expect(verifyAckToken(token, KEY, NOW)).toEqual({ ok: true, ...claim });
  });

  it('may be for a team channel, with no person', () => {
    const token = signAckToken({ ...claim, personId: null }, KEY);
    expect(verifyAckToken(token, KEY, NOW)).toEqual({ ok: true, ...claim, personId: null });
  });

  it('is URL-safe as it is and compact enough for a text message', () => {
    const token = signAckToken(claim, KEY);
    expect(token).toMatch(/^[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+$/);
    expect(encodeURIComponent(token)).toBe(token);
    expect(token.length).toBeLessThan(120);
  });

  it('does not show the key', () => {
    const token = signAckToken(claim, KEY);
    expect(token).not.toContain(KEY);
    expect(Buffer.from(token.split('.')[0]!, 'base64url').toString()).not.toContain(KEY);
  });

  it('works until just before it expires, and not from then on', () => {
    const token = signAckToken(claim, KEY);
    expect(verifyAckToken(token, KEY, claim.expiresAt - 1)).toMatchObject({ ok: true });
    expect(verifyAckToken(token, KEY, claim.expiresAt)).toEqual({ ok: false, reason: 'expired' });
    expect(verifyAckToken(token, KEY, claim.expiresAt + 365 * 24 * HOUR)).toEqual({ ok: false, reason: 'expired' });
  });

  it('signed with another key is tampered', () => {
    expect(verifyAckToken(signAckToken(claim, OTHER_KEY), KEY, NOW)).toEqual({ ok: false, reason: 'tampered' });
  });

  it("another claim under a genuine token's signature is tampered", () => {
    const genuine = signAckToken(claim, KEY);
    const forged = signAckToken({ ...claim, personId: 'mallory' }, OTHER_KEY);
    expect(verifyAckToken(`${forged.split('.')[0]}.${genuine.split('.')[1]}`, KEY, NOW)).toEqual({ ok: false, reason: 'tampered' });
  });

  it('an expired link made to look fresh is tampered, not expired', () => {
    const old = signAckToken({ ...claim, expiresAt: NOW - HOUR }, KEY);
    const fresh = Buffer.from(JSON.stringify([claim.incidentId, claim.personId, NOW + HOUR])).toString('base64url');
    expect(verifyAckToken(`${fresh}.${old.split('.')[1]}`, KEY, NOW)).toEqual({ ok: false, reason: 'tampered' });
  });

  it('refuses a signature whose last letter decodes to the same bytes', () => {
    // 32 bytes in 43 base64url letters leave the last letter 2 bits that decoding ignores.
    const token = signAckToken(claim, KEY);
    const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_';
    const last = token.at(-1)!;
    const twin = alphabet[alphabet.indexOf(last) ^ 1]!;
    const altered = token.slice(0, -1) + twin;
    expect(Buffer.from(altered.split('.')[1]!, 'base64url')).toEqual(Buffer.from(token.split('.')[1]!, 'base64url'));
    expect(verifyAckToken(altered, KEY, NOW)).toEqual({ ok: false, reason: 'tampered' });
  });

  it.each([
    ['nothing', ''],
    ['no signature', 'eyJhIjoxfQ'],
    ['an empty signature', 'eyJhIjoxfQ.'],
    ['three parts', 'a.b.c'],
    ['letters outside base64url', 'eyJhIjox+Q.' + 'A'.repeat(43)],
    ['padding', 'eyJhIjoxfQ==.' + 'A'.repeat(43)],
    ['a short signature', 'eyJhIjoxfQ.' + 'A'.repeat(42)],
    ['something very long', 'A'.repeat(5_000) + '.' + 'A'.repeat(43)],
    ['a path', '../../etc/passwd'],
  ])('%s is malformed', (_name, token) => {
    expect(verifyAckToken(token, KEY, NOW)).toEqual({ ok: false, reason: 'malformed' });
  });

  it('refuses to sign with an empty key or a claim it could not read back', () => {
    expect(() => signAckToken(claim, '')).toThrow(/key must not be empty/);
    expect(() => verifyAckToken('a.b', '', NOW)).toThrow(/key must not be empty/);
    expect(() => signAckToken({ ...claim, incidentId: '' }, KEY)).toThrow(/incident id/);
    expect(() => signAckToken({ ...claim, expiresAt: 1.5 }, KEY)).toThrow(/whole epoch ms/);
    expect(() => signAckToken({ ...claim, expiresAt: Number.NaN }, KEY)).toThrow(/whole epoch ms/);
  });

  it('takes a key of bytes as well as text', () => {
    const bytes = Buffer.from('00112233445566778899aabbccddeeff00112233445566778899aabbccddeeff', 'hex');
    const token = signAckToken(claim, bytes);
    expect(verifyAckToken(token, bytes, NOW)).toMatchObject({ ok: true });
    expect(verifyAckToken(token, KEY, NOW)).toEqual({ ok: false, reason: 'tampered' });
  });
});

describe('an acknowledge link token, whatever it carries', () => {
  const anyClaim: fc.Arbitrary<AckClaim> = fc.record({
    incidentId: fc.string({ minLength: 1, maxLength: 40, unit: 'grapheme' }),
    personId: fc.option(fc.string({ minLength: 1, maxLength: 30 }), { nil: null }),
    expiresAt: fc.integer({ min: 0, max: 4_102_444_800_000 }),
  });
  const anyKey = fc.oneof(
    fc.string({ minLength: 1, maxLength: 64 }),
    fc.uint8Array({ minLength: 1, maxLength: 64 }).map((bytes) => Buffer.from(bytes)),
  );
  /** Letters a link could plausibly be changed to: base64url, the dot, base64's own, escapes, spaces and beyond. */
  const anyLetter = fc.oneof(
    fc.constantFrom(...'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_.=+/% \n'),
    fc.string({ minLength: 1, maxLength: 1, unit: 'binary' }),
  );

  it('round trips: ok before it expires, expired from then on', () => {
    fc.assert(
      fc.property(anyClaim, anyKey, fc.integer({ min: 1, max: 400 * 24 * HOUR }), (claim, key, margin) => {
        const token = signAckToken(claim, key);
        expect(verifyAckToken(token, key, claim.expiresAt - margin)).toEqual({ ok: true, ...claim });
        expect(verifyAckToken(token, key, claim.expiresAt + margin - 1)).toEqual({ ok: false, reason: 'expired' });
      }),
    );
  });

  it('any single changed character is tampered or malformed, never ok', () => {
    fc.assert(
      fc.property(anyClaim, anyKey, fc.nat(), anyLetter, (claim, key, at, letter) => {
        const token = signAckToken(claim, key);
        const i = at % token.length;
        fc.pre(token[i] !== letter);
        const changed = token.slice(0, i) + letter + token.slice(i + 1);
        const verdict = verifyAckToken(changed, key, claim.expiresAt - 1);
        expect(verdict.ok).toBe(false);
        expect(['tampered', 'malformed']).toContain(!verdict.ok && verdict.reason);
      }),
      { numRuns: 2_000 },
    );
  });

  it('any character dropped or added is never ok', () => {
    fc.assert(
      fc.property(anyClaim, anyKey, fc.nat(), anyLetter, fc.boolean(), (claim, key, at, letter, drop) => {
        const token = signAckToken(claim, key);
        const i = at % token.length;
        const changed = drop ? token.slice(0, i) + token.slice(i + 1) : token.slice(0, i) + letter + token.slice(i);
        expect(verifyAckToken(changed, key, claim.expiresAt - 1).ok).toBe(false);
      }),
      { numRuns: 1_000 },
    );
  });
});

describe('the acknowledge link', () => {
  it.each([
    ['https://status.example.com', 'https://status.example.com/ack/abc.def'],
    ['https://status.example.com/', 'https://status.example.com/ack/abc.def'],
    ['https://status.example.com//', 'https://status.example.com/ack/abc.def'],
    ['https://example.com/board', 'https://example.com/board/ack/abc.def'],
    ['https://example.com/board/', 'https://example.com/board/ack/abc.def'],
  ])('from %s is %s', (boardUrl, expected) => {
    expect(ackUrl(boardUrl, 'abc.def')).toBe(expected);
  });
});
