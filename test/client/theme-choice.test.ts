import { describe, expect, it } from 'vitest';
import { themeFor } from '../../client/theme/theme-choice';

describe('the theme a page takes', () => {
  it('follows the system in a browser tab', () => {
    expect(themeFor('', true)).toBe('light');
    expect(themeFor('', false)).toBe('dark');
    expect(themeFor('?team=payments', true)).toBe('light');
  });

  it('is dark on a kiosk whatever the system prefers', () => {
    expect(themeFor('?kiosk', true)).toBe('dark');
    expect(themeFor('?kiosk=1&team=payments', true)).toBe('dark');
  });

  it('a kiosk turned off in its address is a tab again', () => {
    expect(themeFor('?kiosk=off', true)).toBe('light');
  });

  it('takes the theme its address names, over the kiosk and the system', () => {
    expect(themeFor('?theme=light&kiosk', false)).toBe('light');
    expect(themeFor('?theme=Dark', true)).toBe('dark');
  });

  it('ignores a theme it does not know', () => {
    expect(themeFor('?theme=solarized', true)).toBe('light');
    expect(themeFor('?theme=', false)).toBe('dark');
  });
});
