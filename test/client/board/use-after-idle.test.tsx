import { renderHook } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { useAfterIdle } from '../../../client/board/use-after-idle';

beforeEach(() => vi.useFakeTimers());
afterEach(() => vi.useRealTimers());

describe('useAfterIdle', () => {
  it('acts once nobody has touched the page for the idle time, and each touch starts it again', () => {
    const action = vi.fn();
    renderHook(() => useAfterIdle(true, 1_000, action));
    vi.advanceTimersByTime(900);
    window.dispatchEvent(new Event('keydown'));
    vi.advanceTimersByTime(900);
    expect(action).not.toHaveBeenCalled();
    vi.advanceTimersByTime(100);
    expect(action).toHaveBeenCalledOnce();
  });

  it('does nothing while not active, and stops when no longer needed', () => {
    const action = vi.fn();
    const { rerender, unmount } = renderHook(({ active }) => useAfterIdle(active, 1_000, action), { initialProps: { active: false } });
    vi.advanceTimersByTime(5_000);
    rerender({ active: true });
    unmount();
    vi.advanceTimersByTime(5_000);
    expect(action).not.toHaveBeenCalled();
  });
});
