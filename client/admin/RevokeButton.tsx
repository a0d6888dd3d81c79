import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import type { AccessTokenView } from '../../shared/api';
import { revokeToken, TOKENS_KEY } from './tokens-api';

/**
 * Revokes a token in two clicks on the same button: the first asks "Revoke Office TV?"
 * in its own words, the second does it. No dialog of the browser's, which would stop
 * everything on the page until answered.
 */
export function RevokeButton({ token }: { token: AccessTokenView }) {
  const queryClient = useQueryClient();
  const [asking, setAsking] = useState(false);
  const revoke = useMutation({
    mutationFn: () => revokeToken(token.id),
    onSettled: () => queryClient.invalidateQueries({ queryKey: TOKENS_KEY }),
  });
  const click = () => {
    if (!asking) return setAsking(true);
    setAsking(false);
    revoke.mutate();
  };
  return (
    <div className="admin-revoke">
      <button type="button" className={asking ? 'admin-danger' : undefined} onClick={click} disabled={revoke.isPending} data-revoke={token.id}>
        {revoke.isPending ? (
          'Revoking…'
        ) : asking ? (
          `Revoke ${token.name}?`
        ) : (
          <>
            Revoke <span className="admin-visually-hidden">{token.name}</span>
          </>
        )}
      </button>
      {asking && (
        <button type="button" onClick={() => setAsking(false)}>
          Cancel
        </button>
      )}
      {revoke.isError && (
        <p role="alert" className="admin-problem">
          Not revoked: {revoke.error.message}
        </p>
      )}
    </div>
  );
}
