import type { Status } from '../shared/status';

/**
 * The colour of each status, as a tile's background and the text on it. Chosen so that
 * down and up differ by lightness, not hue alone: a protanope sees red darker, and the
 * old red (#dc2626) on green (#166534) was the same grey to them. Down is a light red
 * with dark text, up a dark green with light text; every pair has WCAG AA contrast.
 * The CSS uses the same values as custom properties (`--status-{status}-bg` / `-fg` in
 * styles.css); test/client/palette.test.ts keeps the two in step and checks the above.
 */
export const STATUS_COLOURS = {
  up: { bg: '#14532d', fg: '#f0fdf4' },
  down: { bg: '#f87171', fg: '#111827' },
  degraded: { bg: '#f59e0b', fg: '#111827' },
  unknown: { bg: '#4b5563', fg: '#f9fafb' },
  maintenance: { bg: '#1d4ed8', fg: '#eff6ff' },
} as const satisfies Record<Status, { bg: string; fg: string }>;
