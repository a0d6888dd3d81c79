import { describe, expect, it } from 'vitest';
import type { SavedView, ServiceView } from '../../../shared/api';
import { resolveView, selectPage, type ViewPage } from '../../../client/board/view';
import { parseViewQuery } from '../../../client/board/view-query';
import { service } from '../fixtures';

const payments = { id: 'payments', name: 'Payments' };
const search = { id: 'search', name: 'Search' };

const SERVICES: ServiceView[] = [
  service('checkout', 'up', { team: payments, tags: ['eu'] }),
  service('ledger', 'down', { team: payments, tags: ['us'] }),
  service('query', 'up', { team: search, tags: ['eu'] }),
  service('index', 'degraded', { team: search }),
  service('batch', 'maintenance', { team: null }),
];

const SAVED: SavedView[] = [
  { id: 'eu', name: 'Europe', teams: [], tags: ['eu'], statuses: [] },
  { id: 'red', name: 'Down', teams: [], tags: [], statuses: ['down'] },
];

const resolve = (search: string, saved: SavedView[] | null = []) => resolveView(parseViewQuery(search), SERVICES, saved);
const ids = (services: readonly ServiceView[]) => services.map((s) => s.id);
const show = (page: ViewPage | undefined, pin = false) => ids(selectPage(SERVICES, page ?? null, pin).shown);

describe('what a view shows', () => {
  it('the whole wall has no page', () => {
    expect(resolve('')).toEqual({ pages: [], rotateMs: null, notices: [] });
    expect(show(undefined)).toEqual(ids(SERVICES));
  });

  it('?team= shows that team, found by id or by name in any case', () => {
    const { pages } = resolve('?team=SEARCH,payments');
    expect(pages.map((p) => [p.id, p.name])).toEqual([['team:search,payments', 'Search, Payments']]);
    expect(show(pages[0])).toEqual(['checkout', 'ledger', 'query', 'index']);
    expect(show(resolve('?team=payments').pages[0])).toEqual(['checkout', 'ledger']);
  });

  it('?status=problems shows down, degraded and unknown, not maintenance; its banner sums up every service', () => {
    const [page] = resolve('?status=problems').pages;
    expect(page).toMatchObject({ id: 'status:problems', name: 'Problems' });
    const selection = selectPage(SERVICES, page!, false);
    expect(ids(selection.shown)).toEqual(['ledger', 'index']);
    expect(ids(selection.summarised)).toEqual(ids(SERVICES));
  });

  it('filters combine: each must match', () => {
    const [page] = resolve('?tag=eu&team=payments&status=up').pages;
    expect(page).toMatchObject({ id: 'team:payments tag:eu status:up', name: 'Payments · tagged eu · up' });
    expect(show(page)).toEqual(['checkout']);
  });

  it('?view= shows a saved view, with the rest of the address on top of it', () => {
    expect(resolve('?view=eu', SAVED).pages.map((p) => [p.id, p.name])).toEqual([['eu', 'Europe']]);
    expect(show(resolve('?view=eu', SAVED).pages[0])).toEqual(['checkout', 'query']);
    expect(show(resolve('?view=eu&team=search', SAVED).pages[0])).toEqual(['query']);
  });

  it('a fixed view counts the problems it leaves out', () => {
    const selection = selectPage(SERVICES, resolve('?team=search').pages[0]!, false);
    expect(ids(selection.elsewhere)).toEqual(['ledger']);
  });

  it('names what does not exist, with what does, and shows the rest instead of an empty wall', () => {
    expect(resolve('?team=paymnts')).toEqual({ pages: [], rotateMs: null, notices: ['No team "paymnts" — known teams: Payments (payments), Search (search)'] });
    expect(resolve('?tag=asia').notices).toEqual(['No service has the tag "asia" — known tags: eu, us']);
    expect(resolve('?view=nope', SAVED).notices).toEqual(['No saved view "nope" — saved views: eu, red']);
    expect(resolve('?view=nope', []).notices).toEqual(['No saved view "nope" — the config defines none']);
    expect(resolve('?team=nope,search').pages.map((p) => p.id)).toEqual(['team:search']);
  });

  it('says nothing of a saved view before the saved views are known', () => {
    expect(resolve('?view=eu', null)).toEqual({ pages: [], rotateMs: null, notices: [] });
  });
});

describe('a rotation', () => {
  it('turns through the teams present, by name, then the services with no team', () => {
    const { pages, rotateMs } = resolve('?rotate=30s');
    expect(rotateMs).toBe(30_000);
    expect(pages.map((p) => [p.id, p.name])).toEqual([
      ['team:payments', 'Payments'],
      ['team:search', 'Search'],
      ['team:none', 'No team'],
    ]);
  });

  it('turns through the saved views when the config has some', () => {
    expect(resolve('?rotate=30s', SAVED).pages.map((p) => p.id)).toEqual(['eu', 'red']);
  });

  it('turns through the teams listed in ?team=, in the order given', () => {
    expect(resolve('?rotate=30s&team=search,payments', SAVED).pages.map((p) => p.id)).toEqual(['team:search', 'team:payments']);
  });

  it('every page also takes the rest of the address: teams present among services tagged eu', () => {
    const { pages } = resolve('?rotate=1m&tag=eu');
    expect(pages.map((p) => p.id)).toEqual(['team:payments', 'team:search']);
    expect(show(pages[1])).toEqual(['query']);
  });

  it('pins every problem of the board to every page: a page never hides one', () => {
    const { pages } = resolve('?rotate=30s', SAVED);
    for (const page of pages) {
      const shown = show(page, true);
      for (const problem of ['ledger', 'index']) expect(shown, page.id).toContain(problem);
    }
    expect(show(pages[0], true)).toEqual(['checkout', 'ledger', 'query', 'index']);
    expect(selectPage(SERVICES, pages[0]!, true).elsewhere).toEqual([]);
  });
});
