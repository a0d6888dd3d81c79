import { queryOptions } from '@tanstack/react-query';
import type { SessionResponse } from '../../shared/api';
import { getJson } from './http';

/** The cache key of who this browser is, invalidated when an answer says it may not do something. */
export const SESSION_KEY = ['session'] as const;

/**
 * `GET /api/session`: how this board is guarded, how a person signs in, and who this
 * browser is. It changes only when someone signs in or out (a page load), so it is
 * asked again now and then rather than kept live.
 */
export function sessionQuery() {
  return queryOptions({
    queryKey: SESSION_KEY,
    queryFn: ({ signal }) => getJson<SessionResponse>('/api/session', signal),
    staleTime: 30_000,
  });
}

/** The server's sign-in page, coming back to `next` (a path of this board) once signed in. */
export function signInPath(next: string): string {
  return `/signin?next=${encodeURIComponent(next)}`;
}
