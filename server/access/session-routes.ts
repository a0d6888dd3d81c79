import express, { Router, type Request, type Response } from 'express';
import { ipKeyGenerator, rateLimit } from 'express-rate-limit';
import { z } from 'zod';
import type { SessionResponse } from '../../shared/api';
import { badRequest } from '../errors';
import { methodNotAllowed } from '../http/error-handler';
import type { Logger } from '../log';
import type { Store } from '../store/store';
import type { AccessConfig } from './config';
import { clearCookie, cookie, cookiesOf, CSRF_COOKIE, CSRF_HEADER, SESSION_COOKIE } from './cookies';
import type { AccessGate } from './gate';
import { levelOf, type Principal } from './model';
import { safeNext, signInPage } from './pages';
import { passwordMatches } from './passwords';
import { hashSecret, newSecret, secretKind } from './secrets';
import { StoredAttempts } from './stored-attempts';

export interface SessionDeps {
  gate: AccessGate;
  store: Store;
  access: () => AccessConfig;
  log: Logger;
  now?: () => number;
}

/** The fields of the sign-in form, as text ('' when missing or not text). */
function formFields(body: unknown): { user: string; password: string; next: string } {
  const fields = (typeof body === 'object' && body !== null ? body : {}) as Record<string, unknown>;
  const text = (value: unknown) => (typeof value === 'string' ? value : '');
  return { user: text(fields.user), password: text(fields.password), next: safeNext(fields.next) };
}

const credentials = z.strictObject({ user: z.string().min(1).max(200), password: z.string().min(1).max(1_000) });

/** Ten failed tries per user from one address in 15 minutes, and a hundred tries in all from one address. */
const WINDOW_MS = 15 * 60_000;

/**
 * The sign-in limits, one set for the JSON and the form sign-in alike. Counted in the store,
 * so several instances share one count; and in memory too, so that each instance still
 * limits on its own while the store cannot be reached (the stored count then lets requests
 * pass, with a warning).
 */
function limits(store: Store, log: Logger, now: () => number) {
  const answer = (req: Request, res: Response) => {
    const body = { error: { code: 'rate_limited', message: 'too many sign-in attempts: wait a few minutes and try again' } };
    if (req.path === '/signin')
      res
        .status(429)
        .type('html')
        .send(signInPage(formFields(req.body).next, body.error.message));
    else res.status(429).json(body);
  };
  const common = { windowMs: WINDOW_MS, standardHeaders: 'draft-8' as const, legacyHeaders: false, handler: answer };
  const byAddress = { ...common, limit: 100, keyGenerator: (req: Request) => ipKeyGenerator(req.ip ?? '') };
  // A person who gets in is not held to the tries it took: only failures count against the name.
  const byUser = {
    ...common,
    limit: 10,
    skipSuccessfulRequests: true,
    keyGenerator: (req: Request) => `${ipKeyGenerator(req.ip ?? '')}:${formFields(req.body).user.toLowerCase()}`,
  };
  const stored = {
    passOnStoreError: true,
    logger: {
      error: (error: unknown) => log.warn({ err: error }, 'could not count a sign-in attempt in the store; this instance counts alone until it can'),
      warn: (warning: unknown) => log.warn({ err: warning }, 'sign-in rate limit'),
    },
  };
  return [
    rateLimit({ ...byAddress, ...stored, store: new StoredAttempts(store, 'signin-address:', now) }),
    rateLimit({ ...byUser, ...stored, store: new StoredAttempts(store, 'signin-user:', now) }),
    rateLimit(byAddress),
    rateLimit(byUser),
  ];
}

/**
 * Signing in and out. `GET /api/session` says who one is and how one may sign in;
 * `POST /api/session` (JSON) and `POST /signin` (the page's form) sign in with a
 * password, rate-limited; `DELETE /api/session` and `POST /signout` sign out.
 */
export function sessionRoutes({ gate, store, access, log, now = Date.now }: SessionDeps): Router {
  const router = Router();
  const limited = limits(store, log, now);
  const form = express.urlencoded({ extended: false, limit: '8kb', parameterLimit: 10 });

  const describe = async (req: Request, res: Response): Promise<SessionResponse> => {
    const identity = await gate.identify(req);
    res.locals.identity = identity;
    const config = access();
    return {
      board: config.board,
      signIn: { password: config.users.length > 0, proxy: config.proxy !== undefined },
      actingOpen: gate.actingIsOpen,
      who: whoOf(identity.principal),
      csrfToken: gate.csrfToken(identity.principal),
    };
  };

  const signIn = async (req: Request, res: Response, user: string, password: string): Promise<boolean> => {
    const found = access().users.find((u) => u.id === user);
    if (!(await passwordMatches(password, found?.passwordHash)) || !found) return false;
    const secret = newSecret('session');
    const at = now();
    const ttl = access().sessionTtl;
    const hash = hashSecret(secret);
    await store.saveSession({ hash, userId: found.id, createdAt: at, expiresAt: at + ttl });
    const lasting = { maxAgeS: Math.floor(ttl / 1000), secure: req.secure };
    res.append('Set-Cookie', cookie(SESSION_COOKIE, secret, lasting));
    const csrf = gate.csrfToken({ kind: 'person', id: found.id, name: found.id, role: found.role, via: 'password', sessionHash: hash });
    if (csrf) res.append('Set-Cookie', cookie(CSRF_COOKIE, csrf, { ...lasting, readable: true }));
    return true;
  };

  const signOut = async (req: Request, res: Response) => {
    const secret = cookiesOf(req)[SESSION_COOKIE];
    if (secret && secretKind(secret) === 'session') await store.deleteSession(hashSecret(secret));
    res.append('Set-Cookie', clearCookie(SESSION_COOKIE, req.secure));
    res.append('Set-Cookie', clearCookie(CSRF_COOKIE, req.secure));
  };

  router.get('/api/session', async (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.json(await describe(req, res));
  });
  router.post('/api/session', ...limited, async (req, res) => {
    const parsed = credentials.safeParse(req.body);
    if (!parsed.success) throw badRequest('send { "user": "…", "password": "…" }');
    if (!(await signIn(req, res, parsed.data.user, parsed.data.password))) {
      res.status(401).json({ error: { code: 'bad_credentials', message: 'wrong user or password' } });
      return;
    }
    res.setHeader('Cache-Control', 'no-store');
    // The cookies just set are the next request's: who this is now, from them.
    req.headers.cookie = (res.getHeader('Set-Cookie') as string[]).map((c) => c.split(';')[0]).join('; ');
    res.json(await describe(req, res));
  });
  router.delete('/api/session', async (req, res) => {
    // Signing out needs the CSRF token too, or another site could sign a person out.
    const identity = await gate.identify(req);
    if (identity.viaBrowser && identity.principal.kind === 'person' && !gate.csrfMatches(identity.principal, req.get(CSRF_HEADER))) {
      res.status(403).json({ error: { code: 'csrf', message: 'the request did not carry the page’s CSRF token' } });
      return;
    }
    await signOut(req, res);
    res.status(204).end();
  });
  router.all('/api/session', methodNotAllowed(['GET', 'POST', 'DELETE']));

  router.get('/signin', (req, res) => {
    res.setHeader('Cache-Control', 'no-store');
    res.type('html').send(signInPage(safeNext(req.query.next)));
  });
  router.post('/signin', form, sameOrigin, ...limited, async (req, res) => {
    const { user, password, next } = formFields(req.body);
    if (!user || !password || !(await signIn(req, res, user, password))) {
      res.status(401).type('html').send(signInPage(next, 'Wrong user or password.'));
      return;
    }
    res.redirect(303, next);
  });
  router.post('/signout', form, sameOrigin, async (req, res) => {
    await signOut(req, res);
    res.redirect(303, '/');
  });
  router.all('/signin', methodNotAllowed(['GET', 'POST']));
  router.all('/signout', methodNotAllowed(['POST']));
  return router;
}

/**
 * A form posted from another site is refused: browsers say where a post comes from
 * (`Sec-Fetch-Site`, `Origin`), and a sign-in form is only ever posted from this one.
 */
function sameOrigin(req: Request, res: Response, next: () => void): void {
  const site = req.get('sec-fetch-site');
  const origin = req.get('origin');
  const own = `${req.protocol}://${req.get('host')}`;
  if ((site && site !== 'same-origin' && site !== 'none') || (origin && origin !== 'null' && origin !== own)) {
    res.status(403).json({ error: { code: 'csrf', message: 'a sign-in form may only be posted from this board' } });
    return;
  }
  next();
}

function whoOf(principal: Principal): SessionResponse['who'] {
  const level = levelOf(principal);
  if (principal.kind === 'anonymous' || level === null) return null;
  return { kind: principal.kind, name: principal.name, level, via: principal.kind === 'person' ? principal.via : 'token' };
}
