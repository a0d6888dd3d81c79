import { useEffect } from 'react';
import { msToNextShift, shiftAt, shiftAttribute } from './pixel-shift';

/**
 * While mounted: `<html data-kiosk>` (which kiosk.css keys on) and the burn-in shift,
 * `data-shift="x,y"` with the offsets as CSS variables, moved by a timer that wakes only
 * when the next step is due.
 */
export function useKioskMode(enabled: boolean): void {
  useEffect(() => {
    if (!enabled) return;
    const root = document.documentElement;
    root.dataset.kiosk = '';
    let timer: ReturnType<typeof setTimeout> | undefined;
    const place = () => {
      const now = Date.now();
      const shift = shiftAt(now);
      root.dataset.shift = shiftAttribute(shift);
      root.style.setProperty('--kiosk-shift-x', `${shift.x}px`);
      root.style.setProperty('--kiosk-shift-y', `${shift.y}px`);
      timer = setTimeout(place, msToNextShift(now));
    };
    place();
    return () => {
      clearTimeout(timer);
      delete root.dataset.kiosk;
      delete root.dataset.shift;
      root.style.removeProperty('--kiosk-shift-x');
      root.style.removeProperty('--kiosk-shift-y');
    };
  }, [enabled]);
}
