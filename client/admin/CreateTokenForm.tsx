import { useMutation, useQueryClient } from '@tanstack/react-query';
import { useId, useState, type FormEvent } from 'react';
import type { AccessLevel, AccessTokenView, CreatedTokenResponse } from '../../shared/api';
import { createToken, TOKENS_KEY, type NewToken } from './tokens-api';
import { SCOPE_WORDS } from './token-words';

const SCOPES: readonly AccessLevel[] = ['read', 'respond', 'admin'];

export interface CreateTokenFormProps {
  kind: AccessTokenView['kind'];
  /** The server's answer, with the value to show this once. */
  onCreated: (created: CreatedTokenResponse) => void;
}

/** Makes a token of `kind`: a name (the screen's, the script's) and, for a script, what it may do. */
export function CreateTokenForm({ kind, onCreated }: CreateTokenFormProps) {
  const queryClient = useQueryClient();
  const nameId = useId();
  const scopeId = useId();
  const [name, setName] = useState('');
  const [scope, setScope] = useState<AccessLevel>('read');
  const create = useMutation({
    mutationFn: (token: NewToken) => createToken(token),
    onSuccess: (created) => {
      setName('');
      onCreated(created);
      void queryClient.invalidateQueries({ queryKey: TOKENS_KEY });
    },
  });
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const trimmed = name.trim();
    if (trimmed === '') return;
    create.mutate(kind === 'board' ? { kind, name: trimmed } : { kind, name: trimmed, scope });
  };
  return (
    <form className="admin-create" onSubmit={submit} data-create-token={kind}>
      <div className="admin-field">
        <label htmlFor={nameId}>{kind === 'board' ? 'Screen name' : 'Script name'}</label>
        <input
          id={nameId}
          type="text"
          value={name}
          onChange={(event) => setName(event.target.value)}
          maxLength={100}
          required
          placeholder={kind === 'board' ? 'Office TV' : 'deploy bot'}
          autoComplete="off"
        />
      </div>
      {kind === 'api' && (
        <div className="admin-field">
          <label htmlFor={scopeId}>Scope</label>
          <select id={scopeId} value={scope} onChange={(event) => setScope(event.target.value as AccessLevel)}>
            {SCOPES.map((s) => (
              <option key={s} value={s}>
                {SCOPE_WORDS[s]}
              </option>
            ))}
          </select>
        </div>
      )}
      <button type="submit" className="admin-primary" disabled={create.isPending}>
        {create.isPending ? 'Creating…' : kind === 'board' ? 'Create board token' : 'Create API token'}
      </button>
      {create.isError && (
        <p role="alert" className="admin-problem">
          Not created: {create.error.message}
        </p>
      )}
    </form>
  );
}
