import { useState } from 'react';
import type { ConnectionStore } from '../api/connection';
import { KioskCorner } from './KioskCorner';
import { kioskOptions } from './kiosk-options';
import { useKioskMode } from './use-kiosk-mode';
import { useSoftRefresh } from './use-soft-refresh';
import { useWakeLock } from './use-wake-lock';
import './kiosk.css';

/**
 * What a screen nobody touches needs, turned on by its address (`?kiosk`, `?refresh=`):
 * no cursor or chrome, a clock, the burn-in shift, the screen kept awake, and new
 * releases swapped in by themselves. Mounted once, beside whatever page is shown.
 */
export function Kiosk({ connection }: { connection: ConnectionStore }) {
  // Read once: a screen's setup is its address when it was opened.
  const [options] = useState(() => kioskOptions(window.location.search));
  useKioskMode(options.kiosk);
  useWakeLock(options.kiosk);
  useSoftRefresh(options.refreshMs, connection);
  return options.kiosk ? <KioskCorner connection={connection} /> : null;
}
