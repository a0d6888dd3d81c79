import { isOffWord } from '../address-flags';
import { parseDuration } from '../../shared/duration';

/** How a screen is set up, read from its address: each TV is configured by its URL alone. */
export interface KioskOptions {
  /** `?kiosk`: a screen nobody touches; no cursor, no chrome, a clock in the corner. */
  kiosk: boolean;
  /** How often to look for a new release and swap it in; null for never. */
  refreshMs: number | null;
}

/** A kiosk looks for a new release this often unless `?refresh=` says otherwise. */
export const DEFAULT_REFRESH_MS = 6 * 3_600_000;

/** The shortest period: a look costs one small request, but a loop of them is of no use to anyone. */
export const MIN_REFRESH_MS = 5_000;

/** A timer longer than this (about 24 days) fires at once in every browser. */
export const MAX_REFRESH_MS = 2 ** 31 - 1;

/**
 * `?kiosk` (any value but 0/false/off/no) turns kiosk mode on; `?refresh=4h` sets the soft
 * refresh (any page, kiosk or not), `?refresh=off` turns it off. A refresh that is not a
 * duration falls back to the default; it is kept between 5 seconds and about 24 days. Pure.
 */
export function kioskOptions(search: string): KioskOptions {
  const params = new URLSearchParams(search);
  const kioskValue = params.get('kiosk');
  const kiosk = kioskValue !== null && !isOffWord(kioskValue.trim().toLowerCase());
  const refresh = params.get('refresh');
  const fallback = kiosk ? DEFAULT_REFRESH_MS : null;
  if (refresh === null) return { kiosk, refreshMs: fallback };
  if (isOffWord(refresh.trim().toLowerCase())) return { kiosk, refreshMs: null };
  const ms = parseDuration(refresh);
  return { kiosk, refreshMs: ms === null ? DEFAULT_REFRESH_MS : Math.min(MAX_REFRESH_MS, Math.max(MIN_REFRESH_MS, ms)) };
}
