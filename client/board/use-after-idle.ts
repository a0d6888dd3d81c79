import { useEffect } from 'react';

const ACTIVITY = ['pointermove', 'pointerdown', 'keydown', 'wheel', 'touchstart', 'scroll'] as const;

/**
 * Calls `action` once nobody has touched the page for `idleMs`, while `active`. A wall
 * screen someone unfolded by a stray click goes back to fitting the screen by itself.
 */
export function useAfterIdle(active: boolean, idleMs: number, action: () => void): void {
  useEffect(() => {
    if (!active) return;
    let timer = setTimeout(action, idleMs);
    const restart = () => {
      clearTimeout(timer);
      timer = setTimeout(action, idleMs);
    };
    for (const event of ACTIVITY) window.addEventListener(event, restart, { passive: true, capture: true });
    return () => {
      clearTimeout(timer);
      for (const event of ACTIVITY) window.removeEventListener(event, restart, { capture: true });
    };
  }, [active, idleMs, action]);
}
