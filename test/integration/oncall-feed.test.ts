import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FEED } from '../helpers/ics-feed';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { OncallResponse, ServicesResponse } from '../../shared/api';
import { startBoard, type RunningBoard } from '../helpers/board';
import { configFromYaml } from '../helpers/config';

const MIN = 60_000;
const NOW = Date.parse('2026-11-23T12:00:00Z');

// Only the clock and the timers are faked: the feed's server and the board run for real.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('an on-call feed that fails', () => {
  let feed: Server;
  let answer: 'calendar' | 'error' | 'hang' = 'calendar';
  let board: RunningBoard;

  beforeEach(async () => {
    answer = 'calendar';
    feed = createServer((_req, res) => {
      if (answer === 'error') return void res.writeHead(500).end('oops');
      if (answer === 'hang') return;
      res.writeHead(200, { 'content-type': 'text/calendar' }).end(FEED);
    });
    await new Promise<void>((resolve) => feed.listen(0, '127.0.0.1', resolve));
  });
  afterEach(async () => {
    await board.close();
    feed.closeAllConnections();
    await new Promise((resolve) => feed.close(resolve));
  });

  const oncall = async () => ((await (await fetch(`${board.url}/api/oncall`)).json()) as OncallResponse).teams[0]!.layers[0]!;

  const config = (extra = '', path = 'oncall.ics') => `
people:
  - { id: alice, name: Alice Liddell, contact: { email: alice@example.com, slack: "@alice" } }
teams:
  - { id: payments, name: Payments, oncall: { ics: { url: "http://127.0.0.1:${(feed.address() as AddressInfo).port}/${path}", refresh: 5m } } }
services:
  - { id: checkout, name: Checkout, team: payments }
${extra}`;

  it('keeps its last good answer, says since when and why, and recovers', async () => {
    board = await startBoard(config());
    const first = await vi.waitFor(async () => {
      const layer = await oncall();
      if (layer.source.asOf === null) throw new Error('not read yet');
      return layer;
    });
    // Matched with people: by email, so the contact comes from the config.
    expect(first.now.person).toEqual({ id: 'alice', name: 'Alice Liddell', contact: { email: 'alice@example.com', slack: '@alice' } });
    expect(first.source).toMatchObject({ provider: 'ics', problem: null });
    const readAt = Date.parse(first.source.asOf!);
    expect(readAt - NOW).toBeLessThan(MIN);

    answer = 'error';
    await vi.advanceTimersByTimeAsync(5 * MIN);
    const failing = await vi.waitFor(async () => {
      const layer = await oncall();
      if (layer.source.problem === null) throw new Error('not read again yet');
      return layer;
    });
    expect(failing.now.person?.id).toBe('alice');
    // Still the answer read first, and said to be from then.
    expect(failing.source).toEqual({ provider: 'ics', asOf: first.source.asOf, problem: 'feed answered 500' });

    answer = 'calendar';
    await vi.advanceTimersByTimeAsync(5 * MIN);
    const recovered = await vi.waitFor(async () => {
      const layer = await oncall();
      if (layer.source.problem !== null) throw new Error('not recovered yet');
      return layer;
    });
    expect(Date.parse(recovered.source.asOf!)).toBeGreaterThanOrEqual(readAt + 10 * MIN);
    expect(recovered.now.person?.id).toBe('alice');
  });

  it('a reload that keeps the schedule keeps its answer: no board shows nobody on call while the feed is read again', async () => {
    board = await startBoard(config());
    const first = await vi.waitFor(async () => {
      const layer = await oncall();
      if (layer.source.asOf === null) throw new Error('not read yet');
      return layer;
    });
    answer = 'hang';
    await board.app.reload(configFromYaml(config('  - { id: search, name: Search, team: payments }')));
    const after = await oncall();
    expect(after.now.person?.id).toBe('alice');
    expect(after.source.asOf).toBe(first.source.asOf);
    const views = ((await (await fetch(`${board.url}/api/services`)).json()) as ServicesResponse).services;
    expect(views.map((v) => [v.id, v.oncall?.person?.id])).toEqual([
      ['checkout', 'alice'],
      ['search', 'alice'],
    ]);
  });

  const firstRead = () =>
    vi.waitFor(async () => {
      const layer = await oncall();
      if (layer.source.asOf === null) throw new Error('not read yet');
      return layer;
    });

  it('a restart while the feed is down starts from the answer kept before, said to be from then', async () => {
    board = await startBoard(config());
    const first = await firstRead();
    answer = 'error';
    const { dbFile } = board;
    await board.close();
    await vi.advanceTimersByTimeAsync(30 * MIN);
    board = await startBoard(config(), { dbFile });
    // At once: the person the feed last named, with the time it did, on the strip and the services.
    const kept = await oncall();
    expect(kept.now.person).toEqual(first.now.person);
    expect(kept.source.asOf).toBe(first.source.asOf);
    const views = ((await (await fetch(`${board.url}/api/services`)).json()) as ServicesResponse).services;
    expect(views.map((v) => [v.id, v.oncall?.person?.id])).toEqual([['checkout', 'alice']]);
    // The feed still down: why, and the answer kept from before.
    const failing = await vi.waitFor(async () => {
      const layer = await oncall();
      if (layer.source.problem === null) throw new Error('not read yet');
      return layer;
    });
    expect(failing.source).toEqual({ provider: 'ics', asOf: first.source.asOf, problem: 'feed answered 500' });
    expect(failing.now.person?.id).toBe('alice');
  });

  it('an answer kept from another feed is not taken: a schedule changed over a restart is read from nothing', async () => {
    board = await startBoard(config());
    await firstRead();
    answer = 'hang';
    const { dbFile } = board;
    await board.close();
    board = await startBoard(config('', 'another.ics'), { dbFile });
    const layer = await oncall();
    expect(layer.now.person).toBeNull();
    expect(layer.source.asOf).toBeNull();
  });
});
