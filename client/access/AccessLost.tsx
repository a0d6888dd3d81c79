import { useQuery } from '@tanstack/react-query';
import { useEffect } from 'react';
import { sessionQuery, signInPath } from '../api/session';
import type { AccessStore } from './access-state';
import { useAccessState } from './use-access';
import './access.css';

/**
 * Greenboard's word, across the room, when this screen may no longer watch: over
 * everything (the stale board, "Waiting for the server…", a kiosk's corner), since what
 * is behind it will not come back by itself. Never a sign-in form on a wall: a person at
 * the screen gets a link to the sign-in page.
 */
export function AccessLost({ access }: { access: AccessStore }) {
  const state = useAccessState(access);
  useEffect(() => {
    if (state === 'ok') return;
    document.documentElement.dataset.accessLost = state;
    return () => void delete document.documentElement.dataset.accessLost;
  }, [state]);
  if (state === 'ok') return null;
  return (
    <div className="access-lost" data-access={state} role="alert">
      {state === 'revoked' ? (
        <>
          <h1 className="access-lost-title">This screen&apos;s access was revoked</h1>
          <p className="access-lost-text">Ask an admin for a new board link for this screen.</p>
        </>
      ) : (
        <>
          <h1 className="access-lost-title">This screen has lost access</h1>
          <p className="access-lost-text">A wall screen needs a new board link from an admin.</p>
          <PersonSignIn />
        </>
      )}
    </div>
  );
}

/** How a person at this screen gets back in: the sign-in page, or the company's sign-in in front. */
function PersonSignIn() {
  // /api/session is open to anyone, so it still answers here.
  const { data: session } = useQuery(sessionQuery());
  if (session && !session.signIn.password) {
    if (!session.signIn.proxy) return null;
    return <p className="access-lost-person">Someone at this screen: sign in through your company&apos;s sign-in, then reload the page.</p>;
  }
  return (
    <p className="access-lost-person">
      Someone at this screen: <a href={signInPath(window.location.pathname + window.location.search)}>sign in</a>
    </p>
  );
}
