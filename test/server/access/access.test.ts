import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AccessTokensResponse, CreatedTokenResponse, IncidentsResponse, SessionResponse } from '../../../shared/api';
import { EVENTS, type SocketRefusal } from '../../../shared/events';
import { startBoard, type RunningBoard } from '../../helpers/board';
import { closedPort } from '../../helpers/targets';
import { waitFor } from '../../helpers/wait';
import { cookieHeader, cookiesFrom, signIn, usersYaml, type SignedIn } from './access-helpers';

/** A socket as a board's page opens it, with these headers; resolves connected or with why it was refused. */
function openSocket(url: string, headers: Record<string, string>, auth?: { token: string }) {
  const socket = connect(url, { transports: ['websocket'], extraHeaders: headers, auth, reconnection: false, forceNew: true });
  const outcome = new Promise<{ connected: true } | { connected: false; refusal: SocketRefusal }>((resolve) => {
    socket.on('connect', () => resolve({ connected: true }));
    socket.on('connect_error', (error) => resolve({ connected: false, refusal: (error as Error & { data: SocketRefusal }).data }));
  });
  return { socket, outcome };
}

describe('a board that needs a token', () => {
  let board: RunningBoard;
  let admin: SignedIn;

  beforeAll(async () => {
    const port = await closedPort();
    // A board page of its own, so pages are served as the built board's would be.
    const clientDir = mkdtempSync(join(tmpdir(), 'gb-access-client-'));
    writeFileSync(join(clientDir, 'index.html'), '<!doctype html><title>Greenboard</title>');
    board = await startBoard(
      `access:
  board: token
${await usersYaml()}
services:
  - id: checkout
    name: Checkout
    checks:
      - { id: health, type: tcp, host: 127.0.0.1, port: ${port}, interval: 1s, failureThreshold: 1 }
`,
      { clientDir },
    );
    admin = await signIn(board.url, 'ada');
  });
  afterAll(() => board?.close());

  const makeToken = async (body: object, as: SignedIn = admin) => {
    const response = await fetch(`${board.url}/api/admin/tokens`, { method: 'POST', headers: as.changing, body: JSON.stringify(body) });
    expect(response.status).toBe(201);
    return (await response.json()) as CreatedTokenResponse;
  };

  it('shows nothing to a request without credentials: 401 from the API, its own page to a browser', async () => {
    const api = await fetch(`${board.url}/api/services`);
    expect(api.status).toBe(401);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe('unauthorized');
    const page = await fetch(`${board.url}/`, { headers: { accept: 'text/html' } });
    expect(page.status).toBe(401);
    const html = await page.text();
    expect(html).toContain('data-access="needed"');
    expect(html).toContain('data-signin-form');
    expect(html).not.toContain('Checkout');
  });

  it('keeps health, push and the sign-in page open', async () => {
    expect((await fetch(`${board.url}/healthz`)).status).toBe(200);
    expect((await fetch(`${board.url}/signin`)).status).toBe(200);
    const session = (await (await fetch(`${board.url}/api/session`)).json()) as SessionResponse;
    expect(session).toMatchObject({ board: 'token', signIn: { password: true, proxy: false }, actingOpen: false, who: null, csrfToken: null });
  });

  it('a wall screen opens its link once: the token becomes a lasting HttpOnly cookie and leaves the address', async () => {
    const { secret, boardLink } = await makeToken({ kind: 'board', name: 'Office TV' });
    expect(boardLink).toBe(`/?token=${secret}`);
    const opened = await fetch(`${board.url}/?kiosk&token=${secret}&team=payments`, { redirect: 'manual' });
    expect(opened.status).toBe(303);
    expect(opened.headers.get('location')).toBe('/?kiosk&team=payments');
    const setCookie = opened.headers.getSetCookie().join('\n');
    expect(setCookie).toMatch(/gb_board=gbb_[\w-]+; Max-Age=34560000; Path=\/; HttpOnly; SameSite=Lax/);
    const jar = cookiesFrom(opened);
    const services = await fetch(`${board.url}/api/services`, { headers: { cookie: cookieHeader(jar) } });
    expect(services.status).toBe(200);
    // Every page load sets it again, so it outlasts any browser's limit while the token lives.
    const page = await fetch(`${board.url}/services/checkout`, { headers: { cookie: cookieHeader(jar) } });
    expect(page.status).toBe(200);
    expect(page.headers.getSetCookie().join('\n')).toContain('gb_board=');
    // A board token may read, and nothing more.
    const incidents = (await (await fetch(`${board.url}/api/incidents`, { headers: { cookie: cookieHeader(jar) } })).json()) as IncidentsResponse;
    const ack = await fetch(`${board.url}/api/incidents/${incidents.incidents[0]?.id ?? 'none'}/ack`, {
      method: 'POST',
      headers: { cookie: cookieHeader(jar), 'content-type': 'application/json' },
      body: '{}',
    });
    expect(ack.status).toBe(403);
  });

  it('a revoked token is refused everywhere at once, and its screen is told so in words', async () => {
    const { token, secret } = await makeToken({ kind: 'board', name: 'Lobby TV' });
    const cookie = `gb_board=${secret}`;
    const live = openSocket(board.url, { cookie });
    expect(await live.outcome).toEqual({ connected: true });
    const told = new Promise<string>((resolve) => live.socket.on(EVENTS.accessRevoked, ({ message }) => resolve(message)));
    const gone = new Promise<void>((resolve) => live.socket.on('disconnect', () => resolve()));

    const revoked = await fetch(`${board.url}/api/admin/tokens/${token.id}`, { method: 'DELETE', headers: admin.changing });
    expect(revoked.status).toBe(200);
    expect(await told).toMatch(/revoked/);
    await gone;

    const api = await fetch(`${board.url}/api/services`, { headers: { cookie } });
    expect(api.status).toBe(403);
    expect(((await api.json()) as { error: { code: string } }).error.code).toBe('token_revoked');
    const page = await fetch(`${board.url}/`, { headers: { cookie } });
    expect(page.status).toBe(403);
    expect(await page.text()).toContain("This screen's access was revoked");
    const link = await fetch(`${board.url}/?token=${secret}`, { redirect: 'manual' });
    expect(link.status).toBe(403);
    expect(await link.text()).toContain('data-access="revoked"');
    const again = openSocket(board.url, { cookie });
    expect(await again.outcome).toMatchObject({ connected: false, refusal: { code: 'token_revoked' } });
    again.socket.close();
    live.socket.close();
  });

  it('a socket needs the same credentials, and only a page of this board may open one', async () => {
    const { secret } = await makeToken({ kind: 'board', name: 'Kitchen TV' });
    const none = openSocket(board.url, {});
    expect(await none.outcome).toMatchObject({ connected: false, refusal: { code: 'unauthorized' } });
    const foreign = openSocket(board.url, { cookie: `gb_board=${secret}`, origin: 'https://evil.example' });
    expect(await foreign.outcome).toMatchObject({ connected: false, refusal: { code: 'origin' } });
    const own = openSocket(board.url, { cookie: `gb_board=${secret}`, origin: board.url });
    expect(await own.outcome).toEqual({ connected: true });
    for (const s of [none, foreign, own]) s.socket.close();
  });

  it('API tokens act within their scope, sent as a bearer header', async () => {
    const read = (await makeToken({ kind: 'api', name: 'dashboard', scope: 'read' })).secret;
    const respond = (await makeToken({ kind: 'api', name: 'chatops', scope: 'respond' })).secret;
    const bearer = (secret: string) => ({ authorization: `Bearer ${secret}`, 'content-type': 'application/json' });
    const incident = await waitFor(async () => {
      const body = (await (await fetch(`${board.url}/api/incidents`, { headers: bearer(read) })).json()) as IncidentsResponse;
      return body.incidents.find((i) => i.status === 'open');
    }, 'an open incident');
    const ackWith = (secret: string) => fetch(`${board.url}/api/incidents/${incident.id}/ack`, { method: 'POST', headers: bearer(secret), body: '{}' });
    expect((await ackWith(read)).status).toBe(403);
    const acked = await ackWith(respond);
    expect(acked.status).toBe(200);
    expect(((await acked.json()) as { acknowledged: { by: string } }).acknowledged.by).toBe('API token "chatops"');
    expect((await fetch(`${board.url}/api/admin/tokens`, { headers: bearer(respond) })).status).toBe(403);
    expect((await fetch(`${board.url}/api/services`, { headers: bearer('gba_not-a-real-token-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa') })).status).toBe(401);
  });

  it('people act by their role, and a change from a browser needs its CSRF token', async () => {
    const viewer = await signIn(board.url, 'vic');
    const responder = await signIn(board.url, 'rita');
    const window = (as: Record<string, string>) =>
      fetch(`${board.url}/api/maintenance`, {
        method: 'POST',
        headers: as,
        body: JSON.stringify({ services: ['checkout'], duration: '1h', reason: 'upgrade' }),
      });
    expect((await fetch(`${board.url}/api/services`, { headers: viewer.headers })).status).toBe(200);
    expect((await window(viewer.changing)).status).toBe(403);
    const withoutCsrf = await window({ ...responder.headers, 'content-type': 'application/json' });
    expect(withoutCsrf.status).toBe(403);
    expect(((await withoutCsrf.json()) as { error: { code: string } }).error.code).toBe('csrf');
    const made = await window(responder.changing);
    expect(made.status).toBe(201);
    expect((await fetch(`${board.url}/api/admin/tokens`, { headers: responder.headers })).status).toBe(403);
    const who = (await (await fetch(`${board.url}/api/session`, { headers: responder.headers })).json()) as SessionResponse;
    expect(who.who).toEqual({ kind: 'person', name: 'rita', level: 'respond', via: 'password' });
  });

  it('lists tokens with their last use, keeps only their hashes, and never shows a value again', async () => {
    const { token, secret } = await makeToken({ kind: 'api', name: 'listed', scope: 'read' });
    await fetch(`${board.url}/api/services`, { headers: { authorization: `Bearer ${secret}` } });
    const listed = await waitFor(async () => {
      const body = (await (await fetch(`${board.url}/api/admin/tokens`, { headers: admin.headers })).json()) as AccessTokensResponse;
      const found = body.tokens.find((t) => t.id === token.id);
      return found?.lastUsedAt ? { body, found } : undefined;
    }, 'the token listed with its last use');
    expect(listed.found).toMatchObject({ kind: 'api', name: 'listed', scope: 'read', createdBy: 'ada', revokedAt: null });
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    expect(readFileSync(board.dbFile).includes(Buffer.from(secret))).toBe(false);
  });

  it('signing out ends the session', async () => {
    const person = await signIn(board.url, 'vic');
    const out = await fetch(`${board.url}/api/session`, { method: 'DELETE', headers: person.changing });
    expect(out.status).toBe(204);
    expect((await fetch(`${board.url}/api/services`, { headers: person.headers })).status).toBe(401);
  });
});

describe('signing in', () => {
  let board: RunningBoard;
  beforeAll(async () => {
    board = await startBoard(`access:\n  board: public\n${await usersYaml()}`);
  });
  afterAll(() => board?.close());

  it('a wrong password or an unknown user is refused alike', async () => {
    for (const [user, password] of [
      ['ada', 'wrong'],
      ['nobody', 'pw-nobody'],
    ]) {
      const response = await fetch(`${board.url}/api/session`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ user, password }),
      });
      expect(response.status).toBe(401);
      expect(await response.json()).toEqual({ error: { code: 'bad_credentials', message: 'wrong user or password' } });
    }
  });

  it('the sign-in form signs in and goes back where it was asked from, on this board only', async () => {
    const form = (next: string, headers: Record<string, string> = {}) =>
      fetch(`${board.url}/signin`, {
        method: 'POST',
        redirect: 'manual',
        headers: { 'content-type': 'application/x-www-form-urlencoded', ...headers },
        body: new URLSearchParams({ user: 'rita', password: 'pw-rita', next }).toString(),
      });
    const ok = await form('/services/checkout');
    expect(ok.status).toBe(303);
    expect(ok.headers.get('location')).toBe('/services/checkout');
    expect(ok.headers.getSetCookie().join('\n')).toMatch(/gb_session=gbs_[\w-]+;.*HttpOnly/);
    expect((await form('https://evil.example/')).headers.get('location')).toBe('/');
    expect((await form('//evil.example/')).headers.get('location')).toBe('/');
    expect((await form('/', { origin: 'https://evil.example' })).status).toBe(403);
  });

  it('is rate-limited: ten wrong passwords for one user, then 429 even with the right one', async () => {
    const attempt = (password: string) =>
      fetch(`${board.url}/api/session`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ user: 'vic', password }) });
    for (let i = 0; i < 10; i++) expect((await attempt('wrong')).status).toBe(401);
    const limited = await attempt('pw-vic');
    expect(limited.status).toBe(429);
    expect(limited.headers.get('ratelimit-policy')).toBeTruthy();
    // Another user from the same address is not locked out by it.
    expect(
      (
        await fetch(`${board.url}/api/session`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ user: 'ada', password: 'pw-ada' }),
        })
      ).status,
    ).toBe(200);
  });

  it('with a way to sign in, a public board still needs a responder to act', async () => {
    const session = (await (await fetch(`${board.url}/api/session`)).json()) as SessionResponse;
    expect(session).toMatchObject({ board: 'public', actingOpen: false });
    expect((await fetch(`${board.url}/api/services`)).status).toBe(200);
    const post = await fetch(`${board.url}/api/maintenance`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"services":[],"duration":"1h"}',
    });
    expect(post.status).toBe(401);
  });
});

describe('a reverse proxy that signs people in', () => {
  const yaml = (from: string) => `access:
  board: token
  proxy:
    from: [${from}]
    roles: { "ada@example.com": admin }
    defaultRole: viewer
`;

  it('is believed from the address the config names: its header says who, the roles map says what', async () => {
    const board = await startBoard(yaml('127.0.0.1'));
    try {
      const as = (headers: Record<string, string>) => fetch(`${board.url}/api/session`, { headers }).then((r) => r.json() as Promise<SessionResponse>);
      expect((await as({ 'x-forwarded-user': 'bob', 'x-forwarded-email': 'bob@example.com' })).who).toEqual({
        kind: 'person',
        name: 'bob',
        level: 'read',
        via: 'proxy',
      });
      expect((await as({ 'x-forwarded-email': 'ada@example.com' })).who).toEqual({ kind: 'person', name: 'ada@example.com', level: 'admin', via: 'proxy' });
      expect((await fetch(`${board.url}/api/admin/tokens`, { headers: { 'x-forwarded-email': 'ada@example.com' } })).status).toBe(200);
    } finally {
      await board.close();
    }
  });

  it('is ignored from anywhere else: the header alone gets nobody in', async () => {
    const board = await startBoard(yaml('10.0.0.0/8'));
    try {
      expect((await fetch(`${board.url}/api/services`, { headers: { 'x-forwarded-user': 'mallory' } })).status).toBe(401);
    } finally {
      await board.close();
    }
  });
});
