import { describe, expect, it } from 'vitest';
import type { ServiceView } from '../../../shared/api';
import type { BoardData } from '../../../client/api/services-cache';
import { applyDelta, applySnapshot } from '../../../client/api/services-cache';
import { newProblems } from '../../../client/board/sound-changes';
import { service, snapshot } from '../fixtures';

const ids = (services: readonly ServiceView[]) => services.map((s) => s.id);
const delta = (seq: number, ...services: ServiceView[]) => ({ epoch: 'e1', seq, services });

const first = applySnapshot(undefined, snapshot([service('a'), service('b', 'degraded'), service('c', 'maintenance')], 4));

describe('which changes are new problems, for the sound', () => {
  it('a service that goes down while the board watches', () => {
    const after = applyDelta(first, delta(5, service('a', 'down'))).data!;
    expect(ids(newProblems(first, after))).toEqual(['a']);
  });

  it('from maintenance to unknown is new; from degraded to down, or back to up, is not', () => {
    const after = applyDelta(first, delta(5, service('b', 'down'), service('c', 'unknown'))).data!;
    expect(ids(newProblems(first, after))).toEqual(['c']);
  });

  it('several deltas seen at once count together', () => {
    const one = applyDelta(first, delta(5, service('a', 'down'))).data!;
    const two = applyDelta(one, delta(6, service('c', 'degraded'))).data!;
    expect(ids(newProblems(first, two))).toEqual(['a', 'c']);
  });

  it('the first snapshot after load is no news', () => {
    expect(newProblems(undefined, first)).toEqual([]);
  });

  it('a snapshot after a reconnect is no news, even with a problem that began while the board was away', () => {
    const again: BoardData = applySnapshot(first, {
      ...snapshot([service('a', 'down'), service('b', 'degraded'), service('c')], 9),
      generatedAt: '2026-01-05T09:05:00.000Z',
    });
    expect(newProblems(first, again)).toEqual([]);
  });

  it('REST data, before any snapshot, is no news', () => {
    const rest: BoardData = { services: [service('a')], generatedAt: 't', held: null };
    expect(newProblems(rest, { ...rest, services: [service('a', 'down')] })).toEqual([]);
  });

  it('a service new to the board is no news (a config reload brings it)', () => {
    const after = applyDelta(first, delta(5, service('z', 'down'))).data!;
    expect(newProblems(first, after)).toEqual([]);
  });
});
