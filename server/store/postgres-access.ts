import type { StoredAccessToken, StoredSession } from '../access/model';
import type { AttemptCount } from './store';
import { sessionFromRow, tokenFromRow, type SessionRow, type TokenRow } from './access-rows';
import type { Sql } from './postgres-pool';

/** Keeps a new token; a second with the same hash is refused (unique). */
export async function saveAccessToken(sql: Sql, t: StoredAccessToken): Promise<void> {
  await sql.query(
    `INSERT INTO access_tokens (id, kind, name, scope, hash, created_at, created_by, last_used_at, revoked_at)
     VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
    [t.id, t.kind, t.name, t.scope, t.hash, t.createdAt, t.createdBy, t.lastUsedAt, t.revokedAt],
  );
}

export async function accessTokenByHash(sql: Sql, hash: string): Promise<StoredAccessToken | null> {
  const { rows } = await sql.query<TokenRow>('SELECT * FROM access_tokens WHERE hash = $1', [hash]);
  return rows[0] ? tokenFromRow(rows[0]) : null;
}

/** Every token, newest first. */
export async function accessTokens(sql: Sql): Promise<StoredAccessToken[]> {
  const { rows } = await sql.query<TokenRow>('SELECT * FROM access_tokens ORDER BY created_at DESC, id');
  return rows.map(tokenFromRow);
}

/** The first revocation counts: revoking again changes nothing and says so. */
export async function revokeAccessToken(sql: Sql, id: string, at: number): Promise<boolean> {
  const { rowCount } = await sql.query('UPDATE access_tokens SET revoked_at = $1 WHERE id = $2 AND revoked_at IS NULL', [at, id]);
  return rowCount === 1;
}

/** Records a use, only if later than the last: uses may arrive out of order, from several instances. */
export async function touchAccessToken(sql: Sql, id: string, at: number): Promise<void> {
  await sql.query('UPDATE access_tokens SET last_used_at = $1 WHERE id = $2 AND (last_used_at IS NULL OR last_used_at < $1)', [at, id]);
}

export async function saveSession(sql: Sql, s: StoredSession): Promise<void> {
  await sql.query('INSERT INTO sessions (hash, user_id, created_at, expires_at) VALUES ($1, $2, $3, $4)', [s.hash, s.userId, s.createdAt, s.expiresAt]);
}

/** The session, if it has not expired by `now`. */
export async function sessionByHash(sql: Sql, hash: string, now: number): Promise<StoredSession | null> {
  const { rows } = await sql.query<SessionRow>('SELECT * FROM sessions WHERE hash = $1 AND expires_at > $2', [hash, now]);
  return rows[0] ? sessionFromRow(rows[0]) : null;
}

export async function deleteSession(sql: Sql, hash: string): Promise<void> {
  await sql.query('DELETE FROM sessions WHERE hash = $1', [hash]);
}

/** Forgets the sessions expired by `before`; how many. */
export async function pruneSessions(sql: Sql, before: number): Promise<number> {
  const { rowCount } = await sql.query('DELETE FROM sessions WHERE expires_at <= $1', [before]);
  return rowCount ?? 0;
}

/** Counts `by` against `key`; a window that has ended starts again from this count, never below 0. */
export async function countAttempt(sql: Sql, key: string, by: 1 | -1, at: number, windowMs: number): Promise<AttemptCount> {
  const { rows } = await sql.query<{ hits: number; reset_at: string }>(
    `INSERT INTO attempts AS a (key, hits, reset_at) VALUES ($1, GREATEST($2::int, 0), $3::bigint + $4::bigint)
     ON CONFLICT (key) DO UPDATE SET
       hits = CASE WHEN a.reset_at <= $3 THEN GREATEST($2::int, 0) ELSE GREATEST(a.hits + $2::int, 0) END,
       reset_at = CASE WHEN a.reset_at <= $3 THEN $3::bigint + $4::bigint ELSE a.reset_at END
     RETURNING hits, reset_at`,
    [key, by, at, windowMs],
  );
  return { hits: rows[0]!.hits, resetAt: Number(rows[0]!.reset_at) };
}

export async function forgetAttempts(sql: Sql, key: string): Promise<void> {
  await sql.query('DELETE FROM attempts WHERE key = $1', [key]);
}

/** Forgets the counts whose window ended by `before`; how many. */
export async function pruneAttempts(sql: Sql, before: number): Promise<number> {
  const { rowCount } = await sql.query('DELETE FROM attempts WHERE reset_at <= $1', [before]);
  return rowCount ?? 0;
}
