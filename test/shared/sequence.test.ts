import { describe, expect, it } from 'vitest';
import { decideDelta, heartbeatNeedsResync } from '../../shared/sequence';

const held = { epoch: 'a', seq: 5 };

describe('decideDelta', () => {
  it.each([
    ['the next delta is applied', held, { epoch: 'a', seq: 6 }, 'apply'],
    ['a delta already contained in the snapshot is ignored', held, { epoch: 'a', seq: 5 }, 'ignore'],
    ['an older delta is ignored', held, { epoch: 'a', seq: 2 }, 'ignore'],
    ['a gap asks for a fresh snapshot', held, { epoch: 'a', seq: 8 }, 'resync'],
    ['a delta from a restarted server asks for a fresh snapshot', held, { epoch: 'b', seq: 1 }, 'resync'],
    ['a delta before any snapshot waits for the snapshot', null, { epoch: 'a', seq: 1 }, 'ignore'],
  ] as const)('%s', (_name, current, delta, decision) => {
    expect(decideDelta(current, delta)).toBe(decision);
  });
});

describe('heartbeatNeedsResync', () => {
  it.each([
    ['a heartbeat at the held seq is fine', held, { epoch: 'a', seq: 5 }, false],
    ['a heartbeat ahead of the held seq reveals a lost delta', held, { epoch: 'a', seq: 6 }, true],
    ['a heartbeat from another epoch reveals a restart', held, { epoch: 'b', seq: 0 }, true],
    ['a heartbeat before any snapshot asks for one', null, { epoch: 'a', seq: 0 }, true],
  ] as const)('%s', (_name, current, beat, resync) => {
    expect(heartbeatNeedsResync(current, beat)).toBe(resync);
  });
});
