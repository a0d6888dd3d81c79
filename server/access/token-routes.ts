import { Router } from 'express';
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import type { AccessTokensResponse, AccessTokenView, CreatedTokenResponse } from '../../shared/api';
import { badRequest, notFound } from '../errors';
import { methodNotAllowed } from '../http/error-handler';
import type { Store } from '../store/store';
import { principalOf } from './guard';
import { LEVELS, type Principal, type StoredAccessToken } from './model';
import { hashSecret, newSecret } from './secrets';

const newToken = z.discriminatedUnion(
  'kind',
  [
    z.strictObject({ kind: z.literal('board'), name: z.string().trim().min(1).max(100) }),
    z.strictObject({ kind: z.literal('api'), name: z.string().trim().min(1).max(100), scope: z.enum(LEVELS) }),
  ],
  { error: 'send { "kind": "board", "name": "…" } or { "kind": "api", "name": "…", "scope": "read" | "respond" | "admin" }' },
);

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

export const tokenView = (t: StoredAccessToken): AccessTokenView => ({
  id: t.id,
  kind: t.kind,
  name: t.name,
  scope: t.scope,
  createdAt: iso(t.createdAt)!,
  createdBy: t.createdBy,
  lastUsedAt: iso(t.lastUsedAt),
  revokedAt: iso(t.revokedAt),
});

const byWhom = (principal: Principal) => (principal.kind === 'person' ? principal.id : principal.kind === 'api' ? `api:${principal.name}` : 'unknown');

export interface TokenRouteDeps {
  store: Store;
  /** `paging.boardUrl`, for a board token's link; undefined when not set. */
  boardUrl: () => string | undefined;
  /** Called when a token is revoked: its screens are told and let go at once. */
  onRevoked: (tokenId: string) => void;
  now?: () => number;
}

/**
 * Board and API tokens, for an admin (the guard sees to that, rules.ts): made with a
 * name, listed with their last use, revoked. Only a hash of each is kept; its value is
 * in the answer that makes it, and nowhere else.
 */
export function tokenRoutes({ store, boardUrl, onRevoked, now = Date.now }: TokenRouteDeps): Router {
  const router = Router();
  router.get('/admin/tokens', async (_req, res) => {
    const body: AccessTokensResponse = { tokens: (await store.accessTokens()).map(tokenView) };
    res.setHeader('Cache-Control', 'no-store');
    res.json(body);
  });
  router.post('/admin/tokens', async (req, res) => {
    const parsed = newToken.safeParse(req.body);
    if (!parsed.success) throw badRequest(parsed.error.issues[0]?.message ?? 'malformed token request');
    const kind = parsed.data.kind;
    const secret = newSecret(kind);
    const token: StoredAccessToken = {
      id: randomUUID(),
      kind,
      name: parsed.data.name,
      scope: parsed.data.kind === 'api' ? parsed.data.scope : 'read',
      hash: hashSecret(secret),
      createdAt: now(),
      createdBy: byWhom(principalOf(res)),
      lastUsedAt: null,
      revokedAt: null,
    };
    await store.saveAccessToken(token);
    const body: CreatedTokenResponse = {
      token: tokenView(token),
      secret,
      boardLink: kind === 'board' ? `${boardUrl() ?? ''}/?token=${secret}` : null,
    };
    res.setHeader('Cache-Control', 'no-store');
    res.status(201).json(body);
  });
  router.delete('/admin/tokens/:id', async (req, res) => {
    const id = req.params.id;
    await store.revokeAccessToken(id, now());
    const token = (await store.accessTokens()).find((t) => t.id === id);
    if (!token) throw notFound(`token "${id}"`);
    onRevoked(id);
    res.json({ token: tokenView(token) });
  });
  router.all('/admin/tokens', methodNotAllowed(['GET', 'POST']));
  router.all('/admin/tokens/:id', methodNotAllowed(['DELETE']));
  return router;
}
