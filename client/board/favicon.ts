import type { ServiceView } from '../../shared/api';
import { worstStatus } from '../../shared/status';
import type { ConnectionState } from '../api/connection';

/** What the tab's icon says at a glance. */
export type FaviconKind = 'ok' | 'warn' | 'down' | 'stale';

interface Icon {
  /** Fill of the disc. */
  colour: string;
  /** SVG elements drawn in black on the coloured disc, on a 32×32 canvas. */
  mark: string;
}

const ICONS: Record<FaviconKind, Icon> = {
  ok: { colour: '#22c55e', mark: '<circle cx="16" cy="16" r="6"/>' },
  warn: { colour: '#f59e0b', mark: '<path d="M16 8 24 23H8Z"/>' },
  down: { colour: '#ef4444', mark: '<rect x="10" y="10" width="12" height="12"/>' },
  stale: { colour: '#9ca3af', mark: '<rect x="9" y="14" width="14" height="4"/>' },
};

/** Red when anything is down, amber for degraded or unknown, green otherwise; grey unless live. */
export function faviconKind(services: readonly ServiceView[] | undefined, state: ConnectionState): FaviconKind {
  if (state !== 'live' || services === undefined || services.length === 0) return 'stale';
  const worst = worstStatus(services.map((s) => s.status));
  if (worst === 'down') return 'down';
  if (worst === 'degraded' || worst === 'unknown') return 'warn';
  return 'ok';
}

/** A self-contained SVG data URL for `<link rel="icon">`. */
export function faviconHref(kind: FaviconKind): string {
  const { colour, mark } = ICONS[kind];
  const svg =
    `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32" data-kind="${kind}">` +
    `<circle cx="16" cy="16" r="15" fill="${colour}"/><g fill="#111827">${mark}</g></svg>`;
  return `data:image/svg+xml,${encodeURIComponent(svg)}`;
}
