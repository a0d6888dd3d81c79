import Database from 'better-sqlite3';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openStore } from '../../../server/store/open';
import { MIGRATIONS, SqliteStore } from '../../../server/store/sqlite';
import { describeStoreContract } from './store-contract';

let file = '';
describeStoreContract('SQLite', {
  async open() {
    file = join(mkdtempSync(join(tmpdir(), 'gb-sqlite-')), 'nested', 'greenboard.db');
    const store = new SqliteStore(file);
    await store.migrate();
    return store;
  },
  async reopen() {
    const store = new SqliteStore(file);
    await store.migrate();
    return store;
  },
});

describe('choosing a store from DATABASE_URL', () => {
  it('sqlite:PATH opens that file', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'gb-open-')), 'x.db');
    const store = await openStore(`sqlite:${path}`);
    expect(store).toBeInstanceOf(SqliteStore);
    expect((store as SqliteStore).file).toBe(path);
    await store.close();
  });

  it('without a URL, greenboard.db in the data directory, made if missing', async () => {
    const dataDir = join(mkdtempSync(join(tmpdir(), 'gb-open-')), 'data');
    const store = await openStore(undefined, dataDir);
    expect((store as SqliteStore).file).toBe(join(dataDir, 'greenboard.db'));
    expect(existsSync(join(dataDir, 'greenboard.db'))).toBe(true);
    await store.close();
  });

  it('an unknown scheme is refused', async () => {
    await expect(openStore('mysql://127.0.0.1/gb')).rejects.toThrow(/DATABASE_URL must start with/);
  });
});

describe('upgrading a SQLite file', () => {
  it('a file from before incidents keeps its history and state, and starts with no incidents, pages, windows or settings', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'gb-upgrade-')), 'greenboard.db');
    const old = new Database(path);
    for (const migration of MIGRATIONS.slice(0, 3)) old.exec(migration);
    old.pragma('user_version = 3');
    old
      .prepare('INSERT INTO results (service_id, check_id, at, outcome, latency_ms, message, details) VALUES (?, ?, ?, ?, ?, ?, ?)')
      .run('checkout', 'health', 1_000, 'failed', null, 'expected status 200, got 503', '{"statusCode":503}');
    old
      .prepare('INSERT INTO check_state VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)')
      .run('checkout', 'health', 'down', 1_000, 2, 0, 1_000, 'failed', 'expected status 200, got 503', null, '{"statusCode":503}');
    old.prepare('INSERT INTO service_state VALUES (?, ?, ?)').run('checkout', 'down', 1_000);
    old.close();

    const store = new SqliteStore(path);
    await store.migrate();
    const history = await store.serviceHistory('checkout', 0, 10_000, 100);
    expect(history.results.map((r) => [r.outcome, r.message, r.details])).toEqual([['failed', 'expected status 200, got 503', { statusCode: 503 }]]);
    expect((await store.loadState()).services).toEqual([{ serviceId: 'checkout', status: 'down', since: 1_000 }]);
    expect(await store.activeIncidents(0)).toEqual([]);
    expect(await store.unfinishedPages()).toEqual([]);
    expect(await store.loadMaintenance(0)).toEqual([]);
    expect(await store.setting('ack-signing-key', 'new')).toBe('new');
    await store.close();
  });

  it('a file from before uptime knows when each service was first seen, and counts its history as watched up to the upgrade', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'gb-upgrade-')), 'greenboard.db');
    const old = new Database(path);
    for (const migration of MIGRATIONS.slice(0, 4)) old.exec(migration);
    old.pragma('user_version = 4');
    const transition = old.prepare('INSERT INTO transitions (service_id, check_id, from_status, to_status, at) VALUES (?, ?, ?, ?, ?)');
    transition.run('checkout', 'health', null, 'up', 500);
    transition.run('checkout', null, null, 'up', 1_000);
    transition.run('checkout', null, 'up', 'down', 5_000);
    old.close();

    // Whole seconds: SQLite's clock in the migration has no milliseconds.
    const upgradedAt = Math.floor(Date.now() / 1_000) * 1_000;
    const store = new SqliteStore(path);
    await store.migrate();
    expect((await store.uptimeFacts(['checkout'], 2_000, 9_000)).get('checkout')).toEqual({
      statusBefore: 'up',
      transitions: [{ at: 5_000, to: 'down' }],
      firstSeenAt: 1_000,
    });
    const [run, ...more] = await store.runs(0, Date.now() + 60_000);
    expect(more).toEqual([]);
    expect(run!.from).toBe(500);
    expect(run!.to).toBeGreaterThanOrEqual(upgradedAt);
    expect(run!.to).toBeLessThanOrEqual(Date.now());
    await store.close();
  });

  it('a file from before compact results keeps every result, of every check, as it was', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'gb-upgrade-')), 'greenboard.db');
    const old = new Database(path);
    for (const migration of MIGRATIONS.slice(0, 5)) old.exec(migration);
    old.pragma('user_version = 5');
    const result = old.prepare('INSERT INTO results (service_id, check_id, at, outcome, latency_ms, message, details) VALUES (?, ?, ?, ?, ?, ?, ?)');
    result.run('checkout', 'health', 1_000, 'ok', 12.34, 'HTTP 200', null);
    result.run('checkout', 'health', 2_000, 'failed', null, 'expected status 200, got 503', '{"statusCode":503}');
    result.run('checkout', 'port', 1_500, 'degraded', 950, 'slow', null);
    result.run('search', 'health', 1_200, 'maintenance', 3, 'in maintenance', null);
    old.close();

    const store = new SqliteStore(path);
    await store.migrate();
    const checkout = await store.serviceHistory('checkout', 0, 10_000, 100);
    expect(checkout.results.map((r) => [r.checkId, r.at, r.outcome, r.latencyMs, r.message, r.details])).toEqual([
      ['health', 1_000, 'ok', 12.3, '', null],
      ['port', 1_500, 'degraded', 950, 'slow', null],
      ['health', 2_000, 'failed', null, 'expected status 200, got 503', { statusCode: 503 }],
    ]);
    expect((await store.serviceHistory('search', 0, 10_000, 100)).results.map((r) => r.outcome)).toEqual(['maintenance']);
    expect(await store.oldestResult()).toBe(1_000);
    await store.close();
  });

  it('a file from before source health keeps its state and starts with no source health', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'gb-upgrade-')), 'greenboard.db');
    const old = new Database(path);
    old.exec(MIGRATIONS[0]!);
    old.exec(MIGRATIONS[1]!);
    old.pragma('user_version = 2');
    old.prepare('INSERT INTO service_state VALUES (?, ?, ?)').run('checkout', 'down', 1_000);
    old.close();

    const store = new SqliteStore(path);
    await store.migrate();
    expect((await store.loadState()).services).toEqual([{ serviceId: 'checkout', status: 'down', since: 1_000 }]);
    expect(await store.loadSourceHealth()).toEqual([]);
    await store.writeSourceHealth({ sourceId: 'ci', lastReceivedAt: 2_000, received: 1, errors: 0, lastError: null, lastErrorAt: null });
    expect((await store.loadSourceHealth()).map((h) => h.sourceId)).toEqual(['ci']);
    await store.close();
  });

  it('a file from before last_details keeps its history; ok details move to their check, problems keep theirs', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'gb-upgrade-')), 'greenboard.db');
    const old = new Database(path);
    old.exec(MIGRATIONS[0]!);
    old.pragma('user_version = 1');
    const insert = old.prepare('INSERT INTO results (service_id, check_id, at, outcome, latency_ms, message, details) VALUES (?, ?, ?, ?, ?, ?, ?)');
    insert.run('checkout', 'health', 1_000, 'failed', null, 'expected status 200, got 503', '{"statusCode":503}');
    insert.run('checkout', 'health', 2_000, 'ok', 3, 'HTTP 200', '{"statusCode":200}');
    old.prepare('INSERT INTO check_state VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)').run('checkout', 'health', 'up', 2_000, 0, 1, 2_000, 'ok', 'HTTP 200', 3);
    old.close();

    const store = new SqliteStore(path);
    await store.migrate();
    const history = await store.serviceHistory('checkout', 0, 10_000, 100);
    expect(history.results.map((r) => [r.outcome, r.details])).toEqual([
      ['failed', { statusCode: 503 }],
      ['ok', null],
    ]);
    expect(history.latest).toEqual([{ checkId: 'health', at: 2_000, outcome: 'ok', message: 'HTTP 200', latencyMs: 3, details: { statusCode: 200 } }]);
    expect((await store.loadState()).checks[0]!.machine).toEqual({ status: 'up', since: 2_000, failures: 0, successes: 1 });
    await store.close();
  });
});

describe('the order SQLite writes in', () => {
  it('an incident is written after the results queued before it, so a crash cannot keep the incident without its cause', async () => {
    const path = join(mkdtempSync(join(tmpdir(), 'gb-order-')), 'greenboard.db');
    const store = new SqliteStore(path);
    await store.migrate();
    const written = store.writeResult({
      serviceId: 'checkout',
      checkId: 'health',
      result: { at: 1_000, outcome: 'failed', message: 'connection refused', latencyMs: null },
      machine: { status: 'down', since: 1_000, failures: 2, successes: 0 },
      serviceTransition: { from: 'up', to: 'down', at: 1_000 },
    });
    await store.saveIncident({
      id: 'inc-1',
      serviceId: 'checkout',
      status: 'open',
      openedAt: 1_000,
      acknowledged: null,
      resolvedAt: null,
      reason: 'checkout/health: connection refused',
      causes: [{ checkId: 'health', type: 'tcp', message: 'connection refused' }],
      impacted: [],
      partOf: null,
      reopened: 0,
      step: null,
      stepAt: null,
      timeline: [],
    });
    // What another connection sees is what the file holds, as it would be found after a crash here.
    const reader = new Database(path, { readonly: true });
    expect(reader.prepare('SELECT service_id, status FROM service_state').all()).toEqual([{ service_id: 'checkout', status: 'down' }]);
    expect(reader.prepare('SELECT id FROM incidents').all()).toEqual([{ id: 'inc-1' }]);
    reader.close();
    await written;
    await store.close();
  });
});
