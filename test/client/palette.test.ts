import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { STATUSES } from '../../shared/status';
import { contrastRatio, type Vision } from '../../client/colour-vision';
import { STATUS_COLOURS } from '../../client/palette';

const VISIONS: Vision[] = ['normal', 'protanopia', 'deuteranopia', 'tritanopia'];

describe('the status palette', () => {
  it.each(STATUSES)('%s has WCAG AA contrast between its text and its background', (status) => {
    const { bg, fg } = STATUS_COLOURS[status];
    expect(contrastRatio(bg, fg)).toBeGreaterThanOrEqual(4.5);
  });

  it.each(VISIONS)('down and up differ by lightness, not hue alone, with %s', (vision) => {
    // 1.5 : 1 between the two backgrounds is a difference anyone sees across a room.
    expect(contrastRatio(STATUS_COLOURS.down.bg, STATUS_COLOURS.up.bg, vision)).toBeGreaterThanOrEqual(1.5);
  });

  it('the old red on green was one grey to a protanope, which is why it changed', () => {
    expect(contrastRatio('#dc2626', '#166534', 'protanopia')).toBeLessThan(1.1);
  });

  it('the CSS uses the same colours', () => {
    const css = readFileSync(join(import.meta.dirname, '../../client/styles.css'), 'utf8');
    for (const status of STATUSES) {
      for (const part of ['bg', 'fg'] as const) {
        const declared = new RegExp(`--status-${status}-${part}:\\s*(#[0-9a-f]{6})`, 'i').exec(css)?.[1];
        expect(declared?.toLowerCase(), `--status-${status}-${part}`).toBe(STATUS_COLOURS[status][part]);
      }
    }
  });
});
