import type { Request, RequestHandler, Response } from 'express';
import { isBoardPage } from '../http/static-client';
import { BOARD_COOKIE, cookie, cookiesOf, CSRF_COOKIE, CSRF_HEADER, LONGEST_COOKIE_S } from './cookies';
import type { AccessGate, Identity } from './gate';
import type { Principal } from './model';
import { noAccessPage, revokedPage, unknownTokenPage, type SignInWays } from './pages';
import { needFor } from './rules';

/** Who the request is from, once the guard has read it; anonymous where the route is open. */
export const principalOf = (res: Response): Principal => (res.locals.identity as Identity | undefined)?.principal ?? { kind: 'anonymous' };

const isPageRequest = (req: Request) => (req.method === 'GET' || req.method === 'HEAD') && isBoardPage(req.path);

/** Whether the answer should be a page a person reads, not JSON. */
const wantsPage = (req: Request) => !req.path.startsWith('/api/') && (isPageRequest(req) || req.accepts(['json', 'html']) === 'html');

/**
 * Lets through what the request may do (rules.ts, decided by the gate), and answers
 * the rest: 401 or 403 in the API's shape, or, for a page, Greenboard's own page saying
 * what to do; never the browser's. On the way, a wall screen's cookie is set again, so
 * it lasts as long as its token, and a signed-in person's page gets its CSRF token.
 */
export function accessGuard(gate: AccessGate, ways: () => SignInWays): RequestHandler {
  return async (req, res, next) => {
    const need = needFor(req.method, req.path);
    if (need === 'open') return next();
    const identity = await gate.identify(req);
    res.locals.identity = identity;
    const refusal = gate.decide(need, identity, { method: req.method, csrf: req.get(CSRF_HEADER) });
    if (refusal === null) {
      if (isPageRequest(req)) keepBrowserCredentials(req, res, gate, identity);
      return next();
    }
    res.setHeader('Cache-Control', 'no-store');
    if (wantsPage(req)) {
      res
        .status(refusal.status)
        .type('html')
        .send(refusal.code === 'token_revoked' ? revokedPage() : noAccessPage(ways(), req.originalUrl));
      return;
    }
    res.status(refusal.status).json({ error: { code: refusal.code, message: refusal.message } });
  };
}

/** The page of a screen with a board cookie sets it again; a person's page gets the CSRF token its scripts send back. */
function keepBrowserCredentials(req: Request, res: Response, gate: AccessGate, identity: Identity): void {
  const secure = req.secure;
  const principal = identity.principal;
  if (principal.kind === 'board') {
    const value = cookiesOf(req)[BOARD_COOKIE];
    if (value) res.append('Set-Cookie', cookie(BOARD_COOKIE, value, { maxAgeS: LONGEST_COOKIE_S, secure }));
  }
  const csrf = gate.csrfToken(principal);
  if (csrf) res.append('Set-Cookie', cookie(CSRF_COOKIE, csrf, { maxAgeS: LONGEST_COOKIE_S, secure, readable: true }));
}

/**
 * `/?token=…` on a board page: a wall screen opened with its link. A valid board token
 * becomes a cookie and the address loses the token (so it is not left in the history or
 * shown on the wall); a revoked or unknown one gets a page saying so, full screen.
 */
export function boardTokenExchange(gate: AccessGate): RequestHandler {
  return async (req, res, next) => {
    const given = req.query.token;
    if (!isPageRequest(req) || typeof given !== 'string') return next();
    const { token, revoked } = await gate.boardToken(given);
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('Referrer-Policy', 'no-referrer');
    if (!token) {
      res
        .status(403)
        .type('html')
        .send(revoked ? revokedPage() : unknownTokenPage());
      return;
    }
    res.append('Set-Cookie', cookie(BOARD_COOKIE, given, { maxAgeS: LONGEST_COOKIE_S, secure: req.secure }));
    res.redirect(303, withoutToken(req.originalUrl));
  };
}

/** The address without its `token` parameter, every other part as it was written (`?kiosk` stays `?kiosk`, not `?kiosk=`). */
export function withoutToken(address: string): string {
  const at = address.indexOf('?');
  if (at < 0) return address;
  const kept = address
    .slice(at + 1)
    .split('&')
    .filter((part) => part !== '' && !/^token(=|$)/.test(part));
  return kept.length > 0 ? `${address.slice(0, at)}?${kept.join('&')}` : address.slice(0, at);
}
