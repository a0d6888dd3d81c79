import type { SessionResponse } from '../../shared/api';
import { ROLE_WORDS } from '../access/acting';
import { signInPath } from '../api/session';
import { Link } from '../Link';
import { BOARD_PATH } from '../paths';

/** The admin page for anyone but an admin: what it needs, and how to get there from here. */
export function SignInNeeded({ session }: { session: SessionResponse }) {
  const who = session.who;
  return (
    <main className="admin" data-admin="sign-in-needed">
      <h1>Sign in as an admin to manage tokens</h1>
      {who?.kind === 'person' && (
        <p>
          You are signed in as <strong>{who.name}</strong> ({ROLE_WORDS[who.level]}).
        </p>
      )}
      {session.signIn.password ? (
        <p>
          <a href={signInPath('/admin')} className="admin-signin">
            {who?.kind === 'person' ? 'Sign in as an admin' : 'Sign in'}
          </a>
        </p>
      ) : session.signIn.proxy ? (
        <p>Sign in through your company&apos;s sign-in as an admin, then open this page again.</p>
      ) : (
        <p>
          Nobody can sign in to this board yet: people are added, with their role, under <code>access.users</code> in its config.
        </p>
      )}
      <p>
        <Link href={BOARD_PATH}>Back to the board</Link>
      </p>
    </main>
  );
}
