import { describe, expect, it } from 'vitest';
import { planWall, wallContent } from '../../../client/board/layout';
import { linesNeeded, planStrip, stripHeightPx } from '../../../client/board/strip-plan';
import { estimateText } from '../../../client/board/text-width';
import { companyWall, screenOf } from './wall-fixtures';

const content = (services: ReturnType<typeof companyWall>) => wallContent(services, '3 services down', estimateText, (id) => id);
// Twelve services, three down, on a screen 1920 px wide and as high as each case says.
const twelve = content(companyWall(12, 3));
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
  it('where the board scrolls, the strip is roomy and takes the lines it needs, over a wall with no grid', () => {
    const plan = planStrip(twelve, null, SIX_TEAMS);
    expect(plan).toMatchObject({ level: 'roomy', lines: null, fontEm: 1.7 });
    expect(plan.wall.grid).toBeNull();
  });

  it.each<[number, number[], string, number]>([
    [1080, SIX_TEAMS, 'roomy', 2], // room to spare: two lines of large type
    [1080, TWO_TEAMS, 'roomy', 1], // it takes only the lines its teams need
    [900, SIX_TEAMS, 'compact', 1], // two lines would fold services: one line
    [860, SIX_TEAMS, 'small', 1], // one line of large type would too: smaller type
    [820, SIX_TEAMS, 'hidden', 0], // any strip would: it gives way entirely
  ])('a wall %d px high with teams %j: %s, %d lines, and no service folds for it', (height, widths, level, lines) => {
    const space = screenOf(1920, height);
    const plan = planStrip(twelve, space, widths);
    expect(plan).toMatchObject({ level, lines });
    const bare = planWall(twelve, space);
    expect(plan.wall.foldLevel).toBe(bare.foldLevel);
    expect(plan.wall.tiles).toHaveLength(12);
    expect(plan.wall.grid!.readable).toBe(true);
    // The wall is laid out in the room the strip leaves as drawn.
    expect(plan.wall).toEqual(planWall(twelve, space, stripHeightPx(plan.lines ?? 0, plan.fontEm, space.fontPx)));
  });

  it.each([30, 300])('never takes room from %i problems, which already fill more than the screen', (count) => {
    const problems = content(companyWall(count, count));
    const space = screenOf(1280, 720);
    const plan = planStrip(problems, space, SIX_TEAMS);
    expect(plan.level).toBe('hidden');
    expect(plan.wall.grid).toEqual(planWall(problems, space).grid);
    expect(plan.wall.grid!.readable).toBe(false);
  });

  it('with no team on call, there is no strip', () => {
    expect(planStrip(twelve, screenOf(1920, 1080), [])).toMatchObject({ level: 'hidden', lines: 0 });
  });
});
