import type { SocketRefusal } from '../../shared/events';

const REFUSAL_CODES: ReadonlySet<string> = new Set<SocketRefusal['code']>(['unauthorized', 'token_revoked', 'origin']);

/** The server's refusal carried by a socket's `connect_error`, or null for a server that could not be reached. */
export function refusalOf(error: Error): SocketRefusal['code'] | null {
  const code: unknown = (error as Error & { data?: { code?: unknown } }).data?.code;
  return typeof code === 'string' && REFUSAL_CODES.has(code) ? (code as SocketRefusal['code']) : null;
}
