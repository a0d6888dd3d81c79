import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, render, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../../client/App';
import { createConnectionStore } from '../../../client/api/connection';
import { connectLive } from '../../../client/api/live';
import { servicesQuery } from '../../../client/api/services';
import { fromResponse } from '../../../client/api/services-cache';
import { watchServerReach } from '../../../client/offline/server-reach';
import { FakeSocket } from '../fake-socket';
import { service, snapshot } from '../fixtures';

/** A socket whose attempts to reach the server can fail, as socket.io reports it. */
class ReachingSocket extends FakeSocket {
  fail() {
    this.serverSends('connect_error', new Error('xhr poll error'));
  }
}

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

function start() {
  const socket = new ReachingSocket();
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false } } });
  const connection = createConnectionStore();
  const reach = watchServerReach(socket);
  const stop = connectLive({ socket, queryClient, connection });
  render(
    <QueryClientProvider client={queryClient}>
      <App connection={connection} path="/" reach={reach} />
    </QueryClientProvider>,
  );
  const act1 = (fn: () => void) =>
    act(() => {
      fn();
      vi.advanceTimersByTime(1);
    });
  return { socket, queryClient, connection, stop, act: act1 };
}

const waiting = () => document.querySelector('[data-waiting-server]');

describe('a page whose server never answered', () => {
  it('says it is waiting for the server, and that it tries by itself; the first snapshot takes it away', () => {
    const { socket, act, stop } = start();
    expect(waiting()).toBeNull(); // still trying: the board says "Connecting…"
    act(() => socket.fail());
    expect(screen.getByRole('heading', { name: 'Waiting for the server…' })).toBeTruthy();
    expect(waiting()?.textContent).toMatch(/tries again by itself/);
    expect(waiting()?.textContent).toMatch(/Tried once, last at 14:02:11/);
    act(() => socket.fail());
    expect(waiting()?.textContent).toMatch(/Tried 2 times/);
    expect(document.documentElement.dataset.connection).toBe('stale');
    act(() => {
      socket.serverAccepts();
      socket.serverSends('snapshot', snapshot([service('api')], 1));
    });
    expect(waiting()).toBeNull();
    expect(document.documentElement.dataset.connection).toBe('live');
    expect(screen.getByRole('status').textContent).toBe('All systems operational');
    stop();
  });

  it('shows the last board it has behind the message, stale and dated, never as live', () => {
    const { socket, queryClient, connection, act, stop } = start();
    // What the service worker answered for /api/services: the board a page kept.
    act(() =>
      queryClient.setQueryData(servicesQuery().queryKey, fromResponse({ services: [service('api', 'down')], generatedAt: '2026-01-05T13:02:11.000Z' })),
    );
    act(() => socket.fail());
    expect(waiting()?.getAttribute('data-last-board')).toBe('2026-01-05T13:02:11.000Z');
    expect(waiting()?.textContent).toMatch(/the board as it was 1h ago/);
    expect(connection.get()).toEqual({ state: 'stale', lastUpdateAt: Date.parse('2026-01-05T13:02:11.000Z') });
    expect(document.querySelector('[data-service="api"]')?.getAttribute('data-status')).toBe('down');
    expect(screen.getByRole('status').textContent).not.toMatch(/^1 service down$/); // the banner says it is old news
    stop();
  });

  it('is not shown once the page has been live: a lost server is the board\'s own "Connection lost"', () => {
    const { socket, act, stop } = start();
    act(() => {
      socket.serverAccepts();
      socket.serverSends('snapshot', snapshot([service('api')], 1));
    });
    act(() => socket.serverDrops());
    act(() => socket.fail());
    expect(waiting()).toBeNull();
    expect(screen.getByText(/Connection lost/)).toBeTruthy();
    stop();
  });
});
