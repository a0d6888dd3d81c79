import { errorCode } from './store-errors';

/** What `writeProblem()` says while results are held in memory: the same text throughout, so boards announce it once. */
export const UNREACHABLE_REASON = 'PostgreSQL is unreachable; results are held in memory and written when it is back';

// Socket and DNS failures: the server cannot be reached, whatever it would answer.
const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'ENETDOWN', 'EAI_AGAIN']);
// SQLSTATEs of a server that is going away or not yet there: class 08 (connection
// exception), shutdowns (57P01–57P03) and a full house (53300).
const UNAVAILABLE_STATES = /^(08...|57P0[123]|53300)$/;
// node-postgres reports a lost, timed-out or silent connection by message only.
const LOST_CONNECTION = /Connection terminated|connection timeout|timeout exceeded when trying to connect|Query read timeout|not queryable|Client was closed/i;

/**
 * Whether a failed query failed because PostgreSQL could not be reached (refused,
 * reset, cut, timed out, shutting down), rather than because of what was asked (a
 * constraint, bad SQL, a full disk). Only the first is worth holding writes for. Pure.
 */
export function isUnreachable(error: unknown): boolean {
  if (error instanceof AggregateError && error.errors.some(isUnreachable)) return true;
  const code = errorCode(error);
  if (code !== undefined && (NETWORK_CODES.has(code) || UNAVAILABLE_STATES.test(code))) return true;
  return error instanceof Error && LOST_CONNECTION.test(error.message);
}

// Causes by code, in words a person who runs the database can act on.
const CAUSES: Record<string, string> = {
  ECONNREFUSED: 'connection refused: is PostgreSQL running there?',
  ECONNRESET: 'the connection was reset',
  ETIMEDOUT: 'the connection timed out',
  ENOTFOUND: 'the host name is not known',
  EAI_AGAIN: 'the host name could not be looked up',
  EHOSTUNREACH: 'the host is unreachable',
  ENETUNREACH: 'the network is unreachable',
  '28P01': 'the password was refused',
  '28000': 'the server refused this user or address (pg_hba.conf)',
  '3D000': 'the database does not exist',
  '42501': 'permission denied',
  '53100': "the database server's disk is full",
  '53300': 'the server has no connection left',
  '57P01': 'the server is shutting down',
  '57P03': 'the server is starting up',
  '25006': 'the server is read-only (a standby?)',
};

/**
 * Why a PostgreSQL call failed, in a few words with the code: "connection refused: is
 * PostgreSQL running there? (ECONNREFUSED)". A password the URL held is never repeated. Pure.
 */
export function postgresErrorCause(error: unknown, password: string | null = null): string {
  const inner = error instanceof AggregateError ? (error.errors[0] as unknown) : error;
  const code = errorCode(inner) ?? errorCode(error);
  const known = code === undefined ? undefined : CAUSES[code];
  const message = inner instanceof Error ? inner.message : String(inner);
  const text = known ? `${known} (${code})` : message || code || 'unknown error';
  return password ? text.split(password).join('***') : text;
}
