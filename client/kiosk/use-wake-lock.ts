import { useEffect } from 'react';

/** How often a lock the browser refused is asked for again (it may have been hidden, or busy). */
export const WAKE_LOCK_RETRY_MS = 60_000;

/**
 * Keeps the screen from dimming or sleeping while the page is shown, where the browser
 * has the Screen Wake Lock API. The browser drops the lock whenever the page is hidden,
 * so it is asked for again when the page is visible again, and now and then after a
 * refusal. `<html data-wake-lock>` says how it went: held, released, refused, unsupported.
 */
export function useWakeLock(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const root = document.documentElement;
    // Absent in browsers without the API (and in older TVs' browsers), whatever the types say.
    const api = (navigator as Partial<Navigator>).wakeLock;
    if (!api) {
      root.dataset.wakeLock = 'unsupported';
      return () => void delete root.dataset.wakeLock;
    }
    let lock: WakeLockSentinel | null = null;
    let asking = false;
    let stopped = false;
    const acquire = async () => {
      if (stopped || asking || document.visibilityState !== 'visible' || (lock && !lock.released)) return;
      asking = true;
      try {
        const granted = await api.request('screen');
        if (stopped) return void (await granted.release());
        lock = granted;
        root.dataset.wakeLock = 'held';
        granted.addEventListener('release', () => {
          if (!stopped) root.dataset.wakeLock = 'released';
        });
      } catch {
        root.dataset.wakeLock = 'refused';
      } finally {
        asking = false;
      }
    };
    const onVisibility = () => void acquire();
    document.addEventListener('visibilitychange', onVisibility);
    const retry = setInterval(onVisibility, WAKE_LOCK_RETRY_MS);
    void acquire();
    return () => {
      stopped = true;
      clearInterval(retry);
      document.removeEventListener('visibilitychange', onVisibility);
      void lock?.release().catch(() => {});
      delete root.dataset.wakeLock;
    };
  }, [enabled]);
}
