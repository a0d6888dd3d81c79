import { describe, expect, it } from 'vitest';
import { linesNeeded, planStrip, stripHeightPx, type WallSpace } from '../../../client/board/strip-plan';
import { planWall } from '../../../client/board/layout';
import { rowsThatFit } from '../../../client/board/use-rows-that-fit';
import { service } from '../fixtures';

/** A wall 1920 px wide with 20 px type: rows of at least 120 px, 14 px apart, 28 px of grid padding. */
const wall = (heightPx: number): WallSpace => ({ heightPx, widthPx: 1920, fontPx: 20, gridPaddingPx: 28, gapPx: 14, rowMinPx: 120 });

// Four problems: three columns need four rows; with three rows they would take four columns (smaller tiles).
const fourDown = ['a', 'b', 'c', 'd'].map((id) => service(id, 'down'));
const SIX_TEAMS = [10, 10, 10, 10, 10, 10]; // two lines at the roomiest type on 1920 px
const TWO_TEAMS = [10, 10];

describe('linesNeeded', () => {
  it.each<[number[], number, number]>([
    [[], 50, 0],
    [[10, 10], 50, 1],
    [[20, 20, 20], 50, 2],
    [[60], 50, 1], // wider than the room: a line of its own, cut
    [[20, 20], 41, 2], // the gap counts
    [[20, 20], 41.2, 1],
  ])('entries %j in %d em with 1.2 em gaps take %d lines', (widths, room, lines) => {
    expect(linesNeeded(widths, room, 1.2)).toBe(lines);
  });
});

describe('planStrip', () => {
  it('where the board scrolls, the strip is roomy and takes the lines it needs', () => {
    expect(planStrip(fourDown, null, SIX_TEAMS)).toEqual({ level: 'roomy', lines: null, fontEm: 1.7, rows: null });
  });

  it.each<[number, number[], string, number]>([
    [700, SIX_TEAMS, 'roomy', 2], // room to spare: two lines of large type
    [700, TWO_TEAMS, 'roomy', 1], // it takes only the lines its teams need
    [620, SIX_TEAMS, 'compact', 1], // two lines would cost the problems a column: one line
    [600, SIX_TEAMS, 'small', 1], // one line of large type would too: smaller type
    [560, SIX_TEAMS, 'hidden', 0], // any strip would: it gives way entirely
  ])('a wall %d px high with teams %j: %s, %d lines, and the problems keep their size', (height, widths, level, lines) => {
    const plan = planStrip(fourDown, wall(height), widths);
    expect(plan).toMatchObject({ level, lines });
    const bare = planWall(fourDown, rowsThatFit(height, 28, 14, 120));
    expect(planWall(fourDown, plan.rows).columns).toBe(bare.columns);
    expect(bare.columns).toBe(3);
    // The rows the grid is given are the rows left under the strip as drawn.
    expect(plan.rows).toBe(rowsThatFit(height - stripHeightPx(plan.lines ?? 0, plan.fontEm, 20), 28, 14, 120));
  });

  it('never takes a row from problems that already fill more than the screen', () => {
    const many = Array.from({ length: 40 }, (_, i) => service(`s${i}`, 'down'));
    for (const height of [560, 600, 700]) {
      expect(planStrip(many, wall(height), SIX_TEAMS).rows).toBe(rowsThatFit(height, 28, 14, 120));
    }
    // 560 px: even one small line would cost a row.
    expect(planStrip(many, wall(560), SIX_TEAMS).level).toBe('hidden');
  });

  it('may fold one more healthy service, which costs no problem anything', () => {
    const services = [service('down-1', 'down'), ...Array.from({ length: 60 }, (_, i) => service(`up-${i}`))];
    const plan = planStrip(services, wall(700), SIX_TEAMS);
    expect(plan.level).toBe('roomy');
    expect(planWall(services, plan.rows).tiles[0]!.id).toBe('down-1');
  });
});
