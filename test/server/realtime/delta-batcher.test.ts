import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { DeltaBatcher } from '../../../server/realtime/delta-batcher';

type Change = { id: string; status: string };

describe('DeltaBatcher', () => {
  let batches: Change[][];
  let batcher: DeltaBatcher<Change>;

  beforeEach(() => {
    vi.useFakeTimers({ now: 1_000_000 });
    batches = [];
    batcher = new DeltaBatcher<Change>({ gapMs: 100, keyOf: (c) => c.id, flush: (items) => batches.push(items) });
  });
  afterEach(() => {
    batcher.stop();
    vi.useRealTimers();
  });

  it('sends a lone change within the same turn, without waiting for the gap', () => {
    batcher.add({ id: 'db', status: 'down' });
    expect(batches).toEqual([]);
    vi.advanceTimersByTime(0);
    expect(batches).toEqual([[{ id: 'db', status: 'down' }]]);
  });

  it('sends the changes of one turn together', () => {
    batcher.add({ id: 'db', status: 'down' });
    batcher.add({ id: 'api', status: 'down' });
    vi.advanceTimersByTime(0);
    expect(batches.map((b) => b.map((c) => c.id))).toEqual([['db', 'api']]);
  });

  it('holds changes that follow a send until the gap has passed, then sends each service once in its latest state', () => {
    batcher.add({ id: 'db', status: 'down' });
    vi.advanceTimersByTime(0);
    vi.advanceTimersByTime(10);
    batcher.add({ id: 'api', status: 'down' });
    vi.advanceTimersByTime(30);
    batcher.add({ id: 'web', status: 'down' });
    batcher.add({ id: 'api', status: 'up' });
    vi.advanceTimersByTime(59);
    expect(batches).toHaveLength(1);
    vi.advanceTimersByTime(1);
    expect(batches[1]).toEqual([
      { id: 'web', status: 'down' },
      { id: 'api', status: 'up' },
    ]);
  });

  it('under a steady stream of changes sends at most one batch per gap', () => {
    for (let ms = 0; ms < 1_000; ms += 1) {
      batcher.add({ id: `service-${ms}`, status: 'down' });
      vi.advanceTimersByTime(1);
    }
    vi.advanceTimersByTime(100);
    expect(batches.flat()).toHaveLength(1_000);
    expect(batches.length).toBeLessThanOrEqual(11);
  });

  it('flush sends at once; stop drops what is pending', () => {
    batcher.add({ id: 'db', status: 'down' });
    batcher.flush();
    expect(batches).toHaveLength(1);
    batcher.add({ id: 'api', status: 'down' });
    batcher.stop();
    vi.advanceTimersByTime(1_000);
    expect(batches).toHaveLength(1);
  });
});
