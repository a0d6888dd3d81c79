import { describe, expect, it } from 'vitest';
import type { Status } from '../../../shared/status';
import { MAX_COLUMNS, tileCells, wallColumns } from '../../../client/board/layout';
import { service } from '../fixtures';

const many = (n: number, status: Status = 'up') => Array.from({ length: n }, (_, i) => service(`s${i}`, status));

describe('wall layout', () => {
  it('problem tiles take two cells, others one', () => {
    expect(['down', 'degraded', 'unknown', 'maintenance', 'up'].map((s) => tileCells(service('a', s as Status)))).toEqual([
      2, 2, 2, 1, 1,
    ]);
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
