import { describe, expect, it } from 'vitest';
import type { Status } from '../../../shared/status';
import { MAX_COLUMNS, planWall, rowMinEm, rowsNeeded, tileCells, TILE_LINE_EM, wallColumns } from '../../../client/board/layout';
import { ROW_MIN_EM, rowsThatFit } from '../../../client/board/use-rows-that-fit';
import { incidentBrief, service } from '../fixtures';

const many = (n: number, status: Status = 'up') => Array.from({ length: n }, (_, i) => service(`s${i}`, status));

describe('wall layout', () => {
  it('problem tiles take two cells, others one', () => {
    expect(['down', 'degraded', 'unknown', 'maintenance', 'up'].map((s) => tileCells(service('a', s as Status)))).toEqual([2, 2, 2, 1, 1]);
  });

  it.each([
    [1, 1],
    [4, 2],
    [9, 3],
    [10, 4],
    [16, 4],
    [30, 6],
  ])('%i healthy services fill the screen in %i columns', (n, cols) => {
    expect(wallColumns(many(n))).toBe(cols);
  });

  it('counts the room problem tiles need', () => {
    expect(wallColumns([...many(7), ...many(1, 'down')])).toBe(3);
    expect(wallColumns([...many(7), ...many(2, 'down')])).toBe(4);
  });

  it('never uses more columns than can be read, nor fewer than one', () => {
    expect(wallColumns(many(500))).toBe(MAX_COLUMNS);
    expect(wallColumns([])).toBe(1);
  });
});

describe('fitting the wall to the screen', () => {
  const wall = (down: number, up: number) => [...many(down, 'down').map((s, i) => ({ ...s, id: `d${i}` })), ...many(up)];

  it('counts the rows two-cell problem tiles leave for one-cell ones', () => {
    expect(rowsNeeded(0, 16, 4)).toBe(4);
    expect(rowsNeeded(3, 1, 7)).toBe(1); // three wide tiles and one narrow fill a row of 7
    expect(rowsNeeded(10, 0, 5)).toBe(5); // two wide per row of 5; the odd cells stay empty
    expect(rowsNeeded(2, 3, 1)).toBe(5);
  });

  it('knows how many rows of the smallest readable height fit', () => {
    // 990 px tall, 22 px of padding, 11 px gaps, rows of at least 132 px: 6 × 132 + 5 × 11 = 847 fits, 7 rows (990) do not
    expect(rowsThatFit(990, 22, 11, 132)).toBe(6);
    expect(rowsThatFit(50, 22, 11, 132)).toBe(1);
  });

  it('shows everything, as before, when the layout is not known', () => {
    const services = wall(1, 300);
    expect(planWall(services, null)).toEqual({ columns: MAX_COLUMNS, tiles: services, folded: [] });
  });

  it('uses more columns rather than overflow the rows that fit', () => {
    // 40 services, 3 down: 43 cells would take 7 rows in 7 columns; in 8 columns they take 6.
    const plan = planWall(wall(3, 37), 6);
    expect(plan.columns).toBe(8);
    expect(plan.tiles).toHaveLength(40);
    expect(plan.folded).toEqual([]);
  });

  it('folds the last up services into one tile when even the most columns do not hold them', () => {
    const services = wall(3, 200);
    const plan = planWall(services, 6); // 48 cells: 3 problems take 6, the summary 1, leaving 41
    expect(plan.columns).toBe(MAX_COLUMNS);
    expect(plan.tiles).toEqual(services.slice(0, 44));
    expect(plan.folded).toEqual(services.slice(44));
    expect(rowsNeeded(3, plan.tiles.length - 3 + 1, MAX_COLUMNS)).toBeLessThanOrEqual(6);
  });

  it('never folds a problem, nor a service in maintenance', () => {
    const services = [...wall(30, 0), service('m', 'maintenance'), ...many(20)];
    const plan = planWall(services, 3);
    expect(plan.tiles.map((s) => s.status)).toEqual([...Array(30).fill('down'), 'maintenance']);
    expect(plan.folded).toHaveLength(20);
  });

  it('never folds a service impacted by a down dependency', () => {
    const impacted = many(3).map((s, i) => ({ ...s, id: `i${i}`, impactedBy: ['db'] }));
    const plan = planWall([...wall(1, 0), ...impacted, ...many(100)], 2);
    expect(plan.tiles.map((s) => s.id)).toEqual(expect.arrayContaining(['i0', 'i1', 'i2']));
    expect(plan.folded.every((s) => s.impactedBy.length === 0)).toBe(true);
  });

  it('never folds a single service: its own tile takes no more room than the summary', () => {
    const plan = planWall(many(49), 6);
    expect(plan.folded).toHaveLength(2);
  });
});

describe('the height a tile needs', () => {
  const backup = { id: 'backup', until: '2026-01-05T14:00:00.000Z', reason: 'Nightly backup' };

  it('is the plain minimum while no tile shows an incident or maintenance line', () => {
    expect(rowMinEm(many(20))).toBe(ROW_MIN_EM);
    expect(rowMinEm([service('a', 'down', { incident: incidentBrief('a', { status: 'resolved' }) })])).toBe(ROW_MIN_EM);
  });

  it('grows by a line while any tile says who was paged, or what maintenance it is in', () => {
    expect(rowMinEm([...many(20), service('a', 'down', { incident: incidentBrief('a') })])).toBe(ROW_MIN_EM + TILE_LINE_EM);
    expect(rowMinEm([...many(20), service('b', 'maintenance', { maintenance: backup })])).toBe(ROW_MIN_EM + TILE_LINE_EM);
  });

  it('so fewer rows fit and healthy services fold sooner, the problem still on screen', () => {
    const fontPx = 16;
    const rows = (services: ReturnType<typeof service>[]) => rowsThatFit(640, 22, 11, rowMinEm(services) * fontPx);
    const quiet = [service('d', 'down'), ...many(79)];
    const paged = [service('d', 'down', { incident: incidentBrief('d') }), ...many(79)];
    expect(rows(paged)).toBeLessThan(rows(quiet));
    const plan = planWall(paged, rows(paged));
    expect(plan.tiles[0]!.id).toBe('d');
    expect(plan.folded.length).toBeGreaterThan(planWall(quiet, rows(quiet)).folded.length);
  });
});
