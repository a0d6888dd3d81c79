import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import type { SessionResponse } from '../../shared/api';
import { sessionQuery } from '../api/session';
import { Link } from '../Link';
import { BOARD_PATH } from '../paths';
import { SignInNeeded } from './SignInNeeded';
import { TokenSection } from './TokenSection';
import { tokensQuery } from './tokens-api';
import './admin.css';

/**
 * Where an admin gives wall screens and scripts their access: board and API tokens,
 * made with a name, shown once, listed with their last use, and revoked. Anyone else is
 * told how to sign in as an admin.
 */
export function AdminPage() {
  const session = useQuery(sessionQuery());
  useEffect(() => {
    document.title = 'Tokens · Greenboard';
  }, []);
  if (session.isPending) {
    return (
      <main className="admin" data-admin="loading" aria-busy="true">
        <h1>Tokens</h1>
        <p>Loading…</p>
      </main>
    );
  }
  if (session.isError) {
    return (
      <main className="admin" data-admin="error">
        <h1>Tokens</h1>
        <p role="alert" className="admin-problem">
          Cannot tell who you are: {session.error.message}
        </p>
      </main>
    );
  }
  if (session.data.who?.level !== 'admin') return <SignInNeeded session={session.data} />;
  return <TokensAdmin session={session.data} />;
}

function TokensAdmin({ session }: { session: SessionResponse }) {
  const tokens = useQuery(tokensQuery());
  const list = tokens.data?.tokens ?? [];
  const state = tokens.isError ? 'error' : tokens.data ? 'ready' : 'loading';
  return (
    <main className="admin" data-admin={state} aria-busy={state === 'loading'}>
      <header className="admin-header">
        <h1>Tokens</h1>
        <div className="admin-who">
          Signed in as <strong>{session.who?.name}</strong>
          {session.who?.via === 'proxy' && " through your company's sign-in"}
          {/* Only a password sign-in ends here: the proxy would sign the person in again at once. */}
          {session.who?.via === 'password' && (
            <>
              {' · '}
              <form method="post" action="/signout" className="admin-signout">
                <button type="submit">Sign out</button>
              </form>
            </>
          )}
        </div>
        <Link href={BOARD_PATH} className="admin-back">
          Back to the board
        </Link>
      </header>
      {tokens.isError && (
        <p role="alert" className="admin-problem">
          Cannot list the tokens: {tokens.error.message}
        </p>
      )}
      <TokenSection
        kind="board"
        title="Board tokens (wall screens)"
        about="A wall screen opens its link once and stays in until its token is revoked. It may only watch."
        tokens={list.filter((t) => t.kind === 'board')}
        loaded={tokens.data !== undefined}
      />
      <TokenSection
        kind="api"
        title="API tokens (scripts)"
        about="A script sends its token as Authorization: Bearer …, and may do what its scope says."
        tokens={list.filter((t) => t.kind === 'api')}
        loaded={tokens.data !== undefined}
      />
    </main>
  );
}
