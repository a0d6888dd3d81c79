import { queryOptions } from '@tanstack/react-query';
import type { AccessLevel, AccessTokensResponse, AccessTokenView, CreatedTokenResponse } from '../../shared/api';
import { OWN_REFUSALS } from '../access/watch-access';
import { deleteJson, getJson, postJson } from '../api/http';

/** The cache key of the token list, asked again after each change. */
export const TOKENS_KEY = ['admin', 'tokens'] as const;

/** `GET /api/admin/tokens`: every board and API token, newest first, revoked ones too. */
export function tokensQuery() {
  return queryOptions({
    queryKey: TOKENS_KEY,
    queryFn: ({ signal }) => getJson<AccessTokensResponse>('/api/admin/tokens', signal),
    // A refusal here means "not an admin", which the page says; not that the screen lost access.
    meta: OWN_REFUSALS,
    retry: false,
  });
}

/** What makes a token: a wall screen's by its name, a script's by its name and what it may do. */
export type NewToken = { kind: 'board'; name: string } | { kind: 'api'; name: string; scope: AccessLevel };

/** `POST /api/admin/tokens`: the new token with its value, which is never shown again. */
export function createToken(token: NewToken): Promise<CreatedTokenResponse> {
  return postJson<CreatedTokenResponse>('/api/admin/tokens', token);
}

/** `DELETE /api/admin/tokens/{id}`: the token, revoked; screens using it are told at once. */
export function revokeToken(id: string): Promise<{ token: AccessTokenView }> {
  return deleteJson<{ token: AccessTokenView }>(`/api/admin/tokens/${encodeURIComponent(id)}`);
}
