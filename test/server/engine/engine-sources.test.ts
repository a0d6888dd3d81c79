import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventBus } from '../../../server/engine/bus';
import { Engine } from '../../../server/engine/engine';
import { silentLogger } from '../../../server/log';
import { SqliteStore } from '../../../server/store/sqlite';
import { configFromYaml } from '../../helpers/config';

const config = configFromYaml(`
services:
  - id: nightly-export
    name: Nightly export
    checks:
      - { id: port, type: tcp, host: 127.0.0.1, port: 5432, interval: 10s, timeout: 2s, failureThreshold: 1 }
sources:
  - { id: beat, type: push, token: engine-test-token-01234, service: nightly-export, grace: 26h }
`);

describe('the engine with a source beside a check', () => {
  let store: SqliteStore;
  let clock: number;

  beforeEach(async () => {
    store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'gb-engine-src-')), 'gb.db'));
    await store.migrate();
    clock = 1_000_000;
  });
  afterEach(async () => {
    await store.close();
  });

  async function engine() {
    const made = new Engine({ config, store, bus: new EventBus(), log: silentLogger(), now: () => clock });
    await made.restore();
    return made;
  }

  it('shows the source as an entry of its service, the service being the worst of check and source', async () => {
    const e = await engine();
    expect(e.checks().map((c) => c.check.id)).toEqual(['port']);
    await e.record('nightly-export', 'port', { outcome: 'ok', message: 'connected', latencyMs: 1 });
    await e.record('nightly-export', 'beat', { outcome: 'failed', message: 'export failed', latencyMs: null });
    const view = e.view('nightly-export')!;
    expect(view.status).toBe('down');
    expect(view.checks.map((c) => [c.id, c.status, c.origin])).toEqual([
      ['port', 'up', undefined],
      ['beat', 'down', 'source'],
    ]);
  });

  it('a source report does not go unknown with time: only the source says when it cannot tell', async () => {
    const e = await engine();
    await e.record('nightly-export', 'beat', { outcome: 'ok', message: 'heartbeat received', latencyMs: null });
    clock += 25 * 3_600_000;
    await e.sweep();
    const beat = e.view('nightly-export')!.checks.find((c) => c.id === 'beat')!;
    expect(beat).toMatchObject({ status: 'up', stale: false, message: 'heartbeat received' });
  });

  it('one report is enough to change a source entry, whatever the check thresholds', async () => {
    const e = await engine();
    await e.record('nightly-export', 'beat', { outcome: 'failed', message: 'export failed', latencyMs: null });
    expect(e.view('nightly-export')!.checks[1]!.status).toBe('down');
    await e.record('nightly-export', 'beat', { outcome: 'ok', message: 'heartbeat received', latencyMs: null });
    expect(e.view('nightly-export')!.checks[1]!.status).toBe('up');
  });
});
