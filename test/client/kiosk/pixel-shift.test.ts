import { describe, expect, it } from 'vitest';
import { SHIFT_PERIOD_MS, msToNextShift, shiftAt, shiftAttribute } from '../../../client/kiosk/pixel-shift';

const start = Date.UTC(2026, 2, 2, 9, 40, 10);
const steps = Array.from({ length: 24 }, (_, i) => shiftAt(start + i * SHIFT_PERIOD_MS));

describe('the burn-in shift', () => {
  it('moves every few minutes, by at most a pixel each way at a time, and comes round again', () => {
    for (let i = 1; i < steps.length; i++) {
      const [a, b] = [steps[i - 1]!, steps[i]!];
      expect(a).not.toEqual(b);
      expect(Math.abs(a.x - b.x)).toBeLessThanOrEqual(1);
      expect(Math.abs(a.y - b.y)).toBeLessThanOrEqual(1);
    }
    expect(new Set(steps.map(shiftAttribute)).size).toBe(8);
    expect(steps[8]).toEqual(steps[0]);
  });

  it('never moves the board right or down, so it never pushes past an edge and makes the page scroll; never more than 2 px', () => {
    for (const { x, y } of steps) {
      expect(x).toBeLessThanOrEqual(0);
      expect(y).toBeLessThanOrEqual(0);
      expect(Math.min(x, y)).toBeGreaterThanOrEqual(-2);
    }
  });

  it('stays put within a period, and the timer wakes exactly when the next one starts', () => {
    const within = start - (start % SHIFT_PERIOD_MS) + 1_000;
    expect(shiftAt(within)).toEqual(shiftAt(within + SHIFT_PERIOD_MS - 2_000));
    expect(msToNextShift(within)).toBe(SHIFT_PERIOD_MS - 1_000);
    expect(shiftAt(within + msToNextShift(within))).not.toEqual(shiftAt(within));
  });

  it('is written "x,y" in px', () => {
    expect(shiftAttribute({ x: -1, y: 0 })).toBe('-1,0');
  });
});
