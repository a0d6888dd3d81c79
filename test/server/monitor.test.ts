import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { EventBus } from '../../server/engine/bus';
import { Engine } from '../../server/engine/engine';
import { silentLogger } from '../../server/log';
import { PAUSE_THRESHOLD_MS, startMonitor, type Monitor } from '../../server/monitor';
import { SqliteStore } from '../../server/store/sqlite';
import { configFromYaml } from '../helpers/config';

describe('the monitor notices when the whole process was frozen', () => {
  let store: SqliteStore;
  let monitor: Monitor;
  const notePause = vi.spyOn(Engine.prototype, 'notePause');

  beforeEach(async () => {
    vi.useFakeTimers({ now: new Date('2026-01-05T14:00:00Z') });
    notePause.mockClear();
    store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'gb-monitor-')), 'gb.db'));
    await store.migrate();
    monitor = await startMonitor(configFromYaml('services:\n  - id: a\n    name: A\n'), {
      store,
      bus: new EventBus(),
      log: silentLogger(),
      context: { artifacts: { save: async () => 'unused' } },
      redact: (text) => text,
      secrets: [],
      concurrency: 10,
      sweepMs: 1_000,
    });
  });

  afterEach(async () => {
    await monitor.stop();
    await store.close();
    vi.useRealTimers();
  });

  it('sweeps on time: no pause', async () => {
    await vi.advanceTimersByTimeAsync(5_000);
    expect(notePause).not.toHaveBeenCalled();
  });

  it('a sweep a minute late tells the engine how long it stood still', async () => {
    await vi.advanceTimersByTimeAsync(1_000);
    vi.setSystemTime(Date.now() + 60_000); // the clock moves on, no timer fires: a frozen process
    await vi.advanceTimersByTimeAsync(1_000);
    expect(notePause).toHaveBeenCalledOnce();
    expect(notePause.mock.calls[0]![1]).toBe(60_000);
  });

  it('a sweep only somewhat late (a busy moment) is not a pause', async () => {
    await vi.advanceTimersByTimeAsync(1_000);
    vi.setSystemTime(Date.now() + PAUSE_THRESHOLD_MS - 100);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(notePause).not.toHaveBeenCalled();
  });
});
