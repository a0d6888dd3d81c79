import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ServiceView } from '../../../shared/api';
import { EventBus } from '../../../server/engine/bus';
import { Engine } from '../../../server/engine/engine';
import { silentLogger } from '../../../server/log';
import { SqliteStore } from '../../../server/store/sqlite';
import { configFromYaml } from '../../helpers/config';

const config = configFromYaml(`
teams:
  - { id: payments, name: Payments }
services:
  - id: orders-db
    name: Orders DB
    checks:
      - { id: port, type: tcp, host: 127.0.0.1, port: 5432, interval: 10s, timeout: 2s, failureThreshold: 1 }
  - id: checkout
    name: Checkout
    team: payments
    dependsOn: [orders-db]
    checks:
      - { id: health, type: http, url: "http://127.0.0.1:9/health", interval: 10s, timeout: 2s, failureThreshold: 2 }
      - { id: home, type: http, url: "http://127.0.0.1:9/", interval: 10s, timeout: 2s }
  - id: storefront
    name: Storefront
    dependsOn: [checkout]
`);

const ok = { outcome: 'ok' as const, message: 'HTTP 200', latencyMs: 5 };
const failed = { outcome: 'failed' as const, message: 'connection refused', latencyMs: null };

describe('the engine', () => {
  let file: string;
  let store: SqliteStore;
  let clock: number;
  let changes: ServiceView[];

  async function makeEngine() {
    const bus = new EventBus();
    changes = [];
    bus.on('service.changed', (view) => changes.push(view));
    const engine = new Engine({ config, store, bus, log: silentLogger(), now: () => clock });
    await engine.restore();
    return engine;
  }

  beforeEach(async () => {
    file = join(mkdtempSync(join(tmpdir(), 'gb-engine-')), 'gb.db');
    store = new SqliteStore(file);
    await store.migrate();
    clock = 1_000_000;
  });
  afterEach(async () => {
    await store.close();
  });

  it('before any result every service is unknown, never up', async () => {
    const engine = await makeEngine();
    expect(engine.views().map((v) => v.status)).toEqual(['unknown', 'unknown', 'unknown']);
  });

  it('a service is up only when all its checks are up, and says since when', async () => {
    const engine = await makeEngine();
    await engine.record('checkout', 'health', ok);
    expect(engine.view('checkout')!.status).toBe('unknown');
    clock += 500;
    await engine.record('checkout', 'home', ok);
    expect(engine.view('checkout')).toMatchObject({ status: 'up', since: new Date(clock).toISOString(), team: { id: 'payments', name: 'Payments' } });
  });

  it('failures reach down only at the threshold, and each change is announced once', async () => {
    const engine = await makeEngine();
    await engine.record('checkout', 'health', ok);
    await engine.record('checkout', 'home', ok);
    changes = [];
    await engine.record('checkout', 'health', failed);
    expect(engine.view('checkout')!.status).toBe('up');
    await engine.record('checkout', 'health', failed);
    expect(engine.view('checkout')!.status).toBe('down');
    expect(changes.filter((c) => c.id === 'checkout').map((c) => c.status)).toEqual(['up', 'down']);
    const latest = changes.filter((c) => c.id === 'checkout').at(-1)!;
    expect(latest.checks.find((c) => c.id === 'health')!.message).toBe('connection refused');
  });

  it('a result that changes nothing a board shows is not announced', async () => {
    const engine = await makeEngine();
    await engine.record('checkout', 'health', ok);
    await engine.record('checkout', 'home', ok);
    changes = [];
    clock += 1_000;
    await engine.record('checkout', 'health', { ...ok, latencyMs: 99 });
    expect(changes).toEqual([]);
    // Yet whoever reads the service sees the new result's time and latency.
    const health = engine.view('checkout')!.checks.find((c) => c.id === 'health')!;
    expect(health).toMatchObject({ latencyMs: 99, lastCheckedAt: new Date(clock).toISOString() });
    expect(engine.views().find((v) => v.id === 'checkout')!.checks[0]!.latencyMs).toBe(99);
  });

  it('a change is announced without waiting for its write: a slow database does not hold the boards back', async () => {
    const engine = await makeEngine();
    // The database takes as long as the test says: the write of the next result waits on `written`.
    let write = () => undefined as void;
    const written = new Promise<void>((resolve) => (write = resolve));
    const writeResult = store.writeResult.bind(store);
    store.writeResult = async (input) => {
      await written;
      return writeResult(input);
    };
    const recorded = engine.record('orders-db', 'port', failed);
    expect(changes.find((c) => c.id === 'orders-db')?.status).toBe('down');
    expect((await store.serviceHistory('orders-db', 0, clock, 10)).results).toEqual([]);
    write();
    await recorded;
    expect((await store.serviceHistory('orders-db', 0, clock, 10)).results.map((r) => r.outcome)).toEqual(['failed']);
  });

  it('a service depending on a down service is impacted, transitively, and keeps its own status', async () => {
    const engine = await makeEngine();
    await engine.record('checkout', 'health', ok);
    await engine.record('checkout', 'home', ok);
    await engine.record('orders-db', 'port', failed);
    expect(engine.view('checkout')).toMatchObject({ status: 'up', impactedBy: ['orders-db'] });
    expect(engine.view('storefront')!.impactedBy).toEqual(['orders-db']);
    expect(changes.map((c) => c.id)).toContain('storefront');
    await engine.record('orders-db', 'port', ok);
    expect(engine.view('storefront')!.impactedBy).toEqual([]);
  });

  it('a check with no fresh result turns its service unknown, and that change is stored', async () => {
    const engine = await makeEngine();
    await engine.record('checkout', 'health', ok);
    await engine.record('checkout', 'home', ok);
    clock += 13_000; // 10s interval + 2s timeout + 2s margin not yet passed
    await engine.sweep();
    expect(engine.view('checkout')!.status).toBe('up');
    clock += 2_000;
    await engine.sweep();
    expect(engine.view('checkout')!.status).toBe('unknown');
    expect(engine.view('checkout')!.checks.every((c) => c.stale)).toBe(true);
    const history = await store.serviceHistory('checkout', 0, clock, 10);
    expect(history.transitions.at(-1)).toMatchObject({ checkId: null, from: 'up', to: 'unknown', at: clock });
  });

  it('every result and every state change is stored', async () => {
    const engine = await makeEngine();
    await engine.record('orders-db', 'port', ok);
    clock += 1_000;
    await engine.record('orders-db', 'port', failed);
    const history = await store.serviceHistory('orders-db', 0, clock, 10);
    expect(history.results.map((r) => r.outcome)).toEqual(['ok', 'failed']);
    expect(history.transitions.map((t) => [t.checkId, t.from, t.to])).toEqual([
      [null, null, 'unknown'],
      ['port', 'unknown', 'up'],
      [null, 'unknown', 'up'],
      ['port', 'up', 'down'],
      [null, 'up', 'down'],
    ]);
  });

  it('after a restart the same states and since come back', async () => {
    const first = await makeEngine();
    await first.record('orders-db', 'port', failed);
    const downSince = clock;
    clock += 3_000;
    await first.record('orders-db', 'port', failed);
    await store.close();

    store = new SqliteStore(file);
    await store.migrate();
    clock += 2_000;
    const second = await makeEngine();
    expect(second.view('orders-db')).toMatchObject({ status: 'down', since: new Date(downSince).toISOString() });
    expect(second.view('checkout')!.impactedBy).toEqual(['orders-db']);
    clock += 1_000;
    await second.record('orders-db', 'port', failed);
    expect(second.view('orders-db')!.since).toBe(new Date(downSince).toISOString());
  });

  it('a restart after a long absence shows unknown until fresh results arrive', async () => {
    const first = await makeEngine();
    await first.record('orders-db', 'port', ok);
    clock += 60 * 60_000;
    const second = await makeEngine();
    expect(second.view('orders-db')!.status).toBe('unknown');
    const history = await store.serviceHistory('orders-db', 0, clock, 10);
    expect(history.transitions.at(-1)).toMatchObject({ from: 'up', to: 'unknown', at: clock });
  });

  it('a freeze of the whole process does not count against freshness: no unknown, since kept', async () => {
    const engine = await makeEngine();
    await engine.record('orders-db', 'port', ok);
    const upSince = clock;
    clock += 60_000; // frozen for a minute: no check could run, no sweep either
    engine.notePause(clock, 59_000);
    await engine.sweep();
    expect(engine.view('orders-db')).toMatchObject({ status: 'up', since: new Date(upSince).toISOString() });
    clock += 200;
    await engine.record('orders-db', 'port', ok);
    expect(engine.view('orders-db')).toMatchObject({ status: 'up', since: new Date(upSince).toISOString() });
    const history = await store.serviceHistory('orders-db', 0, clock, 10);
    expect(history.transitions.filter((t) => t.at > upSince)).toEqual([]);
  });

  it('after a freeze, a check that then stays silent still goes stale, only later by the frozen time', async () => {
    const engine = await makeEngine();
    await engine.record('orders-db', 'port', ok);
    clock += 30_000;
    engine.notePause(clock, 25_000);
    await engine.sweep();
    expect(engine.view('orders-db')!.status).toBe('up'); // 5 s of running time since the result
    clock += 10_000;
    await engine.sweep();
    expect(engine.view('orders-db')!.status).toBe('unknown'); // 15 s of running time: past its 14 s of freshness
  });

  it('after a long absence, the first fresh results bring back the same status with the same since', async () => {
    const first = await makeEngine();
    await first.record('orders-db', 'port', failed);
    const downSince = clock;
    clock += 60 * 60_000;
    const second = await makeEngine();
    expect(second.view('orders-db')!.status).toBe('unknown');
    clock += 300;
    await second.record('orders-db', 'port', failed);
    expect(second.view('orders-db')).toMatchObject({ status: 'down', since: new Date(downSince).toISOString() });
    // The unknown spell is on record all the same.
    const history = await store.serviceHistory('orders-db', 0, clock, 10);
    expect(history.transitions.filter((t) => t.checkId === null).map((t) => t.to)).toEqual(['unknown', 'down', 'unknown', 'down']);
  });

  it('after a long absence, a different status on return starts a new since', async () => {
    const first = await makeEngine();
    await first.record('orders-db', 'port', failed);
    clock += 60 * 60_000;
    const second = await makeEngine();
    clock += 300;
    await second.record('orders-db', 'port', ok);
    expect(second.view('orders-db')).toMatchObject({ status: 'up', since: new Date(clock).toISOString() });
    // Nor does the old since come back later, after the service has changed once.
    clock += 10_000;
    await second.record('orders-db', 'port', failed);
    expect(second.view('orders-db')).toMatchObject({ status: 'down', since: new Date(clock).toISOString() });
  });
});
