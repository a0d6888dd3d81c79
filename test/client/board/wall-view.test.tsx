import { act, cleanup, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SavedView, ViewsResponse } from '../../../shared/api';
import { service } from '../fixtures';
import { renderApp, tileIds } from '../render';

const payments = { id: 'payments', name: 'Payments' };
const search = { id: 'search', name: 'Search' };
const SERVICES = [
  service('checkout', 'up', { team: payments, tags: ['eu'] }),
  service('ledger', 'up', { team: payments }),
  service('query', 'up', { team: search, tags: ['eu'] }),
  service('index', 'down', { team: search }),
];

let saved: SavedView[] = [];

beforeEach(() => {
  // 09:00:00 UTC: a 30 s rotation is at the start of a turn.
  vi.useFakeTimers({ now: Date.parse('2026-01-05T09:00:00Z') });
  saved = [];
  vi.stubGlobal(
    'fetch',
    vi.fn(async (url: string) => {
      if (url !== '/api/views') return new Promise<never>(() => {});
      const body: ViewsResponse = { views: saved, boardUrl: null };
      return new Response(JSON.stringify(body), { headers: { 'content-type': 'application/json' } });
    }),
  );
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  vi.useRealTimers();
  window.history.replaceState(null, '', '/');
  document.title = '';
});

async function openWall(search: string) {
  window.history.replaceState(null, '', `/${search}`);
  const app = renderApp({ services: SERVICES, path: undefined });
  await act(async () => {
    await vi.advanceTimersByTimeAsync(10);
  });
  return app;
}

const bar = () => document.querySelector<HTMLElement>('[data-view]');

describe('views of the wall', () => {
  it('?team= shows that team, names the view in the bar and the tab, and counts the problems it leaves out', async () => {
    const { container } = await openWall('?team=payments');
    expect(tileIds(container).sort()).toEqual(['checkout', 'ledger']);
    expect(bar()?.getAttribute('data-view')).toBe('team:payments');
    expect(bar()?.textContent).toContain('Payments');
    expect(bar()?.getAttribute('data-view-elsewhere')).toBe('1');
    expect(screen.getByText('1 problem outside this view: index')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('All systems operational');
    expect(document.title).toBe('Payments · Greenboard');
  });

  it('?status=problems shows only problems; the banner still says how the whole board is', async () => {
    const { container } = await openWall('?status=problems');
    expect(tileIds(container)).toEqual(['index']);
    expect(screen.getByRole('status').textContent).toBe('1 service down');
    expect(document.title).toBe('(1) Problems · Greenboard');
  });

  it('a problems view with none says so in words, under a banner that says all is well', async () => {
    const { container } = await openWall('?team=payments&status=problems');
    expect(tileIds(container)).toEqual([]);
    expect(screen.getByText('Nothing in this view right now')).toBeTruthy();
    expect(screen.getByRole('status').textContent).toBe('All systems operational');
  });

  it('a team that does not exist is named with the known ones, and the whole wall shows instead of an empty one', async () => {
    const { container } = await openWall('?team=paymnts');
    expect(tileIds(container)).toHaveLength(SERVICES.length);
    const notice = document.querySelector('[data-view-notice]');
    expect(notice?.textContent).toBe('No team "paymnts" — known teams: Payments (payments), Search (search)');
    expect(bar()).toBeNull();
  });

  it('?rotate= turns through the teams, with every problem on every page, saying which page comes next', async () => {
    const { container } = await openWall('?rotate=30s');
    expect(bar()?.getAttribute('data-view')).toBe('team:payments');
    expect(bar()?.getAttribute('data-view-next')).toBe('team:search');
    expect(bar()?.textContent).toContain('1 of 2 · next: Search');
    expect(tileIds(container)).toEqual(['index', 'checkout', 'ledger']);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(30_000);
    });
    expect(bar()?.getAttribute('data-view')).toBe('team:search');
    expect(tileIds(container)).toEqual(['index', 'query']);
    await act(async () => {
      await vi.advanceTimersByTimeAsync(30_000);
    });
    expect(bar()?.getAttribute('data-view')).toBe('team:payments');
  });

  it("?rotate= turns through the config's saved views when it has some; ?view= shows one", async () => {
    saved = [
      { id: 'europe', name: 'Europe', teams: [], tags: ['eu'], statuses: [] },
      { id: 'search', name: 'Search team', teams: ['search'], tags: [], statuses: [] },
    ];
    const rotating = await openWall('?rotate=30s');
    expect(bar()?.getAttribute('data-view')).toBe('europe');
    expect(tileIds(rotating.container)).toEqual(['index', 'checkout', 'query']);
    cleanup();
    const fixed = await openWall('?view=search');
    expect(bar()?.getAttribute('data-view')).toBe('search');
    expect(bar()?.getAttribute('data-view-next')).toBeNull();
    expect(tileIds(fixed.container)).toEqual(['index', 'query']);
  });
});
