import type { AccessLevel, AccessTokenView } from '../../shared/api';
import { formatAgo, formatWhen } from '../service/format';

/** What an API token's scope lets a script do, for the scope picker and the list. */
export const SCOPE_WORDS: Record<AccessLevel, string> = {
  read: 'read: watch the board',
  respond: 'respond: acknowledge, maintenance',
  admin: 'admin: manage tokens',
};

/** "14:02:11 by ada"; "Mon 5 Jan, 14:02 by api:deploy" on another day. */
export function createdWords(token: AccessTokenView, now: number): string {
  return `${formatWhen(Date.parse(token.createdAt), now)} by ${token.createdBy}`;
}

/** "never", or how long ago: "3m ago" (the server notes uses to within a minute). */
export function lastUsedWords(token: AccessTokenView, now: number): string {
  return token.lastUsedAt === null ? 'never' : formatAgo(Date.parse(token.lastUsedAt), now);
}

/** "active", or "revoked at 14:02:11". */
export function statusWords(token: AccessTokenView, now: number): string {
  return token.revokedAt === null ? 'active' : `revoked at ${formatWhen(Date.parse(token.revokedAt), now)}`;
}

/**
 * The link to give a wall screen: the server's answer as it is when it names a site
 * (`paging.boardUrl` set), else this board's own address in front of its path.
 */
export function fullBoardLink(boardLink: string, origin: string): string {
  return boardLink.startsWith('/') ? `${origin}${boardLink}` : boardLink;
}
