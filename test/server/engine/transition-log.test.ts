import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { EventBus } from '../../../server/engine/bus';
import { Engine } from '../../../server/engine/engine';
import { SqliteStore } from '../../../server/store/sqlite';
import { configFromYaml } from '../../helpers/config';
import { capturingLogger, type LogLine } from '../../helpers/log-lines';

const config = configFromYaml(`
services:
  - id: checkout
    name: Checkout
    checks:
      - { id: health, type: http, url: "http://127.0.0.1:9/health", interval: 10s, timeout: 2s, failureThreshold: 2, successThreshold: 2 }
      - { id: port, type: tcp, host: 127.0.0.1, port: 9, interval: 10s, timeout: 2s }
`);

const ok = { outcome: 'ok' as const, message: 'HTTP 200', latencyMs: 5 };
const failed = { outcome: 'failed' as const, message: 'connection refused', latencyMs: null };
const portOk = { outcome: 'ok' as const, message: 'connected', latencyMs: 1 };

const transitions = (lines: LogLine[]) =>
  lines.filter((l) => 'to' in l).map(({ service, check, from, to, reason, msg }) => ({ service, check, from, to, reason, msg }));

describe('every status change is one log line', () => {
  let store: SqliteStore;
  let clock: number;
  let lines: LogLine[];
  let engine: Engine;

  beforeEach(async () => {
    store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'gb-transitions-')), 'gb.db'));
    await store.migrate();
    clock = 1_000_000;
    const capture = capturingLogger();
    lines = capture.lines;
    engine = new Engine({ config, store, bus: new EventBus(), log: capture.log, now: () => clock });
    await engine.restore();
  });
  afterEach(() => store.close());

  it('with service, check, from, to and the reason, as checks and the service go up, down and back', async () => {
    await engine.record('checkout', 'port', portOk, clock);
    await engine.record('checkout', 'health', ok, clock);
    lines.length = 0;
    await engine.record('checkout', 'health', failed, (clock += 1_000));
    await engine.record('checkout', 'health', failed, (clock += 1_000));
    await engine.record('checkout', 'health', ok, (clock += 1_000));
    await engine.record('checkout', 'health', ok, (clock += 1_000));
    expect(transitions(lines)).toEqual([
      { service: 'checkout', check: 'health', from: 'up', to: 'down', reason: '2 failures in a row: connection refused', msg: 'checkout/health: up → down' },
      { service: 'checkout', check: undefined, from: 'up', to: 'down', reason: 'health down: connection refused', msg: 'checkout: up → down' },
      { service: 'checkout', check: 'health', from: 'down', to: 'up', reason: '2 successes in a row: HTTP 200', msg: 'checkout/health: down → up' },
      { service: 'checkout', check: undefined, from: 'down', to: 'up', reason: 'every check is up', msg: 'checkout: down → up' },
    ]);
  });

  it('a result that changes no status writes no line', async () => {
    await engine.record('checkout', 'port', portOk, clock);
    await engine.record('checkout', 'health', ok, clock);
    lines.length = 0;
    await engine.record('checkout', 'health', ok, (clock += 1_000));
    await engine.record('checkout', 'health', failed, (clock += 1_000));
    expect(transitions(lines)).toEqual([]);
  });

  it('a service whose results went stale is logged unknown, naming the stale check', async () => {
    await engine.record('checkout', 'port', portOk, clock);
    await engine.record('checkout', 'health', ok, clock);
    lines.length = 0;
    await engine.record('checkout', 'port', portOk, (clock += 10_000));
    clock += 10_000;
    await engine.sweep();
    expect(transitions(lines)).toEqual([
      expect.objectContaining({ service: 'checkout', from: 'up', to: 'unknown', reason: expect.stringMatching(/^health unknown: no fresh result since /) }),
    ]);
  });
});
