import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectClient, startBoard } from '../helpers/board';
import { startHttpTarget, type HttpTarget } from '../helpers/targets';
import { waitFor } from '../helpers/wait';

let up: HttpTarget;
let down: HttpTarget;
beforeAll(async () => {
  up = await startHttpTarget('up');
  down = await startHttpTarget('down');
});
afterAll(async () => {
  await Promise.all([up.close(), down.close()]);
});

const yaml = () => `
services:
  - id: api
    name: API
    checks: [{ id: health, type: http, url: "${up.url}/", interval: 1s, timeout: 500ms }]
  - id: worker
    name: Worker
    checks: [{ id: health, type: http, url: "${down.url}/", interval: 1s, timeout: 500ms, failureThreshold: 1 }]
`;

describe('restarting the server on the same SQLite file', () => {
  it('shows the same states with since preserved, before and after new results', async () => {
    const first = await startBoard(yaml());
    await waitFor(() => first.app.engine.view('api')?.status === 'up' && first.app.engine.view('worker')?.status === 'down', 'api up and worker down');
    const before = Object.fromEntries(first.app.engine.views().map((v) => [v.id, { status: v.status, since: v.since }]));
    await first.close();

    const second = await startBoard(yaml(), { dbFile: first.dbFile });
    const client = await connectClient(second.url);
    for (const id of ['api', 'worker']) {
      expect(client.snapshots[0]!.services.find((s) => s.id === id)).toMatchObject(before[id]!);
    }
    const worker = await waitFor(
      () => second.app.engine.view('worker')!.checks[0]!.lastCheckedAt! > client.snapshots[0]!.generatedAt && second.app.engine.view('worker'),
      'a new result after the restart',
    );
    expect(worker).toMatchObject(before.worker!);
    client.close();
    await second.close();
  });
});

describe('reloading the config in a running server', () => {
  it('keeps the state of services that stay and sends every board a fresh snapshot', async () => {
    const board = await startBoard(yaml());
    const client = await connectClient(board.url);
    const before = await waitFor(() => client.service('api')?.status === 'up' && client.service('api'), 'api up');
    const { configFromYaml } = await import('../helpers/config');
    await board.app.reload(
      configFromYaml(`${yaml()}  - id: search\n    name: Search\n    checks: [{ id: health, type: http, url: "${up.url}/", interval: 1s, timeout: 500ms }]\n`),
    );
    const snapshot = await waitFor(() => client.snapshots.length > 1 && client.snapshots.at(-1), 'a fresh snapshot');
    expect(snapshot.services.map((s) => s.id)).toEqual(['api', 'worker', 'search']);
    expect(snapshot.services.find((s) => s.id === 'api')).toMatchObject({ status: 'up', since: before.since });
    await waitFor(() => client.service('search')?.status === 'up', 'the new service checked');
    client.close();
    await board.close();
  });
});
