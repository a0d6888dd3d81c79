import { vi } from 'vitest';
import type { AccessTokenView, CreatedTokenResponse, SessionResponse } from '../../../shared/api';

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

export const ADMIN_SESSION: SessionResponse = {
  board: 'token',
  signIn: { password: true, proxy: false },
  actingOpen: false,
  who: { kind: 'person', name: 'Ada Admin', level: 'admin', via: 'password' },
  csrfToken: 'csrf-of-ada',
};

export function token(overrides: Partial<AccessTokenView> = {}): AccessTokenView {
  return {
    id: 'tok-1',
    kind: 'board',
    name: 'Office TV',
    scope: 'read',
    createdAt: new Date(Date.now() - 3_600_000).toISOString(),
    createdBy: 'ada',
    lastUsedAt: null,
    revokedAt: null,
    ...overrides,
  };
}

/** A request as the fake server took it. */
export interface Taken {
  method: string;
  path: string;
  body: unknown;
  csrf: string | null;
}

/**
 * The token routes of a server, in memory: listing, making (a secret per token) and
 * revoking, for the session given. `fail` answers a method with an error instead.
 */
export function serveTokens(session: SessionResponse, tokens: AccessTokenView[] = [], fail: Record<string, { status: number; message: string }> = {}) {
  const taken: Taken[] = [];
  let made = 0;
  vi.stubGlobal(
    'fetch',
    vi.fn((url: string, init?: RequestInit) => {
      const method = init?.method ?? 'GET';
      const body: unknown = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
      taken.push({ method, path: url, body, csrf: new Headers(init?.headers).get('x-csrf-token') });
      if (url === '/api/session') return Promise.resolve(json(session));
      const failure = url.startsWith('/api/admin/tokens') ? fail[method] : undefined;
      if (failure) return Promise.resolve(json({ error: { code: 'refused', message: failure.message } }, failure.status));
      if (url === '/api/admin/tokens' && method === 'GET') return Promise.resolve(json({ tokens }));
      if (url === '/api/admin/tokens' && method === 'POST') {
        const asked = body as { kind: 'board' | 'api'; name: string; scope?: AccessTokenView['scope'] };
        made += 1;
        const fresh = token({ id: `new-${made}`, kind: asked.kind, name: asked.name, scope: asked.scope ?? 'read', createdAt: new Date().toISOString() });
        tokens.unshift(fresh);
        const secret = `${asked.kind === 'board' ? 'gbb' : 'gba'}_secret-${made}`;
        const answer: CreatedTokenResponse = { token: fresh, secret, boardLink: asked.kind === 'board' ? `/?token=${secret}` : null };
        return Promise.resolve(json(answer, 201));
      }
      const revoking = /^\/api\/admin\/tokens\/([^/]+)$/.exec(url);
      if (revoking && method === 'DELETE') {
        const found = tokens.find((t) => t.id === decodeURIComponent(revoking[1]!));
        if (!found) return Promise.resolve(json({ error: { code: 'not_found', message: 'no such token' } }, 404));
        found.revokedAt = new Date().toISOString();
        return Promise.resolve(json({ token: found }));
      }
      return new Promise<never>(() => {});
    }),
  );
  return { taken, tokens };
}
