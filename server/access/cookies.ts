import { parse, serialize, type SerializeOptions } from 'cookie';
import type { IncomingMessage } from 'node:http';

/** A wall screen's board token, set by `/?token=…`. */
export const BOARD_COOKIE = 'gb_board';
/** A person's session after signing in with a password. */
export const SESSION_COOKIE = 'gb_session';
/** The CSRF token of a signed-in person, for the page's scripts to send back in `X-CSRF-Token`. */
export const CSRF_COOKIE = 'gb_csrf';
export const CSRF_HEADER = 'x-csrf-token';

/** The longest a browser keeps a cookie (400 days); a screen's is set again at every page load, so it lasts until revoked. */
export const LONGEST_COOKIE_S = 400 * 86_400;

export function cookiesOf(req: Pick<IncomingMessage, 'headers'>): Record<string, string | undefined> {
  const header = req.headers.cookie;
  if (!header) return {};
  try {
    return parse(header);
  } catch {
    return {};
  }
}

/** A cookie of ours: HttpOnly unless scripts must read it, SameSite=Lax, Secure when the page came over HTTPS. */
export function cookie(name: string, value: string, options: { maxAgeS: number; secure: boolean; readable?: boolean }): string {
  const settings: SerializeOptions = { path: '/', sameSite: 'lax', httpOnly: !options.readable, secure: options.secure, maxAge: options.maxAgeS };
  return serialize(name, value, settings);
}

export const clearCookie = (name: string, secure: boolean): string => cookie(name, '', { maxAgeS: 0, secure });
