import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import type { HistoryResponse, ServiceResponse, ServiceUptimeResponse, UptimeResponse } from '../../shared/api';
import { startBoard, type RunningBoard } from '../helpers/board';
import { startHttpTarget, type HttpTarget } from '../helpers/targets';
import { waitFor } from '../helpers/wait';

let target: HttpTarget;
beforeAll(async () => {
  target = await startHttpTarget('up');
});
afterAll(() => target.close());

let board: RunningBoard | null = null;
afterEach(async () => {
  await board?.close();
  board = null;
  target.mode = 'up';
});

const yaml = () => `
services:
  - { id: checkout, name: Checkout API, slo: 99%, checks: [{ id: health, type: http, url: "${target.url}/", interval: 1s, timeout: 500ms, failureThreshold: 1 }] }
  - { id: search, name: Search, checks: [{ id: health, type: http, url: "${target.url}/", interval: 1s, timeout: 500ms, failureThreshold: 1, expect: { status: 418 } }] }
`;

const get = async <T>(url: string): Promise<{ status: number; body: T }> => {
  const res = await fetch(url);
  return { status: res.status, body: (await res.json()) as T };
};
const statusOf = async (url: string, id: string) => (await get<ServiceResponse>(`${url}/api/services/${id}`)).body.service.status;

describe('uptime from the time spent in each status', () => {
  it('counts an outage the length its transitions say, leaves unknown time out, and gives the board its overall figure', async () => {
    board = await startBoard(yaml());
    const url = board.url;
    await waitFor(async () => (await statusOf(url, 'checkout')) === 'up', 'checkout up');
    target.mode = 'down';
    await waitFor(async () => (await statusOf(url, 'checkout')) === 'down', 'checkout down');
    target.mode = 'up';
    await waitFor(async () => (await statusOf(url, 'checkout')) === 'up', 'checkout up again');

    const history = (await get<HistoryResponse>(`${url}/api/services/checkout/history`)).body;
    const own = history.transitions.filter((t) => t.checkId === null);
    const downAt = Date.parse(own.find((t) => t.to === 'down')!.at);
    const upAgainAt = Date.parse(own.filter((t) => t.to === 'up').at(-1)!.at);

    const { status, body } = await get<UptimeResponse>(`${url}/api/uptime?window=24h`);
    expect(status).toBe(200);
    expect(body.window.label).toBe('last 24 hours');
    const checkout = body.services.find((s) => s.serviceId === 'checkout')!;
    expect(checkout.downMs).toBe(upAgainAt - downAt);
    expect(checkout.incidents).toBe(1);
    expect(checkout.longestOutageMs).toBe(upAgainAt - downAt);
    expect(checkout.monitoredMs).toBe(checkout.upMs + checkout.degradedMs + checkout.downMs);
    expect(checkout.uptime).toBeCloseTo((checkout.upMs + checkout.degradedMs) / checkout.monitoredMs, 10);
    expect(checkout.uptime).toBeGreaterThan(0);
    expect(checkout.uptime).toBeLessThan(1);
    // Counting starts when the service was first seen, not 24 hours ago.
    expect(Date.parse(checkout.countedFrom)).toBeGreaterThan(Date.now() - 60_000);
    // Search never passed: all of its watched time is down.
    const search = body.services.find((s) => s.serviceId === 'search')!;
    expect(search.uptime).toBe(0);
    expect(body.overall.monitoredMs).toBe(checkout.monitoredMs + search.monitoredMs);
    expect(body.overall.uptime).toBeCloseTo((checkout.upMs + checkout.degradedMs) / body.overall.monitoredMs, 10);
    // Its objective is judged over its own 30 days, which hold all of its short history: the same watched and down time;
    // 1 % of a few seconds watched is spent by an outage of a second.
    expect(checkout.slo).toMatchObject({ target: 0.99, window: '30d', uptime: checkout.uptime, breached: true });
    expect(checkout.slo!.budgetMs).toBe(Math.round(0.01 * checkout.monitoredMs));
    expect(checkout.slo!.budgetLeftMs).toBe(checkout.slo!.budgetMs - checkout.downMs);
    expect(checkout.slo!.burnRate).toBeCloseTo(checkout.downMs / checkout.monitoredMs / 0.01, 10);
    expect(search.slo).toBeNull();

    const one = await get<ServiceUptimeResponse>(`${url}/api/services/checkout/uptime?window=7d&buckets=day&tz=Asia/Kathmandu`);
    expect(one.status).toBe(200);
    expect(one.body.service.downMs).toBe(upAgainAt - downAt);
    expect(one.body.service.slo).toMatchObject({ target: 0.99, window: '30d', budgetLeftMs: one.body.service.slo!.budgetMs - (upAgainAt - downAt) });
    expect(one.body.window.timeZone).toBe('Asia/Kathmandu');
    // 7 days touch 8 local days; the outage is in today's.
    expect(one.body.days!.length).toBe(8);
    expect(one.body.days!.reduce((sum, d) => sum + d.downMs, 0)).toBe(upAgainAt - downAt);
    expect(one.body.days!.at(-1)!.incidents).toBe(1);
  });

  it('counts the time the server was stopped as unknown, not as up', async () => {
    board = await startBoard(yaml());
    const dbFile = board.dbFile;
    await waitFor(async () => (await statusOf(board!.url, 'checkout')) === 'up', 'checkout up');
    await board.close();
    const stoppedAt = Date.now();
    board = null;
    // The gap must be longer than the checks' staleness margin, so it shows in the figures.
    await waitFor(() => (Date.now() - stoppedAt >= 3_000 ? true : undefined), 'three seconds to pass with the server stopped', {
      timeoutMs: 5_000,
      everyMs: 100,
    });
    board = await startBoard(yaml(), { dbFile });
    await waitFor(async () => (await statusOf(board!.url, 'checkout')) === 'up', 'checkout up after the restart');
    const checkout = (await get<UptimeResponse>(`${board.url}/api/uptime?window=24h`)).body.services.find((s) => s.serviceId === 'checkout')!;
    expect(checkout.unknownMs).toBeGreaterThanOrEqual(3_000);
    expect(checkout.downMs).toBe(0);
    expect(checkout.uptime).toBe(1);
  });

  it('refuses a window it does not understand, naming the parameter and what it takes', async () => {
    board = await startBoard(yaml());
    const cases: Array<[string, RegExp]> = [
      ['/api/uptime?window=2w', /^window must be one of 24h, 7d, 30d, 90d, 1y/],
      ['/api/uptime?from=2026-01-02T00:00:00Z&to=2026-01-01T00:00:00Z', /^from must be before to/],
      ['/api/uptime?window=7d&from=2026-01-01T00:00:00Z', /^give either window or from and to/],
      ['/api/uptime?window=7d&tz=Mars/Olympus', /^tz must be an IANA time zone/],
      ['/api/services/checkout/uptime?buckets=hour', /^buckets must be day/],
      ['/api/services/checkout/uptime?buckets=day&from=2025-01-01T00:00:00Z&to=2026-11-30T00:00:00Z', /^buckets=day covers at most 400 days/],
    ];
    for (const [path, message] of cases) {
      const { status, body } = await get<{ error: { code: string; message: string } }>(`${board.url}${path}`);
      expect(status, path).toBe(400);
      expect(body.error.message, path).toMatch(message);
    }
    expect((await fetch(`${board.url}/api/services/nope/uptime`)).status).toBe(404);
  });
});
