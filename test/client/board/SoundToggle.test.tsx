import { act, cleanup, fireEvent, screen } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { ServiceView } from '../../../shared/api';
import { servicesQuery } from '../../../client/api/services';
import { applyDelta, applySnapshot, type BoardData } from '../../../client/api/services-cache';
import { SOUND_KEY } from '../../../client/board/sound-preference';
import { service, snapshot } from '../fixtures';
import { renderApp } from '../render';

const chime = vi.hoisted(() => ({ play: vi.fn(), blocked: vi.fn(() => false), unlock: vi.fn(async () => {}), close: vi.fn() }));
vi.mock('../../../client/board/sound', () => ({ createChime: () => chime }));

const payments = { id: 'payments', name: 'Payments' };
const search = { id: 'search', name: 'Search' };
const SERVICES = [service('checkout', 'up', { team: payments }), service('query', 'up', { team: search })];

beforeEach(() => {
  vi.stubGlobal(
    'fetch',
    vi.fn(() => new Promise<never>(() => {})),
  );
  chime.play.mockClear();
  chime.blocked.mockReturnValue(false);
});

afterEach(() => {
  cleanup();
  vi.unstubAllGlobals();
  localStorage.clear();
  window.history.replaceState(null, '', '/');
});

function openWall(search: string) {
  window.history.replaceState(null, '', `/${search}`);
  const app = renderApp({ services: SERVICES, path: undefined });
  const key = servicesQuery().queryKey;
  let seq = 1;
  // The cache tells its observers on the next turn of the event loop.
  const settle = () => new Promise((resolve) => setTimeout(resolve, 0));
  const change = (...services: ServiceView[]) =>
    act(async () => {
      app.queryClient.setQueryData<BoardData>(key, (current) => applyDelta(current, { epoch: 'e1', seq: ++seq, services }).data);
      await settle();
    });
  const resync = (...services: ServiceView[]) =>
    act(async () => {
      seq += 3;
      app.queryClient.setQueryData<BoardData>(key, (current) =>
        applySnapshot(current, { ...snapshot(services, seq), generatedAt: `2026-01-05T10:00:0${seq % 10}.000Z` }),
      );
      await settle();
    });
  return { ...app, change, resync, toggle: () => screen.getByRole('button', { name: /sound/i }) };
}

describe('sound on a wall opened with ?sound=1', () => {
  it('there is no mute button, and no sound, without ?sound', async () => {
    const wall = openWall('');
    expect(document.querySelector('[data-sound]')).toBeNull();
    await wall.change(service('checkout', 'down', { team: payments }));
    expect(chime.play).not.toHaveBeenCalled();
  });

  it('plays a tone when a service becomes a problem, not for the first snapshot, nor for one after a reconnect', async () => {
    const wall = openWall('?sound=1');
    expect(wall.toggle().getAttribute('data-sound')).toBe('on');
    expect(chime.play).not.toHaveBeenCalled();
    await wall.change(service('checkout', 'down', { team: payments }));
    expect(chime.play).toHaveBeenCalledTimes(1);
    // Worse, but already a problem: no new tone.
    await wall.change(service('checkout', 'down', { team: payments, since: '2026-01-05T09:30:00.000Z' }));
    expect(chime.play).toHaveBeenCalledTimes(1);
    await wall.resync(service('checkout', 'down', { team: payments }), service('query', 'down', { team: search }));
    expect(chime.play).toHaveBeenCalledTimes(1);
  });

  it('the mute button silences it, and the choice outlives a reload', async () => {
    const wall = openWall('?sound=1');
    fireEvent.click(wall.toggle());
    expect(wall.toggle().getAttribute('data-sound')).toBe('off');
    expect(wall.toggle().getAttribute('aria-pressed')).toBe('false');
    expect(localStorage.getItem(SOUND_KEY)).toBe('off');
    await wall.change(service('checkout', 'down', { team: payments }));
    expect(chime.play).not.toHaveBeenCalled();
    cleanup();
    const again = openWall('?sound=1');
    expect(again.toggle().getAttribute('data-sound')).toBe('off');
    fireEvent.click(again.toggle());
    expect(again.toggle().getAttribute('data-sound')).toBe('on');
    expect(localStorage.getItem(SOUND_KEY)).toBe('on');
  });

  it('while the browser holds sound back, the button says so and a click lets it play', async () => {
    chime.blocked.mockReturnValue(true);
    const wall = openWall('?sound=1');
    expect(wall.toggle().hasAttribute('data-sound-blocked')).toBe(true);
    expect(wall.toggle().textContent).toContain('click to allow');
    chime.blocked.mockReturnValue(false);
    await act(async () => {
      fireEvent.click(wall.toggle());
      await Promise.resolve();
    });
    expect(chime.unlock).toHaveBeenCalled();
    expect(wall.toggle().getAttribute('data-sound')).toBe('on');
    expect(wall.toggle().hasAttribute('data-sound-blocked')).toBe(false);
  });

  it('a view sounds only for the services it shows', async () => {
    const wall = openWall('?team=search&sound=1');
    await wall.change(service('checkout', 'down', { team: payments }));
    expect(chime.play).not.toHaveBeenCalled();
    await wall.change(service('query', 'degraded', { team: search }));
    expect(chime.play).toHaveBeenCalledTimes(1);
  });
});
