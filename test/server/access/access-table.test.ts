import type { Express } from 'express';
import { io as connect } from 'socket.io-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CreatedTokenResponse } from '../../../shared/api';
import type { SocketRefusal } from '../../../shared/events';
import { ACCESS_RULES, needFor, ruleFor } from '../../../server/access/rules';
import { startBoard, type RunningBoard } from '../../helpers/board';
import { signIn, usersYaml, type SignedIn } from './access-helpers';

interface Layer {
  rawPath?: string;
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: Layer[] };
}

/** Every route the app answers, as method and path, found by walking its routers. */
function routesOf(app: Express): Array<{ method: string; path: string }> {
  const found: Array<{ method: string; path: string }> = [];
  const walk = (stack: Layer[], prefix: string) => {
    for (const layer of stack) {
      if (layer.route) {
        for (const path of [layer.route.path].flat()) {
          for (const method of Object.keys(layer.route.methods))
            found.push({ method: method === '_all' ? 'ALL' : method.toUpperCase(), path: `${prefix}${path}` });
        }
      } else if (layer.handle?.stack) {
        walk(layer.handle.stack, `${prefix}${layer.rawPath === '/' || layer.rawPath === undefined ? '' : layer.rawPath}`);
      }
    }
  };
  walk((app as unknown as { router: { stack: Layer[] } }).router.stack, '');
  return found;
}

/** A path of the route with every parameter given a value. */
const concrete = (path: string) => path.replace(/:(\w+)/g, (_, name: string) => (name === 'id' ? 'checkout' : `some-${name}`)).replace(/\{?\/\*\w+\}?/g, '/x');

const CHANGES = ['POST', 'PUT', 'PATCH', 'DELETE'] as const;

/**
 * One test of the whole access table: every route the server has must have a rule, and
 * every rule is tried without a token, with a wrong token, with a revoked one, and with a
 * token one level too low. A route added without a rule fails the first test.
 */
describe('access, route by route', () => {
  let board: RunningBoard;
  let admin: SignedIn;
  const tokens: Record<'read' | 'respond' | 'revoked', string> = { read: '', respond: '', revoked: '' };

  beforeAll(async () => {
    board = await startBoard(`access:\n  board: token\n${await usersYaml()}services:\n  - { id: checkout, name: Checkout }\n`, { demo: true });
    admin = await signIn(board.url, 'ada');
    const make = async (scope: string) => {
      const response = await fetch(`${board.url}/api/admin/tokens`, {
        method: 'POST',
        headers: admin.changing,
        body: JSON.stringify({ kind: 'api', name: scope, scope }),
      });
      return (await response.json()) as CreatedTokenResponse;
    };
    tokens.read = (await make('read')).secret;
    tokens.respond = (await make('respond')).secret;
    const revoked = await make('admin');
    await fetch(`${board.url}/api/admin/tokens/${revoked.token.id}`, { method: 'DELETE', headers: admin.changing });
    tokens.revoked = revoked.secret;
  });
  afterAll(() => board?.close());

  it('every route the server answers has a rule', () => {
    const routes = routesOf(board.app.httpApp);
    expect(routes.length).toBeGreaterThan(30);
    const missing = routes.filter((r) => ruleFor(concrete(r.path)) === undefined).map((r) => `${r.method} ${r.path}`);
    expect(missing).toEqual([]);
  });

  it('every rule names a route the server has', () => {
    const paths = new Set(routesOf(board.app.httpApp).map((r) => concrete(r.path)));
    // The board's pages and files are served by path, not by route.
    const served = ['/', '/services/:id', '/standup', '/admin', '/assets/*file', '/sw.js'];
    const unused = ACCESS_RULES.filter((rule) => !served.includes(rule.path) && ![...paths].some((path) => ruleFor(path) === rule)).map((rule) => rule.path);
    expect(unused).toEqual([]);
  });

  const tries = ACCESS_RULES.flatMap((rule) => {
    const methods = rule.change
      ? (['GET', 'POST', 'DELETE'] as const)
      : rule.need === 'respond' || rule.need === 'admin'
        ? (['GET', ...CHANGES] as const)
        : (['GET'] as const);
    return methods.map((method) => ({ path: concrete(rule.path), method, need: needFor(method, concrete(rule.path)) }));
  });
  const guarded = tries.filter((t) => t.need !== 'open');

  it.each(guarded)('$method $path ($need) without a token: 401', async ({ path, method }) => {
    expect((await fetch(`${board.url}${path}`, { method })).status).toBe(401);
  });

  it.each(guarded)('$method $path ($need) with a wrong token: 401', async ({ path, method }) => {
    const response = await fetch(`${board.url}${path}`, { method, headers: { authorization: 'Bearer gba_wrongwrongwrongwrongwrongwrongwrongwrongwro' } });
    expect(response.status).toBe(401);
  });

  it.each(guarded)('$method $path ($need) with a revoked token: 403 token_revoked', async ({ path, method }) => {
    const response = await fetch(`${board.url}${path}`, { method, headers: { authorization: `Bearer ${tokens.revoked}` } });
    expect(response.status).toBe(403);
    // A page says it in words, full screen; the API in its error shape.
    if (response.headers.get('content-type')?.startsWith('text/html')) expect(await response.text()).toContain('data-access="revoked"');
    else expect(((await response.json()) as { error: { code: string } }).error.code).toBe('token_revoked');
  });

  it.each(guarded.filter((t) => t.need === 'respond' || t.need === 'admin'))(
    '$method $path ($need) with a token one level too low: 403',
    async ({ path, method, need }) => {
      const tooLow = need === 'respond' ? tokens.read : tokens.respond;
      const response = await fetch(`${board.url}${path}`, {
        method,
        headers: { authorization: `Bearer ${tooLow}`, 'content-type': 'application/json' },
        body: method === 'GET' ? undefined : '{}',
      });
      expect(response.status).toBe(403);
      expect(((await response.json()) as { error: { code: string } }).error.code).toBe('forbidden');
    },
  );

  it.each(guarded.filter((t) => t.need === 'read'))('$method $path (read) with a read token: past the guard', async ({ path, method }) => {
    const response = await fetch(`${board.url}${path}`, { method, headers: { authorization: `Bearer ${tokens.read}` } });
    expect([401, 403]).not.toContain(response.status);
  });

  it.each([
    { name: 'no token', auth: undefined, code: 'unauthorized' },
    { name: 'a wrong token', auth: { token: 'gba_wrongwrongwrongwrongwrongwrongwrongwrongwro' }, code: 'unauthorized' },
    { name: 'a revoked token', auth: 'revoked' as const, code: 'token_revoked' },
  ])('a socket with $name is refused before any event reaches the server', async ({ auth, code }) => {
    const socket = connect(board.url, {
      transports: ['websocket'],
      auth: auth === 'revoked' ? { token: tokens.revoked } : auth,
      reconnection: false,
      forceNew: true,
    });
    try {
      const refusal = await new Promise<SocketRefusal | 'connected'>((resolve) => {
        socket.on('connect', () => resolve('connected'));
        socket.on('connect_error', (error) => resolve((error as Error & { data: SocketRefusal }).data));
      });
      expect(refusal).toMatchObject({ code });
    } finally {
      socket.close();
    }
  });
});
