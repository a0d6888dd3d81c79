import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { cleanup, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { IncidentView, SessionResponse } from '../../../shared/api';
import { AcknowledgeIncident } from '../../../client/service/AcknowledgeIncident';
import { incidentView } from '../fixtures';

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
  document.cookie = 'gb_csrf=; max-age=0';
  window.history.replaceState(null, '', '/');
});

const json = (body: unknown, status = 200) => new Response(JSON.stringify(body), { status, headers: { 'content-type': 'application/json' } });

const session = (overrides: Partial<SessionResponse>): SessionResponse => ({
  board: 'token',
  signIn: { password: true, proxy: false },
  actingOpen: false,
  who: null,
  csrfToken: null,
  ...overrides,
});

/** The server: the session as given, and an acknowledgement answered by `ack` (by default: done, by whoever the server says). */
function serve(answer: SessionResponse, ack: (body: unknown) => Response = () => json(acknowledged('Rita Responder'))) {
  const posts: Array<{ body: unknown; headers: Headers }> = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((url: string, init?: RequestInit) => {
      if (url === '/api/session') return Promise.resolve(json(answer));
      if (url.endsWith('/ack') && init?.method === 'POST') {
        const body: unknown = JSON.parse(init.body as string);
        posts.push({ body, headers: new Headers(init.headers) });
        return Promise.resolve(ack(body));
      }
      return new Promise<never>(() => {});
    }),
  );
  return posts;
}

const acknowledged = (by: string): IncidentView =>
  incidentView('checkout', { status: 'acknowledged', acknowledged: { by, personId: 'rita', at: new Date().toISOString(), via: 'api' } });

function renderAck() {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  return render(
    <QueryClientProvider client={queryClient}>
      <AcknowledgeIncident incident={incidentView('checkout')} now={Date.now()} />
    </QueryClientProvider>,
  );
}

describe('acknowledging, by what the board lets this browser do', () => {
  it('where anyone may act: the form, with an optional name', async () => {
    const posts = serve(session({ board: 'public', signIn: { password: false, proxy: false }, actingOpen: true }), (body) =>
      json(acknowledged((body as { by?: string }).by ?? 'Greenboard user')),
    );
    renderAck();
    await userEvent.type(await screen.findByLabelText(/Your name/), 'Alice');
    await userEvent.click(screen.getByRole('button', { name: 'Acknowledge' }));
    expect((await screen.findByRole('status')).textContent).toMatch(/^Acknowledged by Alice at /);
    expect(posts.map((p) => p.body)).toEqual([{ by: 'Alice' }]);
  });

  it('nobody signed in, with a sign-in page: a link to it that comes back to this page, and no form', async () => {
    window.history.replaceState(null, '', '/services/checkout?window=7d');
    serve(session({}));
    renderAck();
    const link = await screen.findByRole('link', { name: 'Sign in to acknowledge' });
    expect(link.getAttribute('href')).toBe('/signin?next=%2Fservices%2Fcheckout%3Fwindow%3D7d');
    expect(screen.queryByRole('button')).toBeNull();
    expect(screen.queryByRole('textbox')).toBeNull();
  });

  it("nobody signed in, behind the company's sign-in: says to sign in there", async () => {
    serve(session({ signIn: { password: false, proxy: true } }));
    renderAck();
    expect(await screen.findByText("Sign in through your company's sign-in to acknowledge")).toBeTruthy();
    expect(screen.queryByRole('link')).toBeNull();
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('a viewer signed in: says acknowledging needs a responder, and who they are', async () => {
    serve(session({ who: { kind: 'person', name: 'Vic Viewer', level: 'read', via: 'password' }, csrfToken: 'c' }));
    renderAck();
    expect(await screen.findByText('Acknowledging needs a responder; you are signed in as Vic Viewer (viewer)')).toBeTruthy();
    expect(screen.queryByRole('button')).toBeNull();
  });

  it('a responder signed in: one button in their name, which sends no name and the CSRF token', async () => {
    document.cookie = 'gb_csrf=csrf-of-rita';
    const posts = serve(session({ who: { kind: 'person', name: 'Rita Responder', level: 'respond', via: 'password' }, csrfToken: 'csrf-of-rita' }));
    renderAck();
    await userEvent.click(await screen.findByRole('button', { name: 'Acknowledge as Rita Responder' }));
    expect((await screen.findByRole('status')).textContent).toMatch(/^Acknowledged by Rita Responder at /);
    expect(screen.queryByRole('textbox')).toBeNull();
    expect(posts).toHaveLength(1);
    expect(posts[0]!.body).toEqual({});
    expect(posts[0]!.headers.get('x-csrf-token')).toBe('csrf-of-rita');
  });

  it("a refusal is said in the server's words, and the block asks again who this is", async () => {
    let signedIn = true;
    const fetch = vi.fn((url: string, init?: RequestInit) => {
      if (url === '/api/session')
        return Promise.resolve(json(session(signedIn ? { who: { kind: 'person', name: 'Rita Responder', level: 'respond', via: 'password' } } : {})));
      if (init?.method === 'POST') {
        signedIn = false; // the session ended meanwhile
        return Promise.resolve(json({ error: { code: 'unauthorized', message: 'sign in as a responder to do this' } }, 401));
      }
      return new Promise<never>(() => {});
    });
    vi.stubGlobal('fetch', fetch);
    renderAck();
    await userEvent.click(await screen.findByRole('button', { name: 'Acknowledge as Rita Responder' }));
    expect((await screen.findByRole('alert')).textContent).toBe('Not acknowledged: sign in as a responder to do this');
    await waitFor(() => expect(screen.getByRole('link', { name: 'Sign in to acknowledge' })).toBeTruthy());
  });
});
