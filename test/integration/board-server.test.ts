import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { decodeSnapshot } from '../../shared/snapshot-codec';
import { connectClient, startBoard, type BoardClient, type RunningBoard } from '../helpers/board';
import { stablePort, startHttpTarget, startTcpTarget, type HttpTarget, type TcpTarget } from '../helpers/targets';
import { waitFor } from '../helpers/wait';

let web: HttpTarget;
let hanging: HttpTarget;
let db: TcpTarget;
let board: RunningBoard;
let client: BoardClient;

const yaml = () => `
teams:
  - { id: payments, name: Payments }
# Healthy checks get their whole interval as timeout: with failureThreshold 1, a run
# slowed by a busy machine would otherwise turn a service down in the middle of a test.
services:
  - id: checkout
    name: Checkout API
    team: payments
    dependsOn: [orders-db]
    checks:
      - id: health
        type: http
        url: ${web.url}/health
        interval: 1s
        timeout: 1s
        failureThreshold: 1
        expect: { status: 200, bodyContains: OK }
  - id: orders-db
    name: Orders DB
    checks:
      - { id: port, type: tcp, host: 127.0.0.1, port: ${db.port}, interval: 1s, timeout: 1s, failureThreshold: 1 }
  - id: legacy
    name: Legacy API
    checks:
      - { id: health, type: http, url: "${hanging.url}/", interval: 1s, timeout: 300ms, failureThreshold: 1 }
`;

beforeAll(async () => {
  web = await startHttpTarget('up');
  hanging = await startHttpTarget('hang');
  db = await startTcpTarget(await stablePort());
  board = await startBoard(yaml());
  client = await connectClient(board.url);
  await waitFor(() => client.service('checkout')?.status === 'up' && client.service('orders-db')?.status === 'up', 'everything up');
});

afterAll(async () => {
  client.close();
  await board.close();
  await Promise.all([web.close(), hanging.close(), db.close()]);
});

afterEach(() => {
  web.mode = 'up';
});

describe('a connected board', () => {
  it('gets a snapshot of current state on connect: every service, no history', async () => {
    const fresh = await connectClient(board.url);
    const [snapshot] = fresh.snapshots;
    fresh.close();
    expect(snapshot!.services.map((s) => s.id)).toEqual(['checkout', 'orders-db', 'legacy']);
    expect(snapshot!.epoch).toMatch(/\w+/);
    expect(Object.keys(snapshot!.services[0]!).sort()).toEqual(
      ['checks', 'dependsOn', 'id', 'impactedBy', 'incident', 'links', 'maintenance', 'name', 'oncall', 'since', 'status', 'tags', 'team', 'upstream'].sort(),
    );
  });

  it('sees a failing target turn its service down, with the reason', async () => {
    web.mode = 'down';
    const down = await waitFor(() => client.service('checkout')?.status === 'down' && client.service('checkout'), 'checkout down');
    expect(down.checks[0]!.message).toBe('expected status 200, got 503');
    web.mode = 'up';
    await waitFor(() => client.service('checkout')?.status === 'up', 'checkout up again');
  });

  it('numbers deltas one by one', () => {
    // Services changed together share one delta, so one seq.
    const seqs = [...new Set(client.updates.map((u) => u.seq))];
    expect(seqs.length).toBeGreaterThan(1);
    seqs.forEach((seq, i) => i > 0 && expect(seq).toBe(seqs[i - 1]! + 1));
  });

  it('a hanging target is down by its timeout while the other checks carry on', async () => {
    const legacy = await waitFor(() => client.service('legacy')?.status === 'down' && client.service('legacy'), 'legacy down');
    expect(legacy.checks[0]!.message).toBe('timed out after 300ms');
    web.mode = 'down';
    await waitFor(() => client.service('checkout')?.status === 'down', 'checkout down while legacy hangs');
  });

  it('a database that stops listening is down, and its dependants are shown impacted', async () => {
    await waitFor(() => client.service('checkout')?.status === 'up', 'checkout up before the outage');
    const port = db.port;
    await db.close();
    await waitFor(() => client.service('orders-db')?.status === 'down', 'orders-db down');
    await waitFor(() => client.service('checkout')?.impactedBy.includes('orders-db'), 'checkout impacted');
    expect(client.service('checkout')!.status).toBe('up');
    db = await startTcpTarget(port);
    await waitFor(() => client.service('orders-db')?.status === 'up', 'orders-db up again');
    await waitFor(() => client.service('checkout')?.impactedBy.length === 0, 'checkout no longer impacted');
  });

  it('receives heartbeats carrying the current seq', async () => {
    const beat = await new Promise<{ epoch: string; seq: number }>((resolve) => client.socket.once('heartbeat', resolve));
    expect(beat.epoch).toBe(client.snapshots[0]!.epoch);
    expect(beat.seq).toBe(client.updates.at(-1)?.seq ?? 0);
  });

  it('can ask for a fresh snapshot', async () => {
    const snapshot = await decodeSnapshot(await client.socket.timeout(10_000).emitWithAck('snapshot:request'));
    expect(snapshot.services).toHaveLength(3);
    expect(snapshot.seq).toBe(client.updates.at(-1)?.seq ?? 0);
  });

  it('requests in quick succession are all answered, sharing snapshots', async () => {
    const messages = await Promise.all([1, 2, 3].map(() => client.socket.timeout(10_000).emitWithAck('snapshot:request')));
    const answers = await Promise.all(messages.map((m) => decodeSnapshot(m)));
    expect(answers).toHaveLength(3);
    expect(answers.every((a) => a.services.length === 3)).toBe(true);
    // The first may be answered at once; the rest share one deferred snapshot.
    expect(new Set(answers.map((a) => a.generatedAt)).size).toBeLessThanOrEqual(2);
  });
});

describe('the REST API', () => {
  it('lists services with their checks and status', async () => {
    const body = await (await fetch(`${board.url}/api/services`)).json();
    expect(body.generatedAt).toMatch(/^\d{4}-/);
    expect(body.services.find((s: { id: string }) => s.id === 'checkout')).toMatchObject({
      name: 'Checkout API',
      team: { id: 'payments', name: 'Payments' },
      checks: [{ id: 'health', type: 'http' }],
    });
  });

  it('sends the list compressed to a client that accepts gzip', async () => {
    const response = await fetch(`${board.url}/api/services`, { headers: { 'accept-encoding': 'gzip' } });
    expect(response.headers.get('content-encoding')).toBe('gzip');
    expect((await response.json()).services).toHaveLength(3);
  });

  it('shows one service', async () => {
    const response = await fetch(`${board.url}/api/services/orders-db`);
    expect(response.status).toBe(200);
    expect((await response.json()).service.id).toBe('orders-db');
  });

  it('an unknown service is a 404 in the error shape', async () => {
    const response = await fetch(`${board.url}/api/services/nope`);
    expect(response.status).toBe(404);
    expect(await response.json()).toEqual({ error: { code: 'not_found', message: 'service "nope" not found' } });
  });

  it('a request that is itself malformed gets a 4xx in the error shape, never a 500', async () => {
    const badEscape = await fetch(`${board.url}/api/services/%E0%A4%A`);
    expect(badEscape.status).toBe(400);
    expect((await badEscape.json()).error).toEqual({ code: 'bad_request', message: 'malformed request' });
    const post = (headers: Record<string, string>, body: string) => fetch(`${board.url}/api/services`, { method: 'POST', headers, body });
    const charset = await post({ 'content-type': 'application/json; charset=foo' }, '{}');
    expect(charset.status).toBe(415);
    expect((await charset.json()).error.code).toBe('unsupported_media_type');
    const huge = await post({ 'content-type': 'application/json' }, JSON.stringify({ pad: 'x'.repeat(300_000) }));
    expect(huge.status).toBe(413);
    const broken = await post({ 'content-type': 'application/json' }, '{"nope":');
    expect(broken.status).toBe(400);
    expect((await fetch(`${board.url}/healthz`)).status).toBe(200);
  });

  it('an unknown endpoint is a JSON 404, not HTML', async () => {
    const response = await fetch(`${board.url}/api/nothing-here`);
    expect(response.status).toBe(404);
    expect((await response.json()).error.code).toBe('not_found');
  });

  it('history holds the results and transitions of a service', async () => {
    const body = await (await fetch(`${board.url}/api/services/checkout/history`)).json();
    expect(body.results.length).toBeGreaterThan(0);
    expect(body.transitions.map((t: { to: string }) => t.to)).toContain('down');
  });

  it('history keeps the details of failures with each result, and of the newest result of each check', async () => {
    type Result = { checkId: string; outcome: string; details: Record<string, unknown> | null };
    web.mode = 'down';
    await waitFor(() => client.service('checkout')?.status === 'down', 'checkout down');
    web.mode = 'up';
    await waitFor(() => client.service('checkout')?.status === 'up', 'checkout up again');
    const body = (await (await fetch(`${board.url}/api/services/checkout/history`)).json()) as { results: Result[]; latest: Result[] };
    const failed = body.results.filter((r) => r.outcome === 'failed');
    const ok = body.results.filter((r) => r.outcome === 'ok');
    expect(failed.length).toBeGreaterThan(0);
    expect(ok.length).toBeGreaterThan(0);
    expect(failed.every((r) => r.details?.statusCode === 503)).toBe(true);
    expect(ok.every((r) => r.details === null)).toBe(true);
    expect(body.latest).toHaveLength(1);
    expect(body.latest[0]).toMatchObject({ checkId: 'health', outcome: 'ok', details: { statusCode: 200 } });
  });

  it('a malformed history window is a 400 that says why', async () => {
    const response = await fetch(`${board.url}/api/services/checkout/history?from=yesterday-ish`);
    expect(response.status).toBe(400);
    expect((await response.json()).error.message).toMatch(/from must be/);
  });

  it('answers health and readiness', async () => {
    expect(await (await fetch(`${board.url}/healthz`)).json()).toEqual({ status: 'ok' });
    expect((await fetch(`${board.url}/readyz`)).status).toBe(200);
  });
});
