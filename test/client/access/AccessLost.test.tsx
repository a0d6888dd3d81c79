import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, expect, it, vi } from 'vitest';
import type { SessionResponse } from '../../../shared/api';
import { App } from '../../../client/App';
import { createAccessStore } from '../../../client/access/access-state';
import { createConnectionStore } from '../../../client/api/connection';
import { service } from '../fixtures';
import { servicesQuery } from '../../../client/api/services';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
});

const session = (signIn: SessionResponse['signIn']): SessionResponse => ({ board: 'token', signIn, actingOpen: false, who: null, csrfToken: null });

/** The app on the wall, with a session answered as given and every other request left pending. */
function renderWall(answer: SessionResponse) {
  vi.stubGlobal(
    'fetch',
    vi.fn((url: string) => (url === '/api/session' ? Promise.resolve(new Response(JSON.stringify(answer), { status: 200 })) : new Promise<never>(() => {}))),
  );
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  queryClient.setQueryData(servicesQuery().queryKey, { services: [service('checkout')], generatedAt: '2026-01-05T09:00:00.000Z', held: null });
  const access = createAccessStore();
  const rendered = render(
    <QueryClientProvider client={queryClient}>
      <App connection={createConnectionStore({ state: 'live', lastUpdateAt: Date.now() })} access={access} path="/" />
    </QueryClientProvider>,
  );
  return { ...rendered, access };
}

it('a wall whose token is revoked says so over the board, and what to do', () => {
  const { access, container } = renderWall(session({ password: true, proxy: false }));
  expect(container.querySelector('[data-access]')).toBeNull();
  act(() => access.tell({ type: 'revoked' }));
  const screenWide = container.querySelector<HTMLElement>('[data-access="revoked"]')!;
  expect(screenWide.getAttribute('role')).toBe('alert');
  expect(screen.getByRole('heading', { level: 1, name: "This screen's access was revoked" })).toBeTruthy();
  expect(screenWide.textContent).toContain('Ask an admin for a new board link for this screen.');
  // No form on a wall, and no way to sign in from the revoked screen: only a new link helps.
  expect(screenWide.querySelector('form, input, a')).toBeNull();
  expect(document.documentElement.dataset.accessLost).toBe('revoked');
  act(() => access.tell({ type: 'connected' }));
  expect(container.querySelector('[data-access]')).toBeNull();
  expect(document.documentElement.dataset.accessLost).toBeUndefined();
});

it('a page that lost access offers a person the sign-in page, coming back here', async () => {
  window.history.replaceState(null, '', '/?team=payments');
  const { access } = renderWall(session({ password: true, proxy: false }));
  act(() => access.tell({ type: 'socket-refused', code: 'unauthorized' }));
  expect(screen.getByRole('heading', { level: 1, name: 'This screen has lost access' })).toBeTruthy();
  const link = await screen.findByRole('link', { name: 'sign in' });
  expect(link.getAttribute('href')).toBe('/signin?next=%2F%3Fteam%3Dpayments');
  expect(document.querySelector('[data-access="lost"] form')).toBeNull();
});

it("behind a company's sign-in, says to sign in there instead", async () => {
  const { access } = renderWall(session({ password: false, proxy: true }));
  act(() => access.tell({ type: 'api-refused', status: 401, code: 'unauthorized' }));
  expect(await screen.findByText(/sign in through your company's sign-in, then reload the page/)).toBeTruthy();
  expect(screen.queryByRole('link', { name: 'sign in' })).toBeNull();
});
