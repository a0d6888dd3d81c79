import { kioskOptions } from '../kiosk/kiosk-options';

export type Theme = 'dark' | 'light';

/**
 * Which theme a page takes: `?theme=dark|light` if its address says; dark on a kiosk,
 * whatever the system prefers, since a wall is dark (less glare, no burn-in of a white
 * field); otherwise what the system prefers, for a browser tab. Pure.
 */
export function themeFor(search: string, systemPrefersLight: boolean): Theme {
  const asked = new URLSearchParams(search).get('theme')?.trim().toLowerCase();
  if (asked === 'dark' || asked === 'light') return asked;
  if (kioskOptions(search).kiosk) return 'dark';
  return systemPrefersLight ? 'light' : 'dark';
}
