/**
 * Who may do what. Three levels, each including the ones before it: `read` (watch the
 * board), `respond` (acknowledge, maintenance, overrides), `admin` (board and API tokens).
 */
export const LEVELS = ['read', 'respond', 'admin'] as const;
export type Level = (typeof LEVELS)[number];

/** A person's role: what they may do once signed in. */
export const ROLES = ['viewer', 'responder', 'admin'] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_LEVEL: Record<Role, Level> = { viewer: 'read', responder: 'respond', admin: 'admin' };

/** Whether `has` covers `needs`. */
export const covers = (has: Level, needs: Level): boolean => LEVELS.indexOf(has) >= LEVELS.indexOf(needs);

/**
 * A secret that grants access without a person: a board token (a wall screen; read only)
 * or an API token (a script; read, respond or admin). Kept by the hash of its value only.
 */
export interface StoredAccessToken {
  id: string;
  kind: 'board' | 'api';
  name: string;
  /** What it may do: always `read` for a board token. */
  scope: Level;
  /** SHA-256 of the token, hex. */
  hash: string;
  createdAt: number;
  /** Who made it (a person's id, or an API token's name). */
  createdBy: string;
  lastUsedAt: number | null;
  revokedAt: number | null;
}

/** A person signed in with a password: the cookie holds the session's secret, the store its hash. */
export interface StoredSession {
  /** SHA-256 of the cookie's value, hex. */
  hash: string;
  userId: string;
  createdAt: number;
  expiresAt: number;
}

/** Who a request comes from, once its credentials are read. */
export type Principal =
  | { kind: 'anonymous' }
  | { kind: 'board'; tokenId: string; name: string }
  | { kind: 'api'; tokenId: string; name: string; scope: Level }
  | { kind: 'person'; id: string; name: string; role: Role; via: 'password' | 'proxy'; sessionHash?: string };

/** What a principal may do; anonymous may do nothing by itself (the mode may open reading). */
export function levelOf(principal: Principal): Level | null {
  switch (principal.kind) {
    case 'anonymous':
      return null;
    case 'board':
      return 'read';
    case 'api':
      return principal.scope;
    case 'person':
      return ROLE_LEVEL[principal.role];
  }
}
