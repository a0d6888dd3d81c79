import { renderHook } from '@testing-library/react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { useWakeLock } from '../../../client/kiosk/use-wake-lock';

/** A stand-in for the browser's lock: the browser releases it when the page is hidden. */
class FakeSentinel extends EventTarget {
  released = false;
  readonly type = 'screen';
  release = vi.fn(async () => {
    this.dropped();
  });
  dropped() {
    this.released = true;
    this.dispatchEvent(new Event('release'));
  }
}

function stubWakeLock(request: () => Promise<FakeSentinel>) {
  const api = { request: vi.fn(request) };
  vi.stubGlobal('navigator', Object.assign(Object.create(navigator) as Navigator, { wakeLock: api }));
  return api;
}

const state = () => document.documentElement.dataset.wakeLock;

afterEach(() => vi.unstubAllGlobals());

describe('the screen kept awake', () => {
  it('asks for a lock at once, and again when the page is shown after the browser dropped it', async () => {
    const locks: FakeSentinel[] = [];
    const api = stubWakeLock(async () => {
      locks.push(new FakeSentinel());
      return locks.at(-1)!;
    });
    const { unmount } = renderHook(() => useWakeLock(true));
    await vi.waitFor(() => expect(state()).toBe('held'));
    locks[0]!.dropped(); // the page was hidden
    expect(state()).toBe('released');
    document.dispatchEvent(new Event('visibilitychange'));
    await vi.waitFor(() => expect(state()).toBe('held'));
    expect(api.request).toHaveBeenCalledTimes(2);
    unmount();
    expect(locks[1]!.release).toHaveBeenCalled();
    expect(state()).toBeUndefined();
  });

  it('says when the browser refuses, or has no such thing', async () => {
    stubWakeLock(() => Promise.reject(new DOMException('not allowed', 'NotAllowedError')));
    const refused = renderHook(() => useWakeLock(true));
    await vi.waitFor(() => expect(state()).toBe('refused'));
    refused.unmount();
    vi.stubGlobal('navigator', {});
    renderHook(() => useWakeLock(true));
    expect(state()).toBe('unsupported');
  });

  it('does nothing on a screen that is not a kiosk', () => {
    const api = stubWakeLock(async () => new FakeSentinel());
    renderHook(() => useWakeLock(false));
    expect(api.request).not.toHaveBeenCalled();
  });
});
