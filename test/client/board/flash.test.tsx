import { act, cleanup, render } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { Status } from '../../../shared/status';
import { Tile } from '../../../client/board/Tile';
import { FLASH_MS } from '../../../client/board/use-flash';
import { service } from '../fixtures';

beforeEach(() => vi.useFakeTimers());
afterEach(() => {
  cleanup();
  vi.useRealTimers();
});

const tileOf = (status: Status) => (
  <ul>
    <Tile service={service('checkout', status)} now={Date.parse('2026-01-05T09:10:00Z')} />
  </ul>
);

describe('a tile that just changed', () => {
  it('flashes when its status changes, for a moment only', () => {
    const { container, rerender } = render(tileOf('up'));
    const tile = container.querySelector('[data-service]')!;
    expect(tile.hasAttribute('data-changed')).toBe(false);
    rerender(tileOf('down'));
    expect(tile.hasAttribute('data-changed')).toBe(true);
    act(() => {
      vi.advanceTimersByTime(FLASH_MS - 1);
    });
    expect(tile.hasAttribute('data-changed')).toBe(true);
    act(() => {
      vi.advanceTimersByTime(1);
    });
    expect(tile.hasAttribute('data-changed')).toBe(false);
    expect(FLASH_MS).toBeLessThanOrEqual(2_000);
  });

  it('does not flash when it first appears, or when something else about it changes', () => {
    const { container, rerender } = render(tileOf('down'));
    const tile = container.querySelector('[data-service]')!;
    expect(tile.hasAttribute('data-changed')).toBe(false);
    rerender(
      <ul>
        <Tile service={service('checkout', 'down', { name: 'Checkout API' })} now={Date.parse('2026-01-05T09:11:00Z')} />
      </ul>,
    );
    expect(tile.hasAttribute('data-changed')).toBe(false);
  });

  it('a second change while flashing flashes for the whole time again', () => {
    const { container, rerender } = render(tileOf('up'));
    const tile = container.querySelector('[data-service]')!;
    rerender(tileOf('degraded'));
    act(() => {
      vi.advanceTimersByTime(FLASH_MS - 100);
    });
    rerender(tileOf('down'));
    act(() => {
      vi.advanceTimersByTime(FLASH_MS - 1);
    });
    expect(tile.hasAttribute('data-changed')).toBe(true);
    act(() => {
      vi.advanceTimersByTime(1);
    });
    expect(tile.hasAttribute('data-changed')).toBe(false);
  });
});
