import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { contrastRatio } from '../../client/colour-vision';

const CSS = readFileSync(join(import.meta.dirname, '../../client/styles.css'), 'utf8');

/** The colours (hex or rgba) a rule block of styles.css sets, by custom property. */
function tokens(selector: string): Map<string, string> {
  const start = CSS.indexOf(`${selector} {`);
  if (start < 0) throw new Error(`styles.css has no ${selector} block`);
  const block = CSS.slice(start, CSS.indexOf('\n}', start));
  return new Map([...block.matchAll(/(--[a-z0-9-]+):\s*(#[0-9a-f]{6}|rgba\([^)]*\));/gi)].map((m) => [m[1]!, m[2]!.toLowerCase()]));
}

const THEMES = { dark: tokens(':root'), light: tokens(":root[data-theme='light']") };

/** Text on the grounds it is drawn on: WCAG AA for body text. */
const TEXT = ['--text', '--text-strong', '--text-soft', '--text-muted', '--text-bad', '--text-warn', '--text-accent', '--link', '--chart-axis'];
const GROUNDS = ['--page-bg', '--surface', '--surface-raised'];
/** Marks that carry meaning beside a word (edges, shapes, bars, chart lines): WCAG 1.4.11's 3:1. */
const MARKS = [
  '--line-ok',
  '--line-bad',
  '--line-warn',
  '--line-info',
  '--level-full',
  '--level-mid',
  '--level-low',
  '--chart-median',
  '--chart-p95',
  '--focus',
  '--edge',
];

describe.each(Object.keys(THEMES) as Array<keyof typeof THEMES>)('the %s theme', (theme) => {
  const colours = THEMES[theme];
  const colour = (token: string) => {
    const value = colours.get(token);
    if (!value) throw new Error(`${theme} has no ${token}`);
    return value;
  };

  it('sets every colour the other theme sets', () => {
    expect([...colours.keys()].filter((t) => !t.startsWith('--status-')).sort()).toEqual(
      [...THEMES[theme === 'dark' ? 'light' : 'dark'].keys()].filter((t) => !t.startsWith('--status-')).sort(),
    );
  });

  it.each(TEXT)('%s reads at WCAG AA on every ground', (text) => {
    for (const ground of GROUNDS) expect(contrastRatio(colour(text), colour(ground)), `${text} on ${ground}`).toBeGreaterThanOrEqual(4.5);
  });

  it('a pressed button reads at WCAG AA, and so does its hover', () => {
    expect(contrastRatio(colour('--inverse-fg'), colour('--inverse-bg'))).toBeGreaterThanOrEqual(4.5);
    expect(contrastRatio(colour('--inverse-fg'), colour('--inverse-hover'))).toBeGreaterThanOrEqual(4.5);
  });

  it.each(MARKS)('%s stands out from the page and from a panel', (mark) => {
    for (const ground of ['--page-bg', '--surface']) expect(contrastRatio(colour(mark), colour(ground)), `${mark} on ${ground}`).toBeGreaterThanOrEqual(3);
  });
});
