import { cleanup, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { UptimeResponse } from '../../../shared/api';
import { service } from '../fixtures';
import { renderApp } from '../render';
import { DAY, SLO_BREACHED, uptimeResponse, uptimeView } from './uptime-fixtures';

let asked: string[];

/** The server: `GET /api/uptime` answers `body`; anything else stays pending, as the board's other tests have it. */
function serveUptime(body: UptimeResponse) {
  asked = [];
  vi.stubGlobal(
    'fetch',
    vi.fn((input: string) => {
      const url = new URL(input, 'http://board.test');
      if (url.pathname !== '/api/uptime') return new Promise<never>(() => {});
      asked.push(url.searchParams.get('window') ?? '');
      return Promise.resolve(new Response(JSON.stringify(body), { status: 200, headers: { 'content-type': 'application/json' } }));
    }),
  );
}

/** Opens the wall at an address, as a TV configured by its URL would. */
function openWall(search: string) {
  window.history.replaceState(null, '', `/${search}`);
  return renderApp({ services: [service('api', 'down'), service('db'), service('queue')], path: undefined });
}

const tile = (id: string) => document.querySelector<HTMLElement>(`[data-service="${id}"]`)!;

const ANSWER = uptimeResponse(
  [
    uptimeView('api', { uptime: 0.9958, downMs: 10_886_400, slo: SLO_BREACHED }),
    uptimeView('db'),
    uptimeView('queue', { uptime: null, monitoredMs: 0, upMs: 0 }),
  ],
  { uptime: 0.99861, monitoredMs: 90 * DAY, downMs: 10_886_400 },
);

beforeEach(() => serveUptime(ANSWER));

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  window.history.replaceState(null, '', '/');
  document.title = '';
  delete document.documentElement.dataset.connection;
});

describe('uptime on the wall', () => {
  it('stops showing the figures once asking for them again fails, rather than showing old ones', async () => {
    const { queryClient } = openWall('');
    await waitFor(() => expect(tile('api').getAttribute('data-uptime')).toBe('99.58'));
    vi.stubGlobal(
      'fetch',
      vi.fn(() =>
        Promise.resolve(new Response('{"error":{"code":"internal","message":"store down"}}', { status: 500, headers: { 'content-type': 'application/json' } })),
      ),
    );
    await queryClient.invalidateQueries({ queryKey: ['uptime'] });
    await waitFor(() => expect(tile('api').hasAttribute('data-uptime')).toBe(false));
    expect(document.querySelector('[data-uptime-overall]')).toBeNull();
  });

  it('by default each tile shows its 30-day uptime, and the banner the board’s', async () => {
    openWall('');
    await waitFor(() => expect(tile('api').getAttribute('data-uptime')).toBe('99.58'));
    expect(asked).toEqual(['30d']);
    expect(tile('api').querySelector('.tile-uptime')?.textContent).toContain('99.58 % · 30 d');
    expect(tile('db').getAttribute('data-uptime')).toBe('100');
    const overall = document.querySelector('[data-uptime-overall]')!;
    expect(overall.getAttribute('data-uptime-overall')).toBe('99.86');
    expect(overall.textContent).toBe('Uptime 99.86 % · 30 d');
    // The sentence itself is unchanged: the figure sits beside it.
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('1 service down');
  });

  it('a service with nothing watched shows no figure, not 100 %', async () => {
    openWall('');
    await waitFor(() => expect(tile('db').hasAttribute('data-uptime')).toBe(true));
    expect(tile('queue').hasAttribute('data-uptime')).toBe(false);
    expect(tile('queue').querySelector('.tile-uptime')).toBeNull();
  });

  it('a service whose objective is broken is marked, and says so on its tile', async () => {
    openWall('');
    await waitFor(() => expect(tile('api').hasAttribute('data-slo-breached')).toBe(true));
    expect(tile('api').querySelector('.tile-uptime')?.textContent).toMatch(/^SLO breached · /);
    expect(tile('db').hasAttribute('data-slo-breached')).toBe(false);
  });

  it('the address chooses the window: ?uptime=7d asks for 7 days and says so', async () => {
    openWall('?uptime=7d');
    await waitFor(() => expect(tile('api').getAttribute('data-uptime')).toBe('99.58'));
    expect(asked).toEqual(['7d']);
    expect(document.querySelector('[data-uptime-overall]')?.textContent).toBe('Uptime 99.86 % · 7 d');
  });

  it('?uptime=off shows no figure anywhere and asks the server for none', async () => {
    openWall('?uptime=off');
    // The wall is drawn, and the tile a figure would be on.
    await waitFor(() => expect(tile('api')).toBeTruthy());
    expect(asked).toEqual([]);
    expect(document.querySelector('[data-uptime], [data-uptime-overall], [data-slo-breached], .tile-uptime')).toBeNull();
  });

  it('shows nothing while the figures load, rather than anything that looks like 100 %', () => {
    vi.stubGlobal(
      'fetch',
      vi.fn(() => new Promise<never>(() => {})),
    );
    openWall('');
    expect(tile('db').hasAttribute('data-uptime')).toBe(false);
    expect(document.querySelector('[data-uptime-overall]')).toBeNull();
  });
});
