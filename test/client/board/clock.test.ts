import { expect, it } from 'vitest';
import { formatClock } from '../../../client/board/clock';

it('formats local time as HH:MM:SS with leading zeros', () => {
  expect(formatClock(new Date(2026, 0, 5, 9, 2, 7).getTime())).toBe('09:02:07');
  expect(formatClock(new Date(2026, 0, 5, 14, 2, 11).getTime())).toBe('14:02:11');
});
