import type { AccessTokenView } from '../../shared/api';
import { useNow } from '../board/use-now';
import { RevokeButton } from './RevokeButton';
import { createdWords, lastUsedWords, SCOPE_WORDS, statusWords } from './token-words';

/** The tokens of one kind, newest first: who made each and when, its last use, whether it still counts. */
export function TokenTable({ kind, tokens }: { kind: AccessTokenView['kind']; tokens: readonly AccessTokenView[] }) {
  const now = useNow(15_000);
  if (tokens.length === 0) return <p className="admin-empty">None yet.</p>;
  return (
    <table className="admin-table">
      <thead>
        <tr>
          <th scope="col">Name</th>
          {kind === 'api' && <th scope="col">Scope</th>}
          <th scope="col">Created</th>
          <th scope="col">Last used</th>
          <th scope="col">Status</th>
          <th scope="col">
            <span className="admin-visually-hidden">Action</span>
          </th>
        </tr>
      </thead>
      <tbody>
        {tokens.map((token) => (
          <tr key={token.id} data-token={token.id} data-token-status={token.revokedAt === null ? 'active' : 'revoked'}>
            <th scope="row">{token.name}</th>
            {kind === 'api' && <td data-label="Scope">{SCOPE_WORDS[token.scope]}</td>}
            <td data-label="Created">{createdWords(token, now)}</td>
            <td data-label="Last used">{lastUsedWords(token, now)}</td>
            <td data-label="Status" className={token.revokedAt === null ? undefined : 'admin-revoked'}>
              {statusWords(token, now)}
            </td>
            <td className="admin-action">{token.revokedAt === null && <RevokeButton token={token} />}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
