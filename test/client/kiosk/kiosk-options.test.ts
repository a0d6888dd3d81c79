import { describe, expect, it } from 'vitest';
import { DEFAULT_REFRESH_MS, MAX_REFRESH_MS, MIN_REFRESH_MS, kioskOptions } from '../../../client/kiosk/kiosk-options';

describe('a screen set up by its address', () => {
  it.each([
    ['', false, null],
    ['?kiosk', true, DEFAULT_REFRESH_MS],
    ['?kiosk=', true, DEFAULT_REFRESH_MS],
    ['?kiosk=1', true, DEFAULT_REFRESH_MS],
    ['?kiosk=yes&team=payments', true, DEFAULT_REFRESH_MS],
    ['?team=payments&kiosk', true, DEFAULT_REFRESH_MS],
    ['?kiosk=0', false, null],
    ['?kiosk=false', false, null],
    ['?kiosk=OFF', false, null],
    ['?kiosk&refresh=4h', true, 4 * 3_600_000],
    ['?kiosk&refresh=off', true, null],
    ['?kiosk&refresh=0', true, null],
    ['?refresh=30m', false, 30 * 60_000],
    ['?kiosk&refresh=soon', true, DEFAULT_REFRESH_MS],
    ['?kiosk&refresh=1s', true, MIN_REFRESH_MS],
    ['?kiosk&refresh=100d', true, MAX_REFRESH_MS],
  ])('%s → kiosk %s, refresh every %s ms', (search, kiosk, refreshMs) => {
    expect(kioskOptions(search)).toEqual({ kiosk, refreshMs });
  });

  it('a kiosk looks for a new release every six hours unless told otherwise', () => {
    expect(DEFAULT_REFRESH_MS).toBe(6 * 3_600_000);
  });
});
