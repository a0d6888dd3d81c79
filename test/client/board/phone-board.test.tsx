import { cleanup, screen, within } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { person, service, teamOncall } from '../fixtures';
import { renderApp, tileIds } from '../render';

// jsdom lays nothing out and has no matchMedia: the board is drawn as on a phone, one column that scrolls.
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
  document.title = '';
});

const ONCALL = [teamOncall('payments', 'Payments', person('alice', 'Alice Liddell'))];
const follows = (later: HTMLElement, earlier: HTMLElement) => Boolean(earlier.compareDocumentPosition(later) & Node.DOCUMENT_POSITION_FOLLOWING);

describe('the board on a phone', () => {
  it('lists the problems, then who is on call, then the other services', () => {
    renderApp({
      services: [
        service('api'),
        service('backups', 'maintenance'),
        service('checkout', 'down'),
        service('search', 'up', { impactedBy: ['checkout'] }),
        service('ledger', 'degraded'),
      ],
      oncall: ONCALL,
    });
    const problems = screen.getByRole('list', { name: 'Problems' });
    const strip = screen.getByRole('list', { name: 'On call' });
    const rest = screen.getByRole('list', { name: 'Other services' });
    expect(tileIds(problems)).toEqual(['checkout', 'ledger', 'search']);
    expect(tileIds(rest)).toEqual(['backups', 'api']);
    expect(follows(strip, problems)).toBe(true);
    expect(follows(rest, strip)).toBe(true);
    expect(within(strip).getByText('Alice Liddell')).toBeTruthy();
  });

  it('with nothing wrong, starts with who is on call and lists every service after it', () => {
    renderApp({ services: [service('b'), service('a')], oncall: ONCALL });
    expect(screen.queryByRole('list', { name: 'Problems' })).toBeNull();
    const all = screen.getByRole('list', { name: 'Services' });
    expect(tileIds(all)).toEqual(['a', 'b']);
    expect(follows(all, screen.getByRole('list', { name: 'On call' }))).toBe(true);
  });
});
