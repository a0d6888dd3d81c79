import { act, cleanup } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { SHIFT_PERIOD_MS, shiftAt, shiftAttribute } from '../../../client/kiosk/pixel-shift';
import { service } from '../fixtures';
import { renderApp } from '../render';

const root = document.documentElement;
const corner = () => ({
  clock: document.querySelector('[data-kiosk-clock]')?.textContent,
  ago: document.querySelector('[data-updated-ago]')?.textContent,
  seconds: document.querySelector('[data-updated-ago]')?.getAttribute('data-updated-ago'),
});

beforeEach(() => {
  vi.useFakeTimers({ now: new Date(2026, 0, 5, 14, 2, 11) });
  vi.stubGlobal(
    'fetch',
    vi.fn(() => new Promise<never>(() => {})),
  );
});

afterEach(() => {
  cleanup();
  window.history.replaceState(null, '', '/');
  vi.unstubAllGlobals();
  vi.useRealTimers();
});

describe('a screen opened with ?kiosk', () => {
  it('is marked for the kiosk rules, and shows the time and how fresh the board is in a corner, ticking', () => {
    window.history.replaceState(null, '', '/?kiosk');
    renderApp({ services: [service('api')], connection: { lastUpdateAt: Date.now() - 2_000 } });
    expect(root.dataset.kiosk).toBe('');
    expect(corner()).toEqual({ clock: '14:02', ago: 'updated 2s ago', seconds: '2' });
    act(() => void vi.advanceTimersByTime(60_000));
    expect(corner()).toEqual({ clock: '14:03', ago: 'updated 1m ago', seconds: '62' });
  });

  it('says so when nothing has come from the server yet', () => {
    window.history.replaceState(null, '', '/?kiosk');
    renderApp({ connection: { state: 'connecting', lastUpdateAt: null } });
    expect(corner()).toEqual({ clock: '14:02', ago: 'not updated yet', seconds: '' });
  });

  it('moves the board a pixel when each period ends, and says where it is', () => {
    window.history.replaceState(null, '', '/?kiosk');
    renderApp({ services: [service('api')] });
    const first = shiftAttribute(shiftAt(Date.now()));
    expect(root.dataset.shift).toBe(first);
    expect(root.style.getPropertyValue('--kiosk-shift-x')).toBe(`${shiftAt(Date.now()).x}px`);
    act(() => void vi.advanceTimersByTime(SHIFT_PERIOD_MS));
    expect(root.dataset.shift).toBe(shiftAttribute(shiftAt(Date.now())));
    expect(root.dataset.shift).not.toBe(first);
  });

  it('leaves nothing behind when the app goes, and an ordinary tab has none of it', () => {
    window.history.replaceState(null, '', '/?kiosk');
    const { unmount } = renderApp({ services: [service('api')] });
    unmount();
    expect(root.dataset.kiosk).toBeUndefined();
    expect(root.dataset.shift).toBeUndefined();
    window.history.replaceState(null, '', '/');
    renderApp({ services: [service('api')] });
    expect(root.dataset.kiosk).toBeUndefined();
    expect(document.querySelector('[data-kiosk-clock]')).toBeNull();
  });
});
