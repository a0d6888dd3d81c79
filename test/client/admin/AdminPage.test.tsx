import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { SessionResponse } from '../../../shared/api';
import { AdminPage } from '../../../client/admin/AdminPage';
import { ADMIN_SESSION, serveTokens, token } from './fake-admin-api';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  document.cookie = 'gb_csrf=; max-age=0';
});

function renderAdmin() {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={queryClient}>
      <AdminPage />
    </QueryClientProvider>,
  );
}

const section = (name: RegExp) => screen.getByRole('region', { name });
const rowOf = (name: string) => screen.getByRole('rowheader', { name }).closest('tr')!;
const cells = (row: HTMLElement) => [...row.querySelectorAll('th, td')].map((c) => c.textContent);

describe('someone who is not an admin', () => {
  it.each<[string, Partial<SessionResponse>, RegExp]>([
    ['nobody signed in', {}, /^Sign in$/],
    ['a viewer', { who: { kind: 'person', name: 'Vic', level: 'read', via: 'password' } }, /^Sign in as an admin$/],
  ])('%s is asked to sign in as an admin, and shown no token', async (_who, overrides, link) => {
    const { taken } = serveTokens({ ...ADMIN_SESSION, who: null, csrfToken: null, ...overrides }, [token()]);
    renderAdmin();
    expect(await screen.findByRole('heading', { name: 'Sign in as an admin to manage tokens' })).toBeTruthy();
    expect(screen.getByRole('link', { name: link }).getAttribute('href')).toBe('/signin?next=%2Fadmin');
    expect(screen.queryByText('Office TV')).toBeNull();
    expect(taken.some((t) => t.path.startsWith('/api/admin'))).toBe(false);
  });

  it('on a board nobody can sign in to, is told where people are added', async () => {
    serveTokens({ ...ADMIN_SESSION, board: 'public', signIn: { password: false, proxy: false }, who: null });
    renderAdmin();
    expect(await screen.findByText(/Nobody can sign in to this board yet/)).toBeTruthy();
    expect(screen.queryByRole('link', { name: /Sign in/ })).toBeNull();
  });
});

describe('an admin', () => {
  it('signed in through the company sign-in proxy is told so, and offered no sign-out that would do nothing', async () => {
    serveTokens({ ...ADMIN_SESSION, signIn: { password: true, proxy: true }, who: { kind: 'person', name: 'ada@example.com', level: 'admin', via: 'proxy' } }, [
      token(),
    ]);
    renderAdmin();
    await screen.findByRole('rowheader', { name: 'Office TV' });
    expect(document.querySelector('.admin-who')?.textContent).toBe("Signed in as ada@example.com through your company's sign-in");
    expect(screen.queryByRole('button', { name: 'Sign out' })).toBeNull();
  });

  it('sees who they are, a way to sign out, and every token with its facts', async () => {
    const now = Date.now();
    serveTokens(ADMIN_SESSION, [
      token({ id: 'b1', name: 'Office TV', lastUsedAt: new Date(now - 180_000).toISOString() }),
      token({ id: 'b2', name: 'Lobby TV', revokedAt: new Date(now - 60_000).toISOString() }),
      token({ id: 'a1', kind: 'api', name: 'chatops', scope: 'respond', createdBy: 'ada' }),
    ]);
    const { container } = renderAdmin();
    await screen.findByRole('rowheader', { name: 'Office TV' });
    expect(container.querySelector('[data-admin]')?.getAttribute('data-admin')).toBe('ready');
    expect(screen.getByText('Ada Admin')).toBeTruthy();
    const signOut = screen.getByRole('button', { name: 'Sign out' }).closest('form')!;
    expect([signOut.getAttribute('method'), signOut.getAttribute('action')]).toEqual(['post', '/signout']);

    const boards = section(/Board tokens/);
    expect(
      within(boards)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Name', 'Created', 'Last used', 'Status', 'Action']);
    const office = cells(rowOf('Office TV'));
    expect(office[0]).toBe('Office TV');
    expect(office[1]).toMatch(/ by ada$/);
    expect(office[2]).toBe('3m ago');
    expect(office[3]).toBe('active');
    const lobby = rowOf('Lobby TV');
    expect(cells(lobby)[2]).toBe('never');
    expect(cells(lobby)[3]).toMatch(/^revoked at /);
    expect(within(lobby).queryByRole('button')).toBeNull();

    const apis = section(/API tokens/);
    expect(
      within(apis)
        .getAllByRole('columnheader')
        .map((h) => h.textContent),
    ).toEqual(['Name', 'Scope', 'Created', 'Last used', 'Status', 'Action']);
    expect(cells(rowOf('chatops'))[1]).toBe('respond: acknowledge, maintenance');
    expect(within(apis).queryByText('Office TV')).toBeNull();
  });

  it('makes a board token and is shown its link and value once, with the CSRF token sent', async () => {
    document.cookie = 'gb_csrf=csrf-of-ada';
    const { taken } = serveTokens(ADMIN_SESSION, []);
    renderAdmin();
    const boards = await waitFor(() => section(/Board tokens/));
    await userEvent.type(within(boards).getByLabelText('Screen name'), 'Office TV');
    await userEvent.click(within(boards).getByRole('button', { name: 'Create board token' }));

    const link = await within(boards).findByLabelText<HTMLInputElement>(/Board link/);
    expect(link.value).toBe(`${window.location.origin}/?token=gbb_secret-1`);
    expect(link.readOnly).toBe(true);
    expect(within(boards).getByLabelText<HTMLInputElement>('Token').value).toBe('gbb_secret-1');
    expect(within(boards).getByText(/This is the only time it is shown/)).toBeTruthy();
    const posted = taken.filter((t) => t.method === 'POST');
    expect(posted).toEqual([{ method: 'POST', path: '/api/admin/tokens', body: { kind: 'board', name: 'Office TV' }, csrf: 'csrf-of-ada' }]);
    // The list is asked again, and shows the new token; never its value.
    expect(await within(boards).findByRole('rowheader', { name: 'Office TV' })).toBeTruthy();
    expect(within(boards).getByRole('table').textContent).not.toContain('gbb_secret-1');

    await userEvent.click(within(boards).getByRole('button', { name: 'Done' }));
    expect(document.body.textContent).not.toContain('gbb_secret-1');
    expect(screen.queryByDisplayValue(/gbb_secret-1/)).toBeNull();
  });

  it('makes an API token with the scope picked, shown with no link', async () => {
    const { taken } = serveTokens(ADMIN_SESSION, []);
    renderAdmin();
    const apis = await waitFor(() => section(/API tokens/));
    await userEvent.type(within(apis).getByLabelText('Script name'), 'deploy bot');
    await userEvent.selectOptions(within(apis).getByLabelText('Scope'), 'respond');
    await userEvent.click(within(apis).getByRole('button', { name: 'Create API token' }));
    expect((await within(apis).findByLabelText<HTMLInputElement>(/^Token/)).value).toBe('gba_secret-1');
    expect(within(apis).queryByLabelText(/Board link/)).toBeNull();
    expect(taken.find((t) => t.method === 'POST')?.body).toEqual({ kind: 'api', name: 'deploy bot', scope: 'respond' });
  });

  it('revokes a token in two clicks, the second asking in its name', async () => {
    document.cookie = 'gb_csrf=csrf-of-ada';
    const { taken } = serveTokens(ADMIN_SESSION, [token({ id: 'b1', name: 'Office TV' })]);
    renderAdmin();
    await screen.findByRole('rowheader', { name: 'Office TV' });
    await userEvent.click(screen.getByRole('button', { name: 'Revoke Office TV' }));
    expect(taken.some((t) => t.method === 'DELETE')).toBe(false);
    await userEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(screen.queryByRole('button', { name: 'Revoke Office TV?' })).toBeNull();
    await userEvent.click(screen.getByRole('button', { name: 'Revoke Office TV' }));
    await userEvent.click(screen.getByRole('button', { name: 'Revoke Office TV?' }));
    await waitFor(() => expect(cells(rowOf('Office TV'))[3]).toMatch(/^revoked at /));
    expect(within(rowOf('Office TV')).queryByRole('button')).toBeNull();
    expect(taken.filter((t) => t.method === 'DELETE')).toEqual([{ method: 'DELETE', path: '/api/admin/tokens/b1', body: undefined, csrf: 'csrf-of-ada' }]);
  });

  it("says in the server's words why something was refused", async () => {
    serveTokens(ADMIN_SESSION, [token({ id: 'b1' })], {
      POST: { status: 400, message: 'send { "kind": "board", "name": "…" }' },
      DELETE: { status: 403, message: 'the request did not carry the page’s CSRF token: reload the page and try again' },
    });
    renderAdmin();
    await screen.findByRole('rowheader', { name: 'Office TV' });
    const boards = section(/Board tokens/);
    await userEvent.type(within(boards).getByLabelText('Screen name'), 'x');
    await userEvent.click(within(boards).getByRole('button', { name: 'Create board token' }));
    expect((await within(boards).findByRole('alert')).textContent).toBe('Not created: send { "kind": "board", "name": "…" }');
    await userEvent.click(screen.getByRole('button', { name: 'Revoke Office TV' }));
    await userEvent.click(screen.getByRole('button', { name: 'Revoke Office TV?' }));
    expect((await within(rowOf('Office TV')).findByRole('alert')).textContent).toBe(
      'Not revoked: the request did not carry the page’s CSRF token: reload the page and try again',
    );
  });

  it('a list the server refuses is said so, in its words', async () => {
    serveTokens(ADMIN_SESSION, [], { GET: { status: 500, message: 'the database is locked' } });
    renderAdmin();
    expect((await screen.findByRole('alert')).textContent).toBe('Cannot list the tokens: the database is locked');
  });
});
