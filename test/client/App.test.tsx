import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, expect, it, vi } from 'vitest';
import { App } from '../../client/App';
import { createConnectionStore } from '../../client/api/connection';
import { connectLive } from '../../client/api/live';
import { FakeSocket } from './fake-socket';
import { service, snapshot } from './fixtures';
import { renderApp, tileIds } from './render';

beforeEach(() => {
  vi.useFakeTimers({ now: new Date(2026, 0, 5, 14, 2, 11) });
  vi.stubGlobal(
    'fetch',
    vi.fn(() => new Promise<never>(() => {})),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

it('an unknown path shows a not-found page instead of the board', () => {
  renderApp({ services: [service('a')], path: '/nowhere' });
  expect(screen.getByText('Page not found')).toBeTruthy();
  expect(document.querySelector('[data-service]')).toBeNull();
});

it('the board follows the socket: snapshot, delta, lost connection, reconnect', () => {
  const socket = new FakeSocket();
  const queryClient = new QueryClient();
  const connection = createConnectionStore();
  const stop = connectLive({ socket, queryClient, connection });
  const { container } = render(
    <QueryClientProvider client={queryClient}>
      <App connection={connection} path="/" />
    </QueryClientProvider>,
  );
  const server = (fn: () => void) =>
    act(() => {
      fn();
      vi.advanceTimersByTime(1);
    });

  expect(screen.getByText('Connecting…')).toBeTruthy();
  server(() => {
    socket.serverAccepts();
    socket.serverSends('snapshot', snapshot([service('api'), service('db')], 1));
  });
  expect(document.documentElement.dataset.connection).toBe('live');
  expect(screen.getByRole('status').textContent).toBe('All systems operational');

  server(() => socket.serverSends('service:update', { epoch: 'e1', seq: 2, services: [service('db', 'down')] }));
  expect(tileIds(container)).toEqual(['db', 'api']);
  expect(screen.getByRole('status').textContent).toBe('1 service down');

  server(() => socket.serverDrops());
  expect(document.documentElement.dataset.connection).toBe('stale');
  expect(screen.getByText('Connection lost — last update 14:02:11')).toBeTruthy();

  server(() => {
    socket.serverAccepts();
    socket.serverSends('snapshot', snapshot([service('api'), service('db')], 3));
  });
  expect(document.documentElement.dataset.connection).toBe('live');
  expect(screen.getByRole('status').textContent).toBe('All systems operational');
  stop();
});

it('a frozen server turns the board stale within HEARTBEAT_STALE_MS', () => {
  const socket = new FakeSocket();
  const queryClient = new QueryClient();
  const connection = createConnectionStore();
  const stop = connectLive({ socket, queryClient, connection });
  render(
    <QueryClientProvider client={queryClient}>
      <App connection={connection} path="/" />
    </QueryClientProvider>,
  );
  act(() => {
    socket.serverAccepts();
    socket.serverSends('snapshot', snapshot([service('api')], 1));
    vi.advanceTimersByTime(1);
  });
  expect(screen.getByRole('status').textContent).toBe('All systems operational');
  act(() => {
    vi.advanceTimersByTime(11_000);
  });
  expect(document.documentElement.dataset.connection).toBe('stale');
  expect(screen.getByText('Connection lost — last update 14:02:11')).toBeTruthy();
  expect(screen.queryByText(/operational/i)).toBeNull();
  stop();
});
