import type Database from 'better-sqlite3';
import { spawnSync } from 'node:child_process';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServicesResponse } from '../../../shared/api';
import { connectClient, startBoard, type RunningBoard } from '../../helpers/board';
import { configFromYaml } from '../../helpers/config';
import { binariesRequirement } from '../../helpers/daemon';
import { findSecrets } from '../../helpers/leaks';
import { startHttpTarget, type HttpTarget } from '../../helpers/targets';
import { waitFor } from '../../helpers/wait';
import { parseExposition, scrape, valueOf, type Exposition } from './exposition';

const PUSH_TOKEN = 'push-token-5f0c2a9e7d1b4c38';
const HOOK_TOKEN = 'hook-token-8b3e6d0f2a7c9e14';
const WRONG_TOKEN = 'wrong-token-1a2b3c4d5e6f7a8b';
const PROMTOOL = process.env.PROMTOOL_PATH ?? '/usr/bin/promtool';

const yaml = (target: HttpTarget) => `
services:
  - id: checkout
    name: Checkout API
    checks: [{ id: health, type: http, url: "${target.url}/", interval: 1s, timeout: 500ms, failureThreshold: 1 }]
  - { id: nightly, name: Nightly batch }
  - { id: inventory, name: Inventory }
sources:
  - { id: nightly-push, type: push, token: "\${PUSH_TOKEN}", service: nightly, grace: 1h }
  - { id: inventory-hook, type: webhook, token: "\${HOOK_TOKEN}", services: [inventory] }
`;

let target: HttpTarget;
let board: RunningBoard;

beforeAll(async () => {
  target = await startHttpTarget('up');
  const env = { PUSH_TOKEN, HOOK_TOKEN };
  board = await startBoard('', { config: configFromYaml(yaml(target), env), secrets: Object.values(env), heartbeatMs: 100 });
});

afterAll(async () => {
  await board.close();
  await target.close();
});

/** Scrapes until `probe` holds of the scrape, and returns that scrape. */
const scrapeUntil = (probe: (metrics: Exposition) => boolean, what: string) =>
  waitFor(async () => {
    const metrics = await scrape(board.url);
    return probe(metrics) && metrics;
  }, what);

describe('GET /metrics', () => {
  it("answers in the Prometheus text format, with Greenboard's metrics and the process's under their standard names", async () => {
    const response = await fetch(`${board.url}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toBe('text/plain; version=0.0.4; charset=utf-8');
    const metrics = parseExposition(await response.text());
    expect(metrics.types.get('greenboard_check_runs_total')).toBe('counter');
    expect(metrics.types.get('greenboard_check_duration_seconds')).toBe('histogram');
    expect(metrics.types.get('greenboard_services')).toBe('gauge');
    expect(metrics.types.get('process_cpu_seconds_total')).toBe('counter');
    expect(metrics.types.get('process_resident_memory_bytes')).toBe('gauge');
    expect(metrics.types.get('nodejs_eventloop_lag_seconds')).toBe('gauge');
  });

  it(
    "names Greenboard's metrics as Prometheus' conventions want them, as promtool checks them",
    {
      skip: binariesRequirement('promtool', [PROMTOOL], 'apt-get install -y prometheus').skip,
    },
    async () => {
      const text = await (await fetch(`${board.url}/metrics`)).text();
      const lint = spawnSync(PROMTOOL, ['check', 'metrics'], { input: text, encoding: 'utf8' });
      // The process's metrics are prom-client's standard ones, as dashboards know them, whatever promtool thinks of them.
      expect(`${lint.stdout}${lint.stderr}`.split('\n').filter((line) => line.startsWith('greenboard_'))).toEqual([]);
    },
  );

  it('other methods are refused with the methods it takes', async () => {
    const response = await fetch(`${board.url}/metrics`, { method: 'POST' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });

  it('a check that fails and then passes is counted under its type and each outcome, and its answers are timed', async () => {
    const before = await scrape(board.url);
    const runs = (m: Exposition, outcome: string) => valueOf(m, 'greenboard_check_runs_total', { type: 'http', outcome });
    target.mode = 'down';
    await scrapeUntil((m) => runs(m, 'failed') > runs(before, 'failed'), 'a failed http run counted');
    target.mode = 'up';
    const after = await scrapeUntil((m) => runs(m, 'ok') > runs(before, 'ok'), 'a passing http run counted');
    expect(valueOf(after, 'greenboard_check_duration_seconds_count', { type: 'http' })).toBeGreaterThan(0);
    // Every answer took less than the check's timeout, so all sit in the 0.5 s bucket.
    expect(valueOf(after, 'greenboard_check_duration_seconds_bucket', { type: 'http', le: '0.5' })).toBe(
      valueOf(after, 'greenboard_check_duration_seconds_count', { type: 'http' }),
    );
    // A source's report is no check run.
    expect(after.samples.filter((s) => s.name === 'greenboard_check_runs_total').map((s) => s.labels.type)).not.toContain('push');
  });

  it('counts the services by status, as the board shows them', async () => {
    await waitFor(async () => {
      const { services } = (await (await fetch(`${board.url}/api/services`)).json()) as ServicesResponse;
      const metrics = await scrape(board.url);
      const shown = (status: string) => services.filter((s) => s.status === status).length;
      return ['up', 'degraded', 'down', 'unknown', 'maintenance'].every((status) => valueOf(metrics, 'greenboard_services', { status }) === shown(status));
    }, 'the gauge to agree with the board');
    const metrics = await scrape(board.url);
    expect(valueOf(metrics, 'greenboard_services')).toBe(3);
    expect(valueOf(metrics, 'greenboard_services', { status: 'maintenance' })).toBe(0);
  });

  it('an open board is counted while connected, and the events sent to it are counted by name', async () => {
    const before = await scrape(board.url);
    const client = await connectClient(board.url);
    const sent = (m: Exposition, event: string) => valueOf(m, 'greenboard_socket_events_sent_total', { event });
    try {
      const during = await scrapeUntil(
        (m) => sent(m, 'heartbeat') > sent(before, 'heartbeat') && valueOf(m, 'greenboard_boards_open') === valueOf(before, 'greenboard_boards_open') + 1,
        'the board counted, and a heartbeat sent to it',
      );
      expect(sent(during, 'snapshot')).toBeGreaterThan(sent(before, 'snapshot'));
      // A heartbeat to the boards is one broadcast, timed once however many boards it reached.
      const broadcasts = (m: Exposition) => valueOf(m, 'greenboard_board_broadcast_seconds_count', { event: 'heartbeat' });
      expect(broadcasts(during)).toBeGreaterThan(broadcasts(before));
      // The answer to a board's request for a snapshot counts too.
      await client.socket.timeout(5_000).emitWithAck('snapshot:request');
      await scrapeUntil((m) => sent(m, 'snapshot') > sent(during, 'snapshot'), 'the requested snapshot counted');
    } finally {
      client.close();
    }
    await scrapeUntil((m) => valueOf(m, 'greenboard_boards_open') === valueOf(before, 'greenboard_boards_open'), 'the closed board no longer counted');
  });

  it('messages a source takes and refuses are counted by source and outcome, and those to no source by kind', async () => {
    const before = await scrape(board.url);
    const events = (m: Exposition, source: string, outcome: string) => valueOf(m, 'greenboard_source_events_total', { source, outcome });
    const unknown = (m: Exposition, kind: string) => valueOf(m, 'greenboard_source_unknown_address_total', { kind });

    expect((await fetch(`${board.url}/api/push/${PUSH_TOKEN}?status=up`)).status).toBe(202);
    expect((await fetch(`${board.url}/api/push/${WRONG_TOKEN}?status=up`)).status).toBe(404);
    expect((await fetch(`${board.url}/api/push/${PUSH_TOKEN}?status=sideways`)).status).toBe(400);
    const hook = (token: string) =>
      fetch(`${board.url}/api/sources/inventory-hook/webhook`, {
        method: 'POST',
        headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
        body: JSON.stringify({ service: 'inventory', status: 'up' }),
      });
    expect((await hook(WRONG_TOKEN)).status).toBe(401);
    expect((await hook(HOOK_TOKEN)).status).toBe(202);
    expect((await fetch(`${board.url}/api/sources/no-such-source/webhook`, { method: 'POST' })).status).toBe(404);

    const after = await scrape(board.url);
    expect(events(after, 'nightly-push', 'accepted') - events(before, 'nightly-push', 'accepted')).toBe(1);
    expect(events(after, 'nightly-push', 'rejected') - events(before, 'nightly-push', 'rejected')).toBe(1);
    expect(events(after, 'inventory-hook', 'accepted') - events(before, 'inventory-hook', 'accepted')).toBe(1);
    expect(events(after, 'inventory-hook', 'rejected') - events(before, 'inventory-hook', 'rejected')).toBe(1);
    expect(valueOf(after, 'greenboard_source_events_total', { source: 'inventory-hook', type: 'webhook', outcome: 'rejected' })).toBeGreaterThan(0);
    expect(unknown(after, 'push') - unknown(before, 'push')).toBe(1);
    expect(unknown(after, 'webhook') - unknown(before, 'webhook')).toBe(1);
  });

  it('requests are counted by the route that took them, never by the path asked for', async () => {
    await fetch(`${board.url}/api/push/${WRONG_TOKEN}`);
    await fetch(`${board.url}/api/services`);
    await fetch(`${board.url}/no/such/page`);
    const metrics = await scrape(board.url);
    expect(valueOf(metrics, 'greenboard_http_requests_total', { method: 'GET', route: '/api/push/:token', status: '404' })).toBeGreaterThan(0);
    expect(valueOf(metrics, 'greenboard_http_requests_total', { method: 'GET', route: '/api/services', status: '200' })).toBeGreaterThan(0);
    expect(valueOf(metrics, 'greenboard_http_requests_total', { route: 'none', status: '404' })).toBeGreaterThan(0);
    expect(valueOf(metrics, 'greenboard_http_request_duration_seconds_count', { route: '/api/services' })).toBeGreaterThan(0);
    const routes = new Set(metrics.samples.filter((s) => s.name === 'greenboard_http_requests_total').map((s) => s.labels.route));
    expect([...routes].filter((route) => route !== 'none' && !route!.includes(':') && !/^\/(api|metrics|healthz|readyz)/.test(route!))).toEqual([]);
  });

  it('writes to the store are timed by operation, and a failing one is counted', async () => {
    const db = (board.store as unknown as { db: Database.Database }).db;
    const errors = (m: Exposition) => valueOf(m, 'greenboard_store_errors_total', { operation: 'writeResult' });
    const before = await scrape(board.url);
    expect(valueOf(before, 'greenboard_store_write_seconds_count', { operation: 'writeResult' })).toBeGreaterThan(0);
    // At zero before any failure, so an alert has a series to watch.
    expect(before.samples.some((s) => s.name === 'greenboard_store_errors_total' && s.labels.operation === 'writeResult')).toBe(true);
    db.pragma('query_only = ON');
    try {
      await scrapeUntil((m) => errors(m) > errors(before), 'a failed write counted');
    } finally {
      db.pragma('query_only = OFF');
    }
  });

  it('no token of a source, right or wrong, appears in what it shows', async () => {
    const text = await (await fetch(`${board.url}/metrics`)).text();
    expect(findSecrets(text, [PUSH_TOKEN, HOOK_TOKEN, WRONG_TOKEN])).toEqual([]);
  });
});

describe('GET /metrics behind a token', () => {
  const METRICS_TOKEN = 'metrics-token-3c9d1e7f5a2b8c60';
  let guarded: RunningBoard;

  beforeAll(async () => {
    const config = configFromYaml('metrics:\n  token: "${METRICS_TOKEN}"\nservices:\n  - { id: checkout, name: Checkout API }\n', { METRICS_TOKEN });
    guarded = await startBoard('', { config, secrets: [METRICS_TOKEN] });
  });

  afterAll(async () => {
    await guarded.close();
  });

  it.each([
    ['without a token', undefined],
    ['with a wrong token', `Bearer ${WRONG_TOKEN}`],
    ['with the token but not as a bearer token', METRICS_TOKEN],
  ])('answers 401 %s, saying what is wrong and nothing measured', async (_, authorization) => {
    const response = await fetch(`${guarded.url}/metrics`, authorization ? { headers: { authorization } } : {});
    expect(response.status).toBe(401);
    expect(response.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const body = await response.text();
    expect(JSON.parse(body)).toEqual({ error: { code: 'unauthorized', message: 'wrong or missing bearer token' } });
    expect(body).not.toContain('greenboard_');
  });

  it('answers the metrics with the right bearer token, which appears nowhere in them', async () => {
    const response = await fetch(`${guarded.url}/metrics`, { headers: { authorization: `Bearer ${METRICS_TOKEN}` } });
    expect(response.status).toBe(200);
    const text = await response.text();
    expect(valueOf(parseExposition(text), 'greenboard_services')).toBe(1);
    expect(findSecrets(text, [METRICS_TOKEN])).toEqual([]);
  });

  it('a reload that drops the token opens /metrics at once, and the services counted are those of the new config', async () => {
    await guarded.app.reload(configFromYaml('services:\n  - { id: checkout, name: Checkout API }\n  - { id: search, name: Search }\n'));
    const response = await fetch(`${guarded.url}/metrics`);
    expect(response.status).toBe(200);
    expect(valueOf(parseExposition(await response.text()), 'greenboard_services')).toBe(2);
  });
});
