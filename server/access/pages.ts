import { escapeHtml, plainPage } from '../http/plain-page';

/** Where to go after signing in: a path of this server only, never another site. */
export function safeNext(next: unknown): string {
  if (typeof next !== 'string' || !next.startsWith('/') || next.startsWith('//') || next.startsWith('/\\')) return '/';
  return next;
}

function signInForm(next: string, error?: string): string {
  const problem = error ? `<p class="down" role="alert" data-signin-error>${escapeHtml(error)}</p>` : '';
  return `${problem}<form method="post" action="/signin" data-signin-form>
<input type="hidden" name="next" value="${escapeHtml(next)}">
<label for="user">User</label><input id="user" name="user" autocomplete="username" required autofocus>
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button></form>`;
}

export interface SignInWays {
  password: boolean;
  proxy: boolean;
}

/** What someone without access is shown instead of the board: how a screen gets in, and how a person does. */
export function noAccessPage(ways: SignInWays, next: string): string {
  const person = ways.password
    ? `<h2>Signing in</h2>${signInForm(next)}`
    : ways.proxy
      ? '<p>People sign in through the company sign-in in front of Greenboard: open the board through it.</p>'
      : '';
  return plainPage(
    'Access needed',
    `<h1 data-access="needed">This board needs access</h1>
<p>For a wall screen: open the board link an admin made for it (it ends in <code>?token=…</code>). The screen then stays in until that link is revoked.</p>${person}`,
  );
}

/** A wall screen whose token was revoked: said across the room, with what to do. */
export function revokedPage(): string {
  return plainPage(
    "This screen's access was revoked",
    `<div class="wall"><h1 class="down" data-access="revoked">This screen's access was revoked</h1>
<p>Ask an admin for a new board link for this screen.</p></div>`,
  );
}

/** A `?token=` that is no board token of this server. */
export function unknownTokenPage(): string {
  return plainPage(
    'Board link not valid',
    `<div class="wall"><h1 class="down" data-access="unknown-token">This board link is not valid</h1>
<p>Check the link, or ask an admin for a new one.</p></div>`,
  );
}

export function signInPage(next: string, error?: string): string {
  return plainPage('Sign in', `<h1>Sign in to Greenboard</h1>${signInForm(next, error)}`);
}
