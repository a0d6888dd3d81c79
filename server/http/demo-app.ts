import { randomBytes } from 'node:crypto';
import { Router, type Request, type Response } from 'express';
import { badRequest } from '../errors';
import { formBody, hasBody, jsonBody, readBody } from './body-limit';
import { closeAfterAnswer } from './lingering-close';

/** Parts of the demo shop that a test (or the demo's own outage) can break on purpose. */
export type DemoFault = 'login' | 'search' | 'upload';

export interface DemoAppControl {
  /** Faults currently switched on. */
  faults: Set<DemoFault>;
}

const USER = { username: 'demo', password: 'demo-password', name: 'Demo User' };
const MAX_UPLOAD_BYTES = 1024 * 1024;
const MAX_FORM_BYTES = 16 * 1024;
const MAX_SESSIONS = 1_000;

const page = (title: string, body: string) =>
  `<!doctype html><html><head><meta charset="utf-8"><title>${title} · Demo shop</title></head><body><p><em>Greenboard demo shop</em></p><h1>${title}</h1>${body}</body></html>`;

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

/**
 * A tiny shop to log in to, search and upload to, so that scenario and browser checks
 * can behave like a user on a machine with no network. Clearly a demo: every page says so.
 * Sign in with demo / demo-password (form or JSON); a JSON login returns a bearer token.
 */
export function demoApp(control: DemoAppControl = { faults: new Set() }): Router {
  const sessions = new Map<string, string>();
  const router = Router();
  router.use(formBody(MAX_FORM_BYTES), jsonBody(MAX_FORM_BYTES));

  const newSession = () => {
    if (sessions.size >= MAX_SESSIONS) sessions.delete(sessions.keys().next().value!);
    const id = randomBytes(16).toString('hex');
    sessions.set(id, USER.username);
    return id;
  };
  const sessionOf = (req: Request): string | undefined => {
    const bearer = /^Bearer (\w+)$/.exec(req.headers.authorization ?? '')?.[1];
    const cookie = /(?:^|;\s*)shop_session=(\w+)/.exec(req.headers.cookie ?? '')?.[1];
    const id = bearer ?? cookie;
    return id && sessions.has(id) ? id : undefined;
  };
  const requireSession = (req: Request, res: Response): boolean => {
    if (sessionOf(req)) return true;
    // Whatever body came with it is not wanted: close rather than read it off.
    if (hasBody(req)) closeAfterAnswer(req, res);
    res.status(401).type('html').send(page('Please sign in', '<a href="./">Sign in</a>'));
    return false;
  };

  router.get('/', (_req, res) => {
    res.type('html').send(
      page(
        'Sign in',
        `<form id="login" method="post" action="login">
          <label>User <input name="username" autocomplete="username"></label>
          <label>Password <input name="password" type="password" autocomplete="current-password"></label>
          <button type="submit">Sign in</button></form>`,
      ),
    );
  });

  router.post('/login', (req, res) => {
    const { username, password } = (req.body ?? {}) as Record<string, unknown>;
    if (control.faults.has('login')) return void res.status(500).type('html').send(page('Error', '<p>Login is broken</p>'));
    if (username !== USER.username || password !== USER.password) {
      return void res.status(401).type('html').send(page('Sign in failed', '<p>Wrong user or password</p>'));
    }
    const id = newSession();
    res.setHeader('Set-Cookie', `shop_session=${id}; Path=/; HttpOnly; SameSite=Lax`);
    if (req.is('application/json')) return void res.json({ token: id, user: { name: USER.name } });
    res.redirect(303, 'search');
  });

  router.get('/search', (req, res) => {
    if (!requireSession(req, res)) return;
    const q = typeof req.query.q === 'string' ? req.query.q.slice(0, 100) : '';
    const results = control.faults.has('search') || !q ? [] : [`${q} (small)`, `${q} (large)`];
    if (req.accepts(['html', 'json']) === 'json') return void res.json({ query: q, results });
    res.type('html').send(
      page(
        'Search',
        `<p>Signed in as ${USER.name}</p><form id="search" method="get" action="search"><input name="q" value="${escapeHtml(q)}" aria-label="Search"><button type="submit">Search</button></form>
        ${q ? `<ul id="results">${results.map((r) => `<li>${escapeHtml(r)}</li>`).join('')}</ul><p>${results.length} results</p>` : ''}
        <p><a href="upload">Upload a file</a></p>`,
      ),
    );
  });

  router.get('/upload', (req, res) => {
    if (!requireSession(req, res)) return;
    res
      .type('html')
      .send(
        page(
          'Upload',
          '<form id="upload" method="post" action="upload" enctype="multipart/form-data"><input type="file" name="file" aria-label="File"><button type="submit">Upload</button></form>',
        ),
      );
  });

  router.post('/upload', async (req, res) => {
    if (!requireSession(req, res)) return;
    if (control.faults.has('upload')) return void res.status(500).json({ error: { code: 'demo_fault', message: 'storage unavailable' } });
    // Counted as it arrives, so a chunked upload cannot slip past the limit.
    const bytes = await readBody(req, MAX_UPLOAD_BYTES);
    const form = await new Response(bytes, { headers: { 'content-type': req.headers['content-type'] ?? '' } }).formData().catch(() => null);
    const file = form?.get('file');
    if (!file || typeof file === 'string') throw badRequest('no file in field "file"');
    const result = { uploaded: file.name, bytes: file.size };
    if (req.accepts(['html', 'json']) === 'json') return void res.json(result);
    res.type('html').send(page('Uploaded', `<p id="uploaded">Uploaded ${escapeHtml(file.name)} (${file.size} bytes)</p>`));
  });

  router.post('/logout', (req, res) => {
    const id = sessionOf(req);
    if (id) sessions.delete(id);
    res.setHeader('Set-Cookie', 'shop_session=; Path=/; Max-Age=0');
    if (req.accepts(['html', 'json']) === 'json') return void res.json({ signedOut: true });
    res.type('html').send(page('Signed out', '<p>Goodbye</p>'));
  });

  return router;
}
