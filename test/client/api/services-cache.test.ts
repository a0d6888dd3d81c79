import { describe, expect, it } from 'vitest';
import { applyDelta, applyOncallUpdate, applySnapshot, fromResponse, upsertServices, type BoardData } from '../../../client/api/services-cache';
import { person, service, snapshot, teamOncall } from '../fixtures';

const held = (seq: number, epoch = 'e1'): BoardData => ({
  services: [service('a'), service('b')],
  generatedAt: '2026-01-05T09:00:00.000Z',
  held: { epoch, seq },
});

describe('applySnapshot', () => {
  it('replaces the whole list and holds the snapshot position', () => {
    const next = applySnapshot(held(3), snapshot([service('c', 'down')], 7));
    expect(next.services.map((s) => s.id)).toEqual(['c']);
    expect(next.held).toEqual({ epoch: 'e1', seq: 7 });
  });

  it('fills an empty cache', () => {
    expect(applySnapshot(undefined, snapshot([service('a')], 0)).held).toEqual({ epoch: 'e1', seq: 0 });
  });

  it('ignores a snapshot older than what is held in the same epoch', () => {
    const current = held(9);
    expect(applySnapshot(current, snapshot([], 4))).toBe(current);
  });

  it('takes a snapshot from a restarted server even with a lower seq', () => {
    const next = applySnapshot(held(9, 'e1'), snapshot([service('z')], 0, 'e2'));
    expect(next.held).toEqual({ epoch: 'e2', seq: 0 });
    expect(next.services.map((s) => s.id)).toEqual(['z']);
  });

  it('replaces REST data, which holds no position', () => {
    const rest = fromResponse({ services: [service('a')], generatedAt: 'x' });
    expect(rest.held).toBeNull();
    expect(applySnapshot(rest, snapshot([service('b')], 2)).held).toEqual({ epoch: 'e1', seq: 2 });
  });
});

describe('applyDelta', () => {
  it('applies the next seq by patching that one service', () => {
    const current = held(3);
    const { decision, data } = applyDelta(current, { epoch: 'e1', seq: 4, services: [service('b', 'down')] });
    expect(decision).toBe('apply');
    expect(data?.services.map((s) => [s.id, s.status])).toEqual([
      ['a', 'up'],
      ['b', 'down'],
    ]);
    expect(data?.held).toEqual({ epoch: 'e1', seq: 4 });
    expect(data?.services[0]).toBe(current.services[0]);
  });

  it('inserts a service it has not seen', () => {
    const { data } = applyDelta(held(3), { epoch: 'e1', seq: 4, services: [service('new', 'degraded')] });
    expect(data?.services.map((s) => s.id)).toEqual(['a', 'b', 'new']);
  });

  it('ignores a delta it already holds and keeps the data as it was', () => {
    const current = held(3);
    const outcome = applyDelta(current, { epoch: 'e1', seq: 3, services: [service('a', 'down')] });
    expect(outcome).toEqual({ decision: 'ignore', data: current });
    expect(outcome.data).toBe(current);
  });

  it('asks for a resync on a gap and leaves the data alone', () => {
    const current = held(3);
    const outcome = applyDelta(current, { epoch: 'e1', seq: 5, services: [service('a', 'down')] });
    expect(outcome.decision).toBe('resync');
    expect(outcome.data).toBe(current);
  });

  it('asks for a resync when the server restarted', () => {
    expect(applyDelta(held(3), { epoch: 'e2', seq: 1, services: [service('a')] }).decision).toBe('resync');
  });

  it('ignores deltas before the first snapshot', () => {
    const rest = fromResponse({ services: [service('a')], generatedAt: 'x' });
    expect(applyDelta(rest, { epoch: 'e1', seq: 1, services: [service('a', 'down')] }).decision).toBe('ignore');
    expect(applyDelta(undefined, { epoch: 'e1', seq: 1, services: [service('a')] }).data).toBeUndefined();
  });
});

describe('upsertServices', () => {
  it('keeps the order of the list when replacing', () => {
    const list = [service('a'), service('b'), service('c')];
    expect(upsertServices(list, [service('b', 'down')]).map((s) => s.status)).toEqual(['up', 'down', 'up']);
  });

  it('replaces every service of a batch in place and appends the new ones in the order given', () => {
    const list = [service('a'), service('b'), service('c')];
    const next = upsertServices(list, [service('z', 'down'), service('c', 'down'), service('a', 'degraded'), service('y')]);
    expect(next.map((s) => [s.id, s.status])).toEqual([
      ['a', 'degraded'],
      ['b', 'up'],
      ['c', 'down'],
      ['z', 'down'],
      ['y', 'up'],
    ]);
  });
});

describe('applyOncallUpdate', () => {
  const alice = person('alice', 'Alice Liddell');
  const bob = person('bob', 'Bob Tables');
  const withTeams = (): BoardData => ({
    ...held(3),
    oncall: [teamOncall('payments', 'Payments', alice), teamOncall('search', 'Search', bob)],
  });

  it('replaces the teams that changed, by id, and keeps the others as they were', () => {
    const current = withTeams();
    const next = applyOncallUpdate(current, { epoch: 'e1', teams: [teamOncall('payments', 'Payments', bob)] });
    expect(next?.oncall?.map((t) => [t.team.id, t.layers[0]!.now.person?.name])).toEqual([
      ['payments', 'Bob Tables'],
      ['search', 'Bob Tables'],
    ]);
    expect(next?.oncall?.[1]).toBe(current.oncall![1]);
    // State, not a delta: the services and their position are untouched.
    expect(next?.held).toEqual({ epoch: 'e1', seq: 3 });
    expect(next?.services).toBe(current.services);
  });

  it('adds a team that had no schedule before', () => {
    const next = applyOncallUpdate(withTeams(), { epoch: 'e1', teams: [teamOncall('infra', 'Infra', null)] });
    expect(next?.oncall?.map((t) => t.team.id)).toEqual(['payments', 'search', 'infra']);
  });

  it('holds nothing before the first snapshot or REST answer', () => {
    expect(applyOncallUpdate(undefined, { epoch: 'e1', teams: [teamOncall('payments', 'Payments', alice)] })).toBeUndefined();
  });

  it('a snapshot without on-call means no team has a schedule', () => {
    expect(applySnapshot(withTeams(), snapshot([service('a')], 7)).oncall).toEqual([]);
  });
});
