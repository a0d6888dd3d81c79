import type Database from 'better-sqlite3';
import type { StoredAccessToken, StoredSession } from '../access/model';
import { sessionFromRow, tokenFromRow, type SessionRow, type TokenRow } from './access-rows';

/** Board and API tokens, and the sessions of people signed in: only hashes of their secrets. */
export const ACCESS_MIGRATION = `
  CREATE TABLE access_tokens (
    id TEXT PRIMARY KEY,
    kind TEXT NOT NULL,
    name TEXT NOT NULL,
    scope TEXT NOT NULL,
    hash TEXT NOT NULL UNIQUE,
    created_at INTEGER NOT NULL,
    created_by TEXT NOT NULL,
    last_used_at INTEGER,
    revoked_at INTEGER
  );
  CREATE TABLE sessions (
    hash TEXT PRIMARY KEY,
    user_id TEXT NOT NULL,
    created_at INTEGER NOT NULL,
    expires_at INTEGER NOT NULL
  );
  CREATE INDEX sessions_by_expiry ON sessions (expires_at);
`;

/** Sign-in attempts counted per address (and per user), in windows that end at `reset_at`. */
export const ATTEMPTS_MIGRATION = `
  CREATE TABLE attempts (
    key TEXT PRIMARY KEY,
    hits INTEGER NOT NULL,
    reset_at INTEGER NOT NULL
  );
  CREATE INDEX attempts_by_reset ON attempts (reset_at);
`;

/** The prepared statements of tokens, sessions and attempts; made once the schema is migrated. */
export function prepareAccessStatements(db: Database.Database) {
  const statements = {
    insertToken: db.prepare(`INSERT INTO access_tokens (id, kind, name, scope, hash, created_at, created_by, last_used_at, revoked_at)
      VALUES (@id, @kind, @name, @scope, @hash, @createdAt, @createdBy, @lastUsedAt, @revokedAt)`),
    tokenByHash: db.prepare('SELECT * FROM access_tokens WHERE hash = ?'),
    tokens: db.prepare('SELECT * FROM access_tokens ORDER BY created_at DESC, id'),
    // The first revocation counts: revoking again changes nothing.
    revokeToken: db.prepare('UPDATE access_tokens SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL'),
    touchToken: db.prepare('UPDATE access_tokens SET last_used_at = ? WHERE id = ? AND (last_used_at IS NULL OR last_used_at < ?)'),
    insertSession: db.prepare('INSERT INTO sessions (hash, user_id, created_at, expires_at) VALUES (@hash, @userId, @createdAt, @expiresAt)'),
    sessionByHash: db.prepare('SELECT * FROM sessions WHERE hash = ? AND expires_at > ?'),
    deleteSession: db.prepare('DELETE FROM sessions WHERE hash = ?'),
    pruneSessions: db.prepare('DELETE FROM sessions WHERE expires_at <= ?'),
    // A window that has ended starts again from this count; the row is never below 0.
    countAttempt: db.prepare(`INSERT INTO attempts (key, hits, reset_at) VALUES (@key, max(@by, 0), @at + @windowMs)
      ON CONFLICT (key) DO UPDATE SET
        hits = CASE WHEN reset_at <= @at THEN max(@by, 0) ELSE max(hits + @by, 0) END,
        reset_at = CASE WHEN reset_at <= @at THEN @at + @windowMs ELSE reset_at END
      RETURNING hits, reset_at AS resetAt`),
    forgetAttempts: db.prepare('DELETE FROM attempts WHERE key = ?'),
    pruneAttempts: db.prepare('DELETE FROM attempts WHERE reset_at <= ?'),
  };
  return {
    saveAccessToken: (token: StoredAccessToken) => void statements.insertToken.run(token),
    accessTokenByHash: (hash: string) => {
      const row = statements.tokenByHash.get(hash) as TokenRow | undefined;
      return row ? tokenFromRow(row) : null;
    },
    accessTokens: () => (statements.tokens.all() as TokenRow[]).map(tokenFromRow),
    revokeAccessToken: (id: string, at: number) => statements.revokeToken.run(at, id).changes === 1,
    touchAccessToken: (id: string, at: number) => void statements.touchToken.run(at, id, at),
    saveSession: (session: StoredSession) => void statements.insertSession.run(session),
    session: (hash: string, now: number) => {
      const row = statements.sessionByHash.get(hash, now) as SessionRow | undefined;
      return row ? sessionFromRow(row) : null;
    },
    deleteSession: (hash: string) => void statements.deleteSession.run(hash),
    pruneSessions: (before: number) => statements.pruneSessions.run(before).changes,
    countAttempt: (key: string, by: 1 | -1, at: number, windowMs: number) =>
      statements.countAttempt.get({ key, by, at, windowMs }) as { hits: number; resetAt: number },
    forgetAttempts: (key: string) => void statements.forgetAttempts.run(key),
    pruneAttempts: (before: number) => statements.pruneAttempts.run(before).changes,
  };
}
