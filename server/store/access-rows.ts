/** Tokens and sessions as rows, the same for every SQL backend. Pure. */
import type { StoredAccessToken, StoredSession } from '../access/model';

/** A row of `access_tokens`. */
export interface TokenRow {
  id: string;
  kind: StoredAccessToken['kind'];
  name: string;
  scope: StoredAccessToken['scope'];
  hash: string;
  created_at: number;
  created_by: string;
  last_used_at: number | null;
  revoked_at: number | null;
}

/** A row of `sessions`. */
export interface SessionRow {
  hash: string;
  user_id: string;
  created_at: number;
  expires_at: number;
}

export const tokenFromRow = (r: TokenRow): StoredAccessToken => ({
  id: r.id,
  kind: r.kind,
  name: r.name,
  scope: r.scope,
  hash: r.hash,
  createdAt: r.created_at,
  createdBy: r.created_by,
  lastUsedAt: r.last_used_at,
  revokedAt: r.revoked_at,
});

export const sessionFromRow = (r: SessionRow): StoredSession => ({ hash: r.hash, userId: r.user_id, createdAt: r.created_at, expiresAt: r.expires_at });
