import { describe, expect, it } from 'vitest';
import type { ServiceView } from '../../../shared/api';
import { FoldLevels, foldName, isFoldable } from '../../../client/board/fold-plan';
import { sortForWall } from '../../../client/board/sort';
import { incidentBrief, service } from '../fixtures';

const team = (id: string) => ({ id, name: id[0]!.toUpperCase() + id.slice(1) });
const up = (id: string, teamId: string | null) => service(id, 'up', { team: teamId === null ? null : team(teamId) });
const ids = (services: readonly ServiceView[]) => services.map((s) => s.id);

// Payments 4 healthy, Search 3, Data 1, two without a team; one problem.
const wall = sortForWall([
  service('checkout', 'down', { team: team('payments'), incident: incidentBrief('checkout') }),
  ...['p1', 'p2', 'p3', 'p4'].map((id) => up(id, 'payments')),
  ...['s1', 's2', 's3'].map((id) => up(id, 'search')),
  up('d1', 'data'),
  up('o1', null),
  up('o2', null),
]);

describe('folding a wall by team', () => {
  const levels = new FoldLevels(wall);

  it('level 0 folds nothing', () => {
    expect(levels.at(0)).toEqual({ tiles: wall, teams: [], more: [] });
  });

  it('folds the team with the most healthy services first, its last services first, into one tile after the others', () => {
    const one = levels.at(1);
    expect(one.teams).toEqual([{ team: team('payments'), services: wall.filter((s) => ['p3', 'p4'].includes(s.id)), partial: true }]);
    expect(ids(one.tiles)).toEqual(['checkout', 'd1', 'o1', 'o2', 'p1', 'p2', 's1', 's2', 's3']);
    const three = levels.at(3);
    expect(three.teams).toHaveLength(1);
    expect(ids(three.teams[0]!.services)).toEqual(['p1', 'p2', 'p3', 'p4']);
    expect(three.teams[0]!.partial).toBeUndefined();
    expect(ids(levels.at(4).teams[1]!.services)).toEqual(['s2', 's3']);
    expect(levels.at(5).teams.map(foldName)).toEqual(['Payments', 'Search']);
  });

  it('each level frees one more cell of the grid', () => {
    const cells = (level: number) => {
      const at = levels.at(level);
      return at.tiles.length + at.teams.length + (at.more.length > 0 ? 1 : 0);
    };
    for (let level = 1; level < levels.count; level++) expect(cells(level), `level ${level}`).toBe(cells(level - 1) - 1);
  });

  it('folds services without a team into one "Other" tile, shown after the teams', () => {
    const six = levels.at(6);
    expect(six.teams.map(foldName)).toEqual(['Payments', 'Search', 'Other']);
    expect(six.teams.at(-1)!.team).toBeNull();
    expect(ids(six.tiles)).toEqual(['checkout', 'd1']);
  });

  it('never folds a team of one: its own tile takes no more room than its team tile would', () => {
    expect(levels.at(6).teams.some((t) => t.team?.id === 'data')).toBe(false);
  });

  it('then merges the trailing tiles into one "+N teams" tile, one more at each level, until it holds every healthy service', () => {
    const seven = levels.at(7);
    expect(seven.more.map(foldName)).toEqual(['Search', 'Other']);
    expect(seven.teams.map(foldName)).toEqual(['Payments']);
    const last = levels.at(levels.count - 1);
    expect(last.more.map(foldName)).toEqual(['Data', 'Payments', 'Search', 'Other']);
    expect(ids(last.tiles)).toEqual(['checkout']);
    expect(last.teams).toEqual([]);
    expect(levels.count).toBe(10); // none, six services folded one by one, then three merges
  });

  it('never folds a problem, a service in maintenance or one impacted by a down dependency', () => {
    const kept = [service('m', 'maintenance'), service('i', 'up', { impactedBy: ['checkout'] }), service('x', 'unknown'), service('y', 'degraded')];
    expect(kept.map(isFoldable)).toEqual([false, false, false, false]);
    const all = new FoldLevels(sortForWall([...kept, up('a', 'payments'), up('b', 'payments')]));
    expect(ids(all.at(all.count - 1).tiles).sort()).toEqual(['i', 'm', 'x', 'y']);
  });

  it('has nothing to fold on a wall without healthy services', () => {
    const problems = new FoldLevels([service('a', 'down'), service('b', 'down')]);
    expect(problems.count).toBe(1);
  });
});
