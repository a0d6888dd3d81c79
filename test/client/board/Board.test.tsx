import { act, cleanup, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { servicesQuery } from '../../../client/api/services';
import { check, incidentBrief, service } from '../fixtures';
import { tileCells } from '../../../client/board/layout';
import { faviconSvg, renderApp, tileIds } from '../render';

const html = () => document.documentElement;

beforeEach(() => {
  vi.useFakeTimers({ now: new Date(2026, 0, 5, 14, 2, 11) });
  // No test here talks to a server: an un-seeded cache stays pending.
  vi.stubGlobal(
    'fetch',
    vi.fn(() => new Promise<never>(() => {})),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.useRealTimers();
  document.title = '';
  delete html().dataset.connection;
});

describe('loading and error', () => {
  it('before the first snapshot shows a loading state, no tiles and nothing green', () => {
    const { container } = renderApp({ services: [service('api')], fromRest: true, connection: { state: 'connecting' } });
    expect(screen.getByText('Connecting…')).toBeTruthy();
    expect(tileIds(container)).toEqual([]);
    expect(screen.queryByText(/operational/i)).toBeNull();
    expect(html().dataset.connection).toBe('stale');
    expect(faviconSvg()).toContain('data-kind="stale"');
    expect(document.title).toBe('Greenboard');
  });

  it('when the server cannot be reached and nothing is cached, says so', async () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() => Promise.reject(new TypeError('Failed to fetch'))),
    );
    renderApp({ connection: { state: 'stale', lastUpdateAt: null } });
    await act(async () => {
      await vi.runAllTimersAsync();
    });
    expect(screen.getByText('Cannot reach the server')).toBeTruthy();
    expect(screen.queryByText(/operational/i)).toBeNull();
  });
});

describe('the wall', () => {
  it('shows tiles with problems first', () => {
    const { container } = renderApp({
      services: [service('a', 'up'), service('b', 'maintenance'), service('c', 'down'), service('d', 'degraded')],
    });
    expect(tileIds(container)).toEqual(['c', 'd', 'b', 'a']);
  });

  it('says all systems operational in the banner when all are up or in maintenance', () => {
    renderApp({ services: [service('a'), service('b', 'maintenance')] });
    const banner = screen.getByRole('status');
    expect(banner.textContent).toBe('All systems operational');
    expect(banner.getAttribute('data-banner')).toBe('maintenance');
  });

  it('counts services down in a red banner', () => {
    renderApp({ services: [service('a', 'down'), service('b', 'down'), service('c')] });
    const banner = screen.getByRole('status');
    expect(banner.textContent).toBe('2 services down');
    expect(banner.getAttribute('data-banner')).toBe('down');
  });

  it('lists mixed problems worst first', () => {
    renderApp({ services: [service('a', 'degraded'), service('b', 'down'), service('c')] });
    expect(screen.getByRole('status').textContent).toBe('1 service down · 1 degraded');
  });

  it('durations tick while the board is open', () => {
    const since = new Date(Date.now() - 12 * 60_000 - 30_000).toISOString();
    renderApp({ services: [service('a', 'down', { since })] });
    expect(screen.getByText('for 12m')).toBeTruthy();
    act(() => {
      vi.advanceTimersByTime(30_000);
    });
    expect(screen.getByText('for 13m')).toBeTruthy();
  });

  it('follows changes written into the cache', () => {
    const { container, queryClient } = renderApp({ services: [service('a'), service('b')] });
    act(() => {
      queryClient.setQueryData(
        servicesQuery().queryKey,
        (d) => d && { ...d, services: [service('a'), service('b', 'down', { checks: [check({ status: 'down', message: 'timeout' })] })] },
      );
      vi.advanceTimersByTime(1);
    });
    expect(tileIds(container)).toEqual(['b', 'a']);
    expect(screen.getByText('health: timeout')).toBeTruthy();
  });
});

describe('tab title and favicon', () => {
  it('counts problems in the title', () => {
    renderApp({ services: [service('a', 'down'), service('b', 'unknown'), service('c', 'maintenance'), service('d')] });
    expect(document.title).toBe('(2) Greenboard');
  });

  it('is plain Greenboard with a green icon when nothing is wrong', () => {
    renderApp({ services: [service('a'), service('b')] });
    expect(document.title).toBe('Greenboard');
    expect(faviconSvg()).toContain('data-kind="ok"');
  });

  it('swaps the favicon for the worst status', () => {
    const { queryClient } = renderApp({ services: [service('a', 'degraded')] });
    expect(faviconSvg()).toContain('data-kind="warn"');
    act(() => {
      queryClient.setQueryData(servicesQuery().queryKey, (d) => d && { ...d, services: [service('a', 'down')] });
      vi.advanceTimersByTime(1);
    });
    expect(faviconSvg()).toContain('data-kind="down"');
  });
});

describe('when the connection is lost', () => {
  it('greys the board, says when it last heard, and flips back on the next snapshot', () => {
    const lastUpdateAt = new Date(2026, 0, 5, 14, 2, 11).getTime();
    const { container, connection } = renderApp({ services: [service('a')], connection: { lastUpdateAt } });
    expect(html().dataset.connection).toBe('live');
    expect(screen.queryByText(/Connection lost/)).toBeNull();

    act(() => connection.markStale());
    expect(html().dataset.connection).toBe('stale');
    expect(screen.getByText('Connection lost — last update 14:02:11')).toBeTruthy();
    expect(container.querySelector('main')?.hasAttribute('data-stale')).toBe(true);

    act(() => connection.markLive());
    expect(html().dataset.connection).toBe('live');
    expect(screen.queryByText(/Connection lost/)).toBeNull();
    expect(container.querySelector('main')?.hasAttribute('data-stale')).toBe(false);
  });

  it('never says all systems operational while stale', () => {
    const { connection } = renderApp({ services: [service('a'), service('b')] });
    expect(screen.getByRole('status').textContent).toBe('All systems operational');
    act(() => connection.markStale());
    expect(screen.queryByText(/operational/i)).toBeNull();
    expect(screen.getByRole('status').getAttribute('data-banner')).not.toBe('up');
  });

  it('marks the title stale and greys the favicon', () => {
    const { connection } = renderApp({ services: [service('a', 'down')] });
    act(() => connection.markStale());
    expect(document.title).toBe('(stale) Greenboard');
    expect(faviconSvg()).toContain('data-kind="stale"');
  });

  it('keeps the tiles on screen so the last known state can still be read', () => {
    const { container, connection } = renderApp({ services: [service('a', 'down')] });
    act(() => connection.markStale());
    expect(tileIds(container)).toEqual(['a']);
    expect(screen.getByRole('status').textContent).toBe('Last known: 1 service down');
  });
});

describe('notices about the server itself', () => {
  it('a board shows that history is not being saved under the banner, and drops it once it is saved again', () => {
    const { queryClient, container } = renderApp({ services: [service('api')] });
    const key = servicesQuery().queryKey;
    const notice = {
      code: 'history-not-saved' as const,
      message: 'History is not being saved: the disk is full (SQLITE_FULL).',
      since: '2026-01-05T14:00:00.000Z',
    };
    expect(container.querySelector('[data-notice]')).toBeNull();
    act(() => {
      queryClient.setQueryData(key, (data) => data && { ...data, notices: [notice] });
      vi.advanceTimersByTime(1);
    });
    const shown = container.querySelector('[data-notice="history-not-saved"]');
    expect(shown?.textContent).toContain('History is not being saved: the disk is full');
    expect(screen.getByRole('alert').closest('[data-notice]')).toBe(shown);
    expect(screen.getByRole('status').textContent).toBe('All systems operational');
    act(() => {
      queryClient.setQueryData(key, (data) => data && { ...data, notices: [] });
      vi.advanceTimersByTime(1);
    });
    expect(container.querySelector('[data-notice]')).toBeNull();
  });

  it('a board counts the alerts that fit no service, with a link to the list', () => {
    const { queryClient, container } = renderApp({ services: [service('api')] });
    const notice = {
      code: 'unmapped-alerts' as const,
      message: '2 alerts fit no service on this board: ServiceDown (service=billing), Watchdog.',
      since: '2026-01-05T14:00:00.000Z',
    };
    act(() => {
      queryClient.setQueryData(servicesQuery().queryKey, (data) => data && { ...data, notices: [notice] });
      vi.advanceTimersByTime(1);
    });
    const shown = container.querySelector('[data-notice="unmapped-alerts"]');
    expect(shown?.textContent).toContain('2 alerts fit no service on this board');
    expect(shown?.querySelector('a')?.getAttribute('href')).toBe('/api/alerts/unmapped');
  });
});

describe('incidents and maintenance on the wall', () => {
  const backup = { id: 'backup', until: new Date(2026, 0, 5, 16, 0).toISOString(), reason: 'Nightly backup' };

  it('a service in maintenance is no problem: not counted, not red, a small tile after the problems', () => {
    const inMaintenance = service('orders-db', 'maintenance', {
      name: 'Orders DB',
      maintenance: backup,
      checks: [check({ status: 'maintenance', message: 'under maintenance' })],
    });
    const { unmount } = renderApp({ services: [service('api'), inMaintenance] });
    const banner = screen.getByRole('status');
    expect(banner.textContent).toBe('All systems operational');
    expect(banner.getAttribute('data-banner')).not.toMatch(/^(down|degraded|unknown)$/);
    expect(document.title).toBe('Greenboard');
    expect(faviconSvg()).toContain('data-kind="ok"');
    expect(tileCells(inMaintenance)).toBe(1);
    expect(screen.getByText('Maintenance until 16:00 · Nightly backup')).toBeTruthy();
    unmount();

    // Beside a real problem, only the problem counts, and it comes first.
    const next = renderApp({ services: [inMaintenance, service('checkout', 'down', { incident: incidentBrief('checkout') })] });
    expect(screen.getByRole('status').textContent).toBe('1 service down');
    expect(document.title).toBe('(1) Greenboard');
    expect(tileIds(next.container)).toEqual(['checkout', 'orders-db']);
  });

  it('a tile follows its incident as the socket writes it: paging, then paged, then acknowledged', () => {
    const down = (incident: ReturnType<typeof incidentBrief>) => service('checkout', 'down', { incident });
    const { container, queryClient } = renderApp({ services: [down(incidentBrief('checkout'))] });
    const tile = () => container.querySelector<HTMLElement>('[data-service="checkout"]')!;
    expect(tile().getAttribute('data-incident-state')).toBe('paging');
    const write = (incident: ReturnType<typeof incidentBrief>) =>
      act(() => {
        queryClient.setQueryData(servicesQuery().queryKey, (d) => d && { ...d, services: [down(incident)] });
        vi.advanceTimersByTime(1);
      });
    const pagedAt = new Date(Date.now()).toISOString();
    write(incidentBrief('checkout', { paged: { name: 'Alice', at: pagedAt } }));
    expect(tile().getAttribute('data-incident-state')).toBe('paged');
    expect(tile().textContent).toContain('Paged Alice · just now');
    act(() => {
      vi.advanceTimersByTime(2 * 60_000);
    });
    expect(tile().textContent).toContain('Paged Alice · 2m ago');
    write(incidentBrief('checkout', { status: 'acknowledged', paged: { name: 'Alice', at: pagedAt }, acknowledged: { by: 'Alice', at: pagedAt } }));
    expect(tile().getAttribute('data-incident-state')).toBe('acknowledged');
    expect(tile().textContent).toContain('Acknowledged by Alice · 2m ago');
  });

  it('a failing pager is shown in the problem style, beside the other notices', () => {
    const { queryClient, container } = renderApp({ services: [service('api')] });
    const notices = [
      { code: 'paging-failing' as const, message: 'Paging via email is failing: connection refused', since: '2026-01-05T14:00:00.000Z' },
      { code: 'history-not-saved' as const, message: 'History is not being saved.', since: '2026-01-05T14:00:00.000Z' },
    ];
    act(() => {
      queryClient.setQueryData(servicesQuery().queryKey, (data) => data && { ...data, notices });
      vi.advanceTimersByTime(1);
    });
    const paging = container.querySelector('[data-notice="paging-failing"]')!;
    expect(paging.textContent).toContain('Paging via email is failing: connection refused');
    expect(paging.querySelector('[role="alert"]')).not.toBeNull();
    expect(paging.classList.contains('board-notice-serious')).toBe(true);
    expect(container.querySelector('[data-notice="history-not-saved"]')!.classList.contains('board-notice-serious')).toBe(false);
  });
});
