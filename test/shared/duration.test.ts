import { describe, expect, it } from 'vitest';
import { formatDuration, parseDuration } from '../../shared/duration';

describe('parseDuration', () => {
  it.each([
    ['500ms', 500],
    ['10s', 10_000],
    ['1.5s', 1_500],
    ['5m', 300_000],
    ['1h', 3_600_000],
    ['7d', 604_800_000],
    ['1w', 604_800_000],
    [' 2s ', 2_000],
  ])('reads %s as %i ms', (text, ms) => {
    expect(parseDuration(text)).toBe(ms);
  });

  it.each(['', '10', 's', '10 s', '10sec', '-5s', '1h30m', 'ten seconds'])('rejects %j', (text) => {
    expect(parseDuration(text)).toBeNull();
  });
});

describe('formatDuration', () => {
  it.each([
    [0, '0s'],
    [45_000, '45s'],
    [12 * 60_000 + 5_000, '12m'],
    [3 * 3_600_000 + 5 * 60_000, '3h 5m'],
    [2 * 3_600_000, '2h'],
    [2 * 86_400_000 + 4 * 3_600_000, '2d 4h'],
    [-5_000, '0s'],
  ])('shows %i ms as %s', (ms, text) => {
    expect(formatDuration(ms)).toBe(text);
  });
});
