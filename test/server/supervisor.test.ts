import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SqliteStore } from '../../server/store/sqlite';
import { connectClient, startBoard, type RunningBoard } from '../helpers/board';
import { configFromYaml } from '../helpers/config';
import { startHttpTarget, type HttpTarget } from '../helpers/targets';
import { waitFor } from '../helpers/wait';

/** A real SQLite store whose state cannot be read while `unreadable` is set, as when the disk fails for a moment. */
class UnreadableStore extends SqliteStore {
  unreadable: Error | null = null;

  override loadState() {
    return this.unreadable ? Promise.reject(this.unreadable) : super.loadState();
  }
}

let up: HttpTarget;
let down: HttpTarget;
beforeAll(async () => {
  up = await startHttpTarget('up');
  down = await startHttpTarget('down');
});
afterAll(async () => {
  await Promise.all([up.close(), down.close()]);
});

const service = (id: string, url: string) =>
  `  - id: ${id}\n    name: ${id}\n    checks: [{ id: health, type: http, url: "${url}/", interval: 1s, timeout: 500ms, failureThreshold: 1 }]\n`;
const yaml = (...services: string[]) => `services:\n${services.join('')}`;

async function boardWithUnreadableStore(text: string): Promise<{ board: RunningBoard; store: UnreadableStore }> {
  const store = new UnreadableStore(join(mkdtempSync(join(tmpdir(), 'gb-supervisor-')), 'greenboard.db'));
  return { board: await startBoard(text, { store }), store };
}

/** A real SQLite store whose state reads can be held until `release()`: a reload's handover, held open. */
class SlowRereadStore extends SqliteStore {
  private reads = 0;
  holdFrom = Infinity;
  held = false;
  private gate: Promise<void> = Promise.resolve();
  release = () => {};

  /** Holds the `nth` read from now, and every one after it. */
  hold(nth: number): void {
    this.holdFrom = this.reads + nth;
    this.gate = new Promise((resolve) => (this.release = resolve));
  }

  override async loadState() {
    this.reads += 1;
    if (this.reads >= this.holdFrom) {
      this.held = true;
      await this.gate;
    }
    return super.loadState();
  }
}

/** Resolves once the check of `serviceId` has a result newer than `after` and its target was probed again. */
const resultAfter = (board: RunningBoard, serviceId: string, after: number, target: HttpTarget, hits: number) =>
  waitFor(() => {
    const checkedAt = board.app.engine.view(serviceId)?.checks[0]?.lastCheckedAt;
    return target.hits > hits && checkedAt !== null && checkedAt !== undefined && Date.parse(checkedAt) > after;
  }, `a new result of ${serviceId}`);

describe('reloading the config of a running server', () => {
  it('when a reload fails, checks keep running and a later good reload applies', async () => {
    const { board, store } = await boardWithUnreadableStore(yaml(service('api', up.url)));
    const before = await waitFor(() => board.app.engine.view('api')?.status === 'up' && board.app.engine.view('api'), 'api up');

    store.unreadable = new Error('disk I/O error');
    await expect(board.app.reload(configFromYaml(yaml(service('api', up.url), service('search', up.url))))).rejects.toThrow('disk I/O error');
    // The running config stays in force, and its checks keep running.
    const failedAt = Date.now();
    await resultAfter(board, 'api', failedAt, up, up.hits);
    await resultAfter(board, 'api', Date.now(), up, up.hits);
    expect(board.app.engine.views().map((v) => v.id)).toEqual(['api']);
    expect(board.app.engine.view('api')).toMatchObject({ status: 'up', since: before.since });

    store.unreadable = null;
    await board.app.reload(configFromYaml(yaml(service('api', down.url), service('search', up.url))));
    await waitFor(() => board.app.engine.view('api')?.status === 'down', 'api to follow the new config, which probes a failing target');
    await waitFor(() => board.app.engine.view('search')?.status === 'up', 'the new service checked');
    await board.close();
  });

  it('stop() resolves after a failed reload, and after a reload queued behind it', async () => {
    const { board, store } = await boardWithUnreadableStore(yaml(service('api', up.url)));
    store.unreadable = new Error('disk I/O error');
    const failing = board.app.reload(configFromYaml(yaml(service('web', up.url))));
    const queued = board.app.reload(configFromYaml(yaml(service('web', up.url))));
    await expect(failing).rejects.toThrow('disk I/O error');
    await expect(queued).rejects.toThrow('disk I/O error');
    await board.close();
    // Once stopped, a reload is refused rather than starting checks again.
    await expect(board.app.reload(configFromYaml(yaml(service('api', up.url))))).rejects.toThrow('stopping');
  });

  it('a config with no services is refused while the running one has services, and the board stays as it was', async () => {
    const { board } = await boardWithUnreadableStore(yaml(service('api', up.url)));
    await waitFor(() => board.app.engine.view('api')?.status === 'up', 'api up');
    await expect(board.app.reload(configFromYaml(''))).rejects.toThrow(/no services and the running one has 1/);
    await resultAfter(board, 'api', Date.now(), up, up.hits);
    expect(board.app.engine.view('api')?.status).toBe('up');
    // A good reload after the refusal still applies.
    await board.app.reload(configFromYaml(yaml(service('api', up.url), service('web', up.url))));
    expect(board.app.engine.views().map((v) => v.id)).toEqual(['api', 'web']);
    await board.close();
  });

  it('reloads in a row never show a service as unknown, keep its since and add nothing to its history', async () => {
    const board = await startBoard(yaml(service('api', up.url), service('worker', down.url)));
    const client = await connectClient(board.url);
    const upSince = await waitFor(() => client.service('api')?.status === 'up' && client.service('api')!.since, 'api up');
    const downSince = await waitFor(() => client.service('worker')?.status === 'down' && client.service('worker')!.since, 'worker down');
    const transitionsBefore = (await board.store.serviceHistory('api', 0, Date.now() + 1_000, 100)).transitions;
    const updatesBefore = client.updates.length;

    for (const extra of ['', service('web', up.url), '', service('web', up.url)]) {
      await board.app.reload(configFromYaml(yaml(service('api', up.url), service('worker', down.url), extra)));
      await resultAfter(board, 'api', Date.now(), up, up.hits);
      await resultAfter(board, 'worker', Date.now(), down, down.hits);
    }
    const snapshots = await waitFor(() => client.snapshots.length === 5 && client.snapshots.slice(1), 'a fresh snapshot after each reload');
    for (const snapshot of snapshots) {
      expect(snapshot.services.find((s) => s.id === 'api')).toMatchObject({ status: 'up', since: upSince });
      expect(snapshot.services.find((s) => s.id === 'worker')).toMatchObject({ status: 'down', since: downSince });
    }
    const shown = client.updates.slice(updatesBefore).filter((u) => u.service.id !== 'web');
    expect(shown.filter((u) => u.service.status === 'unknown')).toEqual([]);
    expect((await board.store.serviceHistory('api', 0, Date.now() + 1_000, 100)).transitions).toEqual(transitionsBefore);
    client.close();
    await board.close();
  });

  it('a push that arrives while a reload hands over is recorded by the new config, not lost', async () => {
    const token = 'nightly-token-0123456789';
    const pushService = (extra = '') =>
      `services:\n  - { id: nightly, name: Nightly }\n${extra}sources:\n  - { id: beat, type: push, token: ${token}, service: nightly, grace: 1h }\n`;
    const store = new SlowRereadStore(join(mkdtempSync(join(tmpdir(), 'gb-supervisor-')), 'greenboard.db'));
    const board = await startBoard(pushService(), { store });
    // The reload reads the state as it prepares, and again once the old sources have stopped.
    store.hold(2);
    const reloading = board.app.reload(configFromYaml(pushService(service('web', up.url))));
    await waitFor(() => store.held, 'the reload to be between stopping the old sources and starting the new ones');
    // Released only once the server has the request and has passed it on as far as it goes at once.
    const arrived = new Promise<void>((resolve) => board.app.httpServer.once('request', () => setImmediate(resolve)));
    const pushed = fetch(`${board.url}/api/push/${token}?status=down&msg=${encodeURIComponent('export failed')}`, { method: 'POST' });
    await arrived;
    store.release();
    await reloading;
    expect((await pushed).status).toBe(202);
    await waitFor(() => board.app.engine.view('nightly')?.status === 'down', 'the push recorded by the new config');
    expect(board.app.engine.view('nightly')?.checks[0]).toMatchObject({ id: 'beat', message: 'export failed' });
    const { latest } = await board.store.serviceHistory('nightly', 0, Date.now() + 1_000, 10);
    expect(latest).toEqual([expect.objectContaining({ checkId: 'beat', outcome: 'failed', message: 'export failed' })]);
    await board.close();
  });
});
