import type { AccessLevel, SessionResponse } from '../../shared/api';

/** A person's role in a word, by what it lets them do. */
export const ROLE_WORDS: Record<AccessLevel, string> = { read: 'viewer', respond: 'responder', admin: 'admin' };

/**
 * How this browser may act on what is wrong (acknowledge, say), from the session:
 * - `open`: anyone may (no way to sign in, a public board): a name is asked, optionally;
 * - `as`: a responder or an admin is signed in, and acts under their own name;
 * - `sign-in`: nobody who may act is here, and the board's sign-in page lets one in;
 * - `proxy`: people sign in through the company's sign-in in front of the board;
 * - `viewer`: a person is signed in who may only watch;
 * - `nobody`: acting needs a sign-in this board does not offer.
 */
export type Acting =
  | { kind: 'open' }
  | { kind: 'as'; name: string }
  | { kind: 'sign-in' }
  | { kind: 'proxy' }
  | { kind: 'viewer'; name: string; role: string }
  | { kind: 'nobody' };

/**
 * What the session says about acting. Pure. An unknown session (still loading, or an
 * older server without one) counts as open: the server decides anyway, and its refusal
 * is shown in words.
 */
export function actingFor(session: SessionResponse | undefined): Acting {
  if (!session || session.actingOpen) return { kind: 'open' };
  const who = session.who;
  if (who && who.level !== 'read') return { kind: 'as', name: who.name };
  if (who?.kind === 'person') return { kind: 'viewer', name: who.name, role: ROLE_WORDS[who.level] };
  if (session.signIn.password) return { kind: 'sign-in' };
  if (session.signIn.proxy) return { kind: 'proxy' };
  return { kind: 'nobody' };
}
