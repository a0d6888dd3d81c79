import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { act, cleanup, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { App } from '../../../client/App';
import { createConnectionStore } from '../../../client/api/connection';
import { connectLive } from '../../../client/api/live';
import { FakeSocket } from '../fake-socket';
import { person, service, snapshot, teamOncall } from '../fixtures';

const NOW = new Date(2026, 0, 5, 14, 2, 11);
const at = (hours: number, minutes = 0) => new Date(2026, 0, 5, hours, minutes).toISOString();

beforeEach(() => {
  vi.useFakeTimers({ now: NOW });
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

/** The board fed by a fake server through the real live wiring. */
function liveBoard() {
  const socket = new FakeSocket();
  const queryClient = new QueryClient();
  const connection = createConnectionStore();
  const stop = connectLive({ socket, queryClient, connection });
  const { container } = render(
    <QueryClientProvider client={queryClient}>
      <App connection={connection} path="/" />
    </QueryClientProvider>,
  );
  const server = (event: string, payload: unknown) =>
    act(() => {
      socket.serverAccepts();
      socket.serverSends(event, payload);
      vi.advanceTimersByTime(1);
    });
  return { container, server, stop };
}

const entry = (container: HTMLElement, team: string) => container.querySelector<HTMLElement>(`[data-oncall-team="${team}"]`);

describe('the on-call strip', () => {
  it('shows each team and who is on call until when, from the snapshot, then follows oncall:update', () => {
    const { container, server, stop } = liveBoard();
    const oncall = [
      teamOncall('payments', 'Payments', person('alice', 'Alice Liddell'), at(18)),
      teamOncall('search', 'Search', person('bob', 'Bob Tables'), new Date(2026, 0, 6, 9, 0).toISOString()),
    ];
    server('snapshot', { ...snapshot([service('api')], 1), oncall });
    expect(entry(container, 'payments')?.textContent).toBe('Payments → Alice Liddell until 18:00');
    expect(entry(container, 'search')?.textContent).toBe('Search → Bob Tables until 09:00');

    // The handoff: only the team that changed is sent, whole.
    server('oncall:update', { epoch: 'e1', teams: [teamOncall('payments', 'Payments', person('carol', 'Carol Danvers'), at(22))] });
    expect(entry(container, 'payments')?.textContent).toBe('Payments → Carol Danvers until 22:00');
    expect(entry(container, 'search')?.textContent).toContain('Bob Tables');
    stop();
  });

  it('a team with nobody on call says so in the problem style, first on the strip', () => {
    const { container, server, stop } = liveBoard();
    const oncall = [teamOncall('alpha', 'Alpha', person('alice', 'Alice Liddell')), teamOncall('zulu', 'Zulu', null)];
    server('snapshot', { ...snapshot([service('api')], 1), oncall });
    const nobody = entry(container, 'zulu')!;
    expect(nobody.textContent).toBe('Zulu → nobody on call');
    expect(nobody.hasAttribute('data-nobody')).toBe(true);
    expect(nobody.querySelector('.oncall-nobody')?.textContent).toBe('nobody on call');
    expect(entry(container, 'alpha')!.hasAttribute('data-nobody')).toBe(false);
    const teams = [...container.querySelectorAll('[data-oncall-team]')].map((el) => el.getAttribute('data-oncall-team'));
    expect(teams).toEqual(['zulu', 'alpha']);
    stop();
  });

  it('puts the teams with a problem on the wall before the quiet ones', () => {
    const { container, server, stop } = liveBoard();
    const oncall = [teamOncall('alpha', 'Alpha', person('a', 'Ann')), teamOncall('zulu', 'Zulu', person('z', 'Zed'))];
    server('snapshot', { ...snapshot([service('api', 'down', { team: { id: 'zulu', name: 'Zulu' } })], 1), oncall });
    const teams = [...container.querySelectorAll('[data-oncall-team]')].map((el) => el.getAttribute('data-oncall-team'));
    expect(teams).toEqual(['zulu', 'alpha']);
    stop();
  });

  it('is not there when no team has a schedule', () => {
    const { container, server, stop } = liveBoard();
    server('snapshot', snapshot([service('api')], 1));
    expect(container.querySelector('[data-board="ready"]')).not.toBeNull();
    expect(container.querySelector('.oncall-strip')).toBeNull();
    stop();
  });
});
