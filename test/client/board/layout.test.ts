import { describe, expect, it } from 'vitest';
import type { ServiceView } from '../../../shared/api';
import { isProblem, type Status } from '../../../shared/status';
import { planWall, rowsNeeded, tileCells, tileSpan, unfoldWall, wallContent, type WallPlan, type WallSpace } from '../../../client/board/layout';
import { cellSize } from '../../../client/board/grid-fit';
import { contentHeight } from '../../../client/board/tile-fit';
import { serviceProfile } from '../../../client/board/tile-profile';
import { estimateText } from '../../../client/board/text-width';
import { BANNER_MIN_EM, FLOOR_UNIT_EM, MIN_UNIT_EM, TILE_SCALE } from '../../../client/board/tile-type';
import { sortForWall } from '../../../client/board/sort';
import { incidentBrief, service } from '../fixtures';
import { companyWall, screenOf } from './wall-fixtures';

const plan = (services: readonly ServiceView[], space: WallSpace | null, stripPx = 0, banner = '3 services down') =>
  planWall(
    wallContent(services, banner, estimateText, (id) => id),
    space,
    stripPx,
  );
const HD = screenOf(1920, 1080);
const shownIds = (p: WallPlan) => [
  ...p.tiles.map((s) => s.id),
  ...p.teams.flatMap((t) => t.services.map((s) => s.id)),
  ...p.more.flatMap((t) => t.services.map((s) => s.id)),
];

describe('the grid', () => {
  it('problem tiles take two columns and a band of rows, tiles with more to say (maintenance, impacted) one column by that band, others one cell', () => {
    const spans = ['down', 'degraded', 'unknown', 'maintenance', 'up'].map((s) => tileSpan(service('a', s as Status)));
    expect(spans).toEqual(['wide', 'wide', 'wide', 'tall', 'cell']);
    expect(tileSpan(service('a', 'up', { impactedBy: ['db'] }))).toBe('tall');
    expect(tileSpan(service('a', 'down', { impactedBy: ['db'] }))).toBe('wide');
    expect(['down', 'maintenance', 'up'].map((s) => tileCells(service('a', s as Status)))).toEqual([2, 1, 1]);
  });

  it.each<[number, number, number, number, number, number]>([
    [0, 0, 16, 4, 1, 4],
    [3, 0, 1, 7, 1, 1], // three problems and one healthy tile fill a row of 7
    [10, 0, 0, 5, 1, 5], // two problems per row of 5; the odd column stays empty
    [3, 0, 2, 7, 2, 2], // problems two rows tall leave the last column's two cells to healthy tiles
    [4, 0, 12, 7, 2, 4], // a second band of problems leaves ten cells beside its one problem
    [4, 0, 13, 7, 2, 5],
    [3, 1, 0, 7, 2, 2], // a tall tile takes the column beside three problems
    [3, 2, 12, 7, 2, 4], // the next one starts a band of its own, with room for twelve one-cell tiles beside it
    [3, 2, 13, 7, 2, 5],
    [0, 3, 2, 4, 2, 2],
    [2, 0, 3, 1, 1, 5],
  ])('%i problems, %i tall and %i other tiles in %i columns, bands %i rows high, take %i rows', (wide, tall, narrow, columns, wideRows, rows) => {
    expect(rowsNeeded(wide, tall, narrow, columns, wideRows)).toBe(rows);
  });

  it('shows everything, with no grid, where the board is not laid out as a wall', () => {
    const services = companyWall(300, 1);
    expect(plan(services, null)).toEqual({ tiles: services, teams: [], more: [], foldLevel: 0, grid: null });
  });
});

describe('ten-foot sizes at 1920×1080', () => {
  const least = MIN_UNIT_EM * HD.fontPx;

  it.each([3, 6])('50 services with %i down: every status at least 28 px, a problem’s name at least 48 px, its reason and on-call at least 28 px', (down) => {
    const { grid, tiles } = plan(companyWall(50, down), HD, 0, `${down} services down`);
    expect(grid!.readable).toBe(true);
    expect(grid!.unitPx).toBeGreaterThanOrEqual(28);
    expect(grid!.unitPx).toBeGreaterThanOrEqual(least);
    expect(grid!.wideUnitPx * TILE_SCALE.wide.name).toBeGreaterThanOrEqual(48);
    expect(grid!.wideUnitPx * TILE_SCALE.wide.reason).toBeGreaterThanOrEqual(28);
    expect(grid!.wideUnitPx * TILE_SCALE.wide.line).toBeGreaterThanOrEqual(28);
    expect(tiles.filter((s) => isProblem(s.status))).toHaveLength(down);
  });

  it('the banner is the largest text on the screen, and a problem’s text is never smaller than a healthy tile’s', () => {
    for (const services of [companyWall(50, 3), companyWall(5, 1), companyWall(500, 3, 12), companyWall(20, 2)]) {
      const { grid } = plan(services, HD);
      expect(grid!.bannerPx).toBeGreaterThanOrEqual(BANNER_MIN_EM * HD.fontPx);
      expect(grid!.bannerPx).toBeGreaterThan(grid!.unitPx * TILE_SCALE.cell.name);
      expect(grid!.bannerPx).toBeGreaterThan(grid!.wideUnitPx * TILE_SCALE.wide.name);
      expect(grid!.wideUnitPx).toBeGreaterThanOrEqual(grid!.unitPx);
    }
    const allUp = plan(companyWall(12), HD).grid!;
    expect(allUp.bannerPx).toBeGreaterThan(allUp.unitPx * TILE_SCALE.cell.name);
  });

  it('text scales with the tile: a small board’s tiles are filled, not half empty', () => {
    const services = companyWall(5, 1);
    const { grid } = plan(services, HD);
    expect(grid!.unitPx).toBeGreaterThan(1.5 * least);
    const content = wallContent(services, '1 service down', estimateText, (id) => id);
    const units = { cell: grid!.unitPx, wide: grid!.wideUnitPx };
    const load = { wide: 1, tall: 0, narrow: 4, profiles: { cell: null, tall: null, wide: null } };
    const { width, height } = cellSize({ space: HD, bannerEm: content.bannerEm, stripPx: 0 }, load, grid!, units);
    const healthy = contentHeight(content.profile(services[1]!), 'cell', grid!.unitPx, width);
    const problem = contentHeight(content.profile(services[0]!), 'wide', grid!.wideUnitPx, 2 * width + HD.gapPx);
    expect(healthy / height).toBeGreaterThan(0.7);
    expect(problem / (grid!.wideRows * height + (grid!.wideRows - 1) * HD.gapPx)).toBeGreaterThan(0.7);
  });

  it('the fewer the tiles, the larger the type', () => {
    const units = [20, 10, 5].map((n) => plan(companyWall(n, 1), HD).grid!.unitPx);
    expect(units).toEqual([...units].sort((a, b) => a - b));
    expect(units[2]).toBeGreaterThan(1.5 * units[0]!);
  });
});

describe('folding by team when the screen runs out', () => {
  it('shows every service when they all fit at the least size', () => {
    const p = plan(companyWall(20, 2), HD);
    expect(p.tiles).toHaveLength(20);
    expect(p.foldLevel).toBe(0);
  });

  it('folds healthy services by team before any text goes below its least size, and only as many teams as it must', () => {
    const services = companyWall(50, 3);
    const p = plan(services, HD);
    expect(p.teams.length).toBeGreaterThan(0);
    expect(p.grid!.readable).toBe(true);
    expect(shownIds(p).sort()).toEqual(services.map((s) => s.id).sort()); // every service is somewhere
    // A taller screen folds fewer; one that fits them all folds none.
    expect(plan(services, screenOf(1920, 1600)).foldLevel).toBeLessThan(p.foldLevel);
    expect(plan(services, screenOf(1920, 2400)).foldLevel).toBe(0);
  });

  it('never folds a problem, a service in maintenance or one impacted by a down dependency', () => {
    const kept = [service('m', 'maintenance', { name: 'Orders DB' }), service('i', 'up', { name: 'Basket', impactedBy: ['s0'] })];
    const services = sortForWall([...companyWall(300, 4), ...kept]);
    const p = plan(services, HD);
    expect(p.tiles.map((s) => s.id)).toEqual(expect.arrayContaining(['s0', 's1', 's2', 's3', 'm', 'i']));
    for (const fold of [...p.teams, ...p.more]) expect(fold.services.every((s) => s.status === 'up' && s.impactedBy.length === 0)).toBe(true);
  });

  it('500 services in 12 teams fit 1920×1080: the problems, then one tile per team', () => {
    const p = plan(companyWall(500, 3, 12), HD);
    expect(p.grid!.readable).toBe(true);
    expect(p.grid!.scrolls).toBe(false);
    expect(p.tiles.filter((s) => s.status === 'down')).toHaveLength(3);
    expect(p.teams.length + (p.more.length > 0 ? 1 : 0)).toBeGreaterThan(1);
  });

  it('500 services in 60 teams: what team tiles cannot hold folds further into one "+N teams" tile', () => {
    const p = plan(companyWall(500, 3, 60), HD);
    expect(p.grid!.readable).toBe(true);
    expect(p.more.length).toBeGreaterThan(1);
    expect(p.tiles.filter((s) => s.status === 'down')).toHaveLength(3);
    expect(shownIds(p)).toHaveLength(500);
  });

  it('plans room for a line more on a tile (who was paged): it never pushes the reason off the tile', () => {
    const paged = companyWall(50, 3).map((s, i) => (i < 3 ? { ...s, incident: incidentBrief(s.id) } : s));
    expectEveryTileToFit(paged, HD);
  });
});

/** Every tile a plan shows holds its content in its box, at the type planned. */
function expectEveryTileToFit(services: ServiceView[], space: WallSpace) {
  const content = wallContent(services, 'A banner', estimateText, (id) => id);
  const { grid, tiles } = planWall(content, space);
  const units = { cell: grid!.unitPx, wide: grid!.wideUnitPx };
  const { width, height } = cellSize(
    { space, bannerEm: content.bannerEm, stripPx: 0 },
    { wide: 1, tall: 0, narrow: 1, profiles: { cell: null, tall: null, wide: null } },
    grid!,
    units,
  );
  const band = grid!.wideRows * height + (grid!.wideRows - 1) * space.gapPx;
  for (const service of tiles) {
    const wide = tileSpan(service) === 'wide';
    const box = tileSpan(service) === 'cell' ? height : band;
    const needs = contentHeight(content.profile(service), wide ? 'wide' : 'cell', wide ? units.wide : units.cell, wide ? 2 * width + space.gapPx : width);
    expect(needs, service.id).toBeLessThanOrEqual(box);
  }
}

describe('what the plan counts on is what each tile needs', () => {
  it.each<[string, () => ServiceView[], WallSpace]>([
    ['50 services, 6 down, at 1920×1080', () => companyWall(50, 6), HD],
    ['5 services at 1280×720', () => companyWall(5, 1), screenOf(1280, 720)],
    ['200 services at 3840×2160', () => companyWall(200, 4, 12), screenOf(3840, 2160)],
    ['80 services in portrait', () => companyWall(80, 2), screenOf(1080, 1920)],
    [
      'a service in maintenance and one impacted',
      () => [
        ...companyWall(20, 1),
        service('m', 'maintenance', { maintenance: { id: 'w', until: '2026-01-05T14:00:00Z', reason: 'Backup' } }),
        service('i', 'up', { impactedBy: ['s0'] }),
      ],
      HD,
    ],
  ])('%s', (_, services, space) => expectEveryTileToFit(sortForWall(services()), space));
});

describe('other screens', () => {
  it('a portrait screen (1080×1920) fits 50 services without scrolling', () => {
    const p = plan(companyWall(50, 3), screenOf(1080, 1920));
    expect(p.grid!.readable).toBe(true);
    expect(p.grid!.scrolls).toBe(false);
    expect(p.grid!.rows).toBeGreaterThan(p.grid!.columns);
  });

  it('problems alone too many for the screen: the type goes below its least, and at the floor the grid scrolls', () => {
    const many = plan(companyWall(40, 40), screenOf(1280, 720));
    expect(many.grid!.readable).toBe(false);
    expect(many.tiles).toHaveLength(40);
    const tooMany = plan(companyWall(300, 300), screenOf(1280, 720));
    expect(tooMany.grid!.scrolls).toBe(true);
    expect(tooMany.grid!.unitPx).toBeCloseTo(FLOOR_UNIT_EM * 15);
    expect(tooMany.tiles).toHaveLength(300);
  });

  const gridHeight = (p: WallPlan) => p.grid!.rows * p.grid!.rowPx;

  it('the strip’s height comes out of the grid’s', () => {
    const services = companyWall(20, 2);
    expect(gridHeight(plan(services, HD, 200))).toBeLessThan(gridHeight(plan(services, HD)) - 150);
  });

  it('a long banner takes two lines, and the tiles the room that is left', () => {
    const services = companyWall(20, 2);
    const long = 'Last known: 12 services down · 3 degraded · 2 unknown, and then a good deal more';
    expect(gridHeight(plan(services, HD, 0, long))).toBeLessThan(gridHeight(plan(services, HD)) - 50);
  });
});

describe('showing every service on request', () => {
  it('keeps the folded wall’s grid and type, with as many rows as every service needs, and scrolls', () => {
    const services = companyWall(200, 2);
    const fitted = plan(services, HD);
    const all = unfoldWall(fitted, services);
    expect(all.tiles).toEqual(services);
    expect(all.teams).toEqual([]);
    expect(all.grid).toMatchObject({ columns: fitted.grid!.columns, unitPx: fitted.grid!.unitPx, rowPx: fitted.grid!.rowPx, scrolls: true });
    expect(all.grid!.rows).toBe(rowsNeeded(2, 0, 198, fitted.grid!.columns, fitted.grid!.wideRows));
  });

  it('has no grid to keep where the board is not a wall', () => {
    const services = companyWall(10);
    expect(unfoldWall(plan(services, null), services).grid).toBeNull();
  });
});

describe('what a tile is planned to show', () => {
  it('plans for the widest "for …", so a duration ticking on never reflows the wall', () => {
    const at = (since: string) => serviceProfile(service('a', 'up', { since }), estimateText, (id) => id);
    expect(at('2026-01-05T09:00:00.000Z')).toEqual(at('2025-01-05T09:00:00.000Z'));
  });
});
