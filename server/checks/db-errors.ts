import { describeNetworkError } from './net-errors';
import { formatMs } from './runner';

/** How far a run got when it failed: reaching the server, or its query/command. */
export type Stage = 'connect' | 'query' | 'command';

/** The protocol a check expects the server to speak, as people name it. */
export type Protocol = 'PostgreSQL' | 'MySQL' | 'Redis';

/** The server sent bytes that cannot be its protocol: an HTTP server, SSH, another database on that port. */
export class WrongProtocolError extends Error {
  override readonly name = 'WrongProtocolError';

  constructor(readonly protocol: Protocol) {
    super(`the server did not answer with the ${protocol} protocol`);
  }
}

const PREFIX: Record<Stage, string> = { connect: '', query: 'query failed: ', command: 'command failed: ' };

const NETWORK_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH', 'EPIPE']);
const MAX_MESSAGE = 200;

interface DriverError {
  code?: unknown;
  message?: unknown;
}

// Drivers say "timed out" in their own words; the person reads the runner's.
function isTimeout(code: string, message: string): boolean {
  return code === 'ETIMEDOUT' || /^timeout expired$|connection timeout|Query read timeout/i.test(message);
}

// What the drivers say when bytes they read make no sense: ioredis and pg-protocol name the
// odd byte; mysql2 takes a length out of them and reads past the end of its buffer.
function isGarbledReply(code: string, message: string): boolean {
  return (
    code === 'ERR_OUT_OF_RANGE' ||
    code === 'ERR_BUFFER_OUT_OF_BOUNDS' ||
    /^Protocol error, got .* as reply type byte|^received invalid response: /.test(message)
  );
}

function isClosedByServer(code: string, message: string): boolean {
  return code === 'PROTOCOL_CONNECTION_LOST' || /^Connection terminated unexpectedly$|^Connection is closed\.?$/i.test(message);
}

/** The server's own words, made short: MySQL's syntax-error boilerplate trimmed, one line, clipped. */
function serverWords(message: string): string {
  const text = message
    .replace(
      /You have an error in your SQL syntax; check the manual that corresponds to your .+? server version for the right syntax to use near/,
      'syntax error near',
    )
    .replace(/\s+/g, ' ')
    .trim();
  return text.length > MAX_MESSAGE ? `${text.slice(0, MAX_MESSAGE)}…` : text;
}

/**
 * Turns a database driver's error (pg, mysql2, ioredis) into the line a person reads:
 * "connection refused", `database "nope" does not exist`, "query failed: syntax error…",
 * "the server did not answer with the MySQL protocol" (`protocol` names what was expected).
 * Messages come from the server or the driver and hold no password: servers name the
 * user, never the secret, and the runner masks the URL's password besides.
 */
export function describeDbError(error: unknown, stage: Stage, timeoutMs: number, protocol: Protocol): string {
  if (error instanceof WrongProtocolError) return error.message;
  const err = (error ?? {}) as DriverError;
  const code = typeof err.code === 'string' ? err.code : '';
  const message = typeof err.message === 'string' ? err.message : String(error);
  if (isTimeout(code, message)) return `timed out after ${formatMs(timeoutMs)}`;
  if (isGarbledReply(code, message)) return new WrongProtocolError(protocol).message;
  if (NETWORK_CODES.has(code)) return describeNetworkError(error);
  if (isClosedByServer(code, message)) return 'connection closed by the server';
  if (/client password must be a string/.test(message)) return 'the server asks for a password and the URL has none';
  if (/^NOAUTH\b/.test(message)) return 'the server asks for a password and the URL has none';
  return `${PREFIX[stage]}${serverWords(message)}`;
}
