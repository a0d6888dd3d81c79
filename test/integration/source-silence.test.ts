import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SourcesResponse } from '../../shared/api';
import { startBoard, type RunningBoard } from '../helpers/board';
import { capturingLogger } from '../helpers/log-lines';
import { fixture } from '../server/sources/fixtures';

const CI_TOKEN = 'ci-webhook-token-0123456789abcdef';
const AM_TOKEN = 'am-webhook-token-0123456789abcdef';
const MIN = 60_000;

/** Lets the event loop turn until `done` holds, at most a hundred times. */
async function turnsUntil(done: () => boolean): Promise<void> {
  for (let turn = 0; turn < 100 && !done(); turn++) await new Promise((resolve) => setImmediate(resolve));
}

const yaml = `
services:
  - { id: checkout, name: Checkout, checks: [] }
  - { id: api, name: API, checks: [] }
  - { id: billing, name: Billing, checks: [] }
sources:
  - { id: ci, type: webhook, token: ${CI_TOKEN}, services: [checkout, api], silentAfter: 30m }
  - { id: am, type: alertmanager, token: ${AM_TOKEN}, silentAfter: 10m, staleAfter: 15m }
`;

// Only the clock and the timers are faked: sockets and the server run for real.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  vi.setSystemTime(Date.parse('2026-11-22T09:00:00Z'));
});
afterEach(() => {
  vi.useRealTimers();
});

describe('a source that stops talking makes its services unknown', () => {
  let board: RunningBoard;
  const start = async (dbFile?: string, config = yaml) => {
    board = await startBoard(config, { log: capturingLogger().log, ...(dbFile ? { dbFile } : {}) });
    // The sources judge a silence carried over from before the start just after it.
    await new Promise((resolve) => setImmediate(resolve));
  };
  afterEach(async () => {
    await board.close();
  });

  const post = async (id: string, body: unknown) => {
    const token = id === 'ci' ? CI_TOKEN : AM_TOKEN;
    const answer = await fetch(`${board.url}/api/sources/${id}/webhook`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
      body: JSON.stringify(body),
    });
    expect(answer.status).toBe(202);
  };
  const entry = (service: string, source: string) => {
    const view = board.app.engine.view(service)!;
    const found = view.checks.find((c) => c.id === source)!;
    return { service: view.status, status: found.status, message: found.message };
  };
  const health = async (id: string) => ((await (await fetch(`${board.url}/api/sources`)).json()) as SourcesResponse).sources.find((s) => s.id === id)!.health;

  it('past silentAfter each reported service is unknown saying since when; a message brings back its picture, then what it says', async () => {
    await start();
    await post('ci', [
      { service: 'checkout', status: 'down', message: 'deploy 412 failed' },
      { service: 'api', status: 'up' },
    ]);
    await vi.advanceTimersByTimeAsync(29 * MIN);
    expect(entry('checkout', 'ci')).toEqual({ service: 'down', status: 'down', message: 'deploy 412 failed' });

    await vi.advanceTimersByTimeAsync(2 * MIN);
    const silent = 'no message from source ci since 09:00 UTC (expected within 30m)';
    expect(entry('checkout', 'ci')).toEqual({ service: 'unknown', status: 'unknown', message: silent });
    expect(entry('api', 'ci')).toMatchObject({ status: 'unknown', message: silent });

    vi.setSystemTime(Date.parse('2026-11-22T10:00:00Z'));
    await post('ci', { service: 'api', status: 'degraded', message: 'slow' });
    expect(entry('checkout', 'ci')).toEqual({ service: 'down', status: 'down', message: 'deploy 412 failed' });
    expect(entry('api', 'ci')).toMatchObject({ status: 'degraded', message: 'slow' });
    expect((await health('ci')).lastReceivedAt).toBe('2026-11-22T10:00:00.000Z');

    // The clock starts again from the message.
    await vi.advanceTimersByTimeAsync(29 * MIN);
    expect(entry('api', 'ci').status).toBe('degraded');
    await vi.advanceTimersByTimeAsync(2 * MIN);
    expect(entry('api', 'ci').message).toBe('no message from source ci since 10:00 UTC (expected within 30m)');
  });

  it('a service the source never reported on keeps reading "nothing received yet"', async () => {
    await start();
    await post('ci', { service: 'checkout', status: 'up' });
    await vi.advanceTimersByTimeAsync(31 * MIN);
    expect(entry('checkout', 'ci').status).toBe('unknown');
    expect(entry('api', 'ci')).toMatchObject({ status: 'unknown', message: 'nothing received yet' });
  });

  it("an alert source's own re-reading of its alerts does not hide the silence; the next webhook ends it", async () => {
    await start();
    await post('am', fixture('alertmanager/webhook-firing.json'));
    expect(entry('checkout', 'am')).toMatchObject({ status: 'down', message: expect.stringContaining('ServiceDown') });
    await vi.advanceTimersByTimeAsync(11 * MIN);
    expect(entry('checkout', 'am')).toMatchObject({ status: 'unknown', message: 'no message from source am since 09:00 UTC (expected within 10m)' });
    expect(entry('api', 'am')).toMatchObject({ status: 'unknown', message: 'no message from source am since 09:00 UTC (expected within 10m)' });
    // Its alerts turn stale meanwhile (15m): what it would report is held back, the silence stays.
    await vi.advanceTimersByTimeAsync(6 * MIN);
    expect(entry('checkout', 'am')).toMatchObject({ status: 'unknown', message: 'no message from source am since 09:00 UTC (expected within 10m)' });

    // Alertmanager re-sends what still fires (a Watchdog alert keeps it talking).
    await post('am', fixture('alertmanager/webhook-firing.json'));
    expect(entry('checkout', 'am')).toMatchObject({ status: 'down', message: expect.stringContaining('ServiceDown') });
    expect(entry('api', 'am')).toMatchObject({ status: 'up', message: 'no alerts firing' });
  });

  it('after a restart the silence clock goes on from the last message stored, not from the start', async () => {
    await start();
    await post('ci', { service: 'checkout', status: 'up' });
    const { dbFile } = board;
    await vi.advanceTimersByTimeAsync(20 * MIN);
    await board.close();
    await start(dbFile);
    expect((await health('ci')).lastReceivedAt).toBe('2026-11-22T09:00:00.000Z');
    expect(entry('checkout', 'ci').status).toBe('up');
    await vi.advanceTimersByTimeAsync(11 * MIN);
    expect(entry('checkout', 'ci')).toMatchObject({ status: 'unknown', message: 'no message from source ci since 09:00 UTC (expected within 30m)' });
  });

  it('a restart during a silence keeps it; the next message brings back the picture from before the restart', async () => {
    await start();
    await post('ci', { service: 'checkout', status: 'degraded', message: 'queue backing up' });
    await vi.advanceTimersByTimeAsync(31 * MIN);
    expect(entry('checkout', 'ci').status).toBe('unknown');
    const { dbFile } = board;
    await board.close();
    await start(dbFile);
    await vi.advanceTimersByTimeAsync(1_000);
    expect(entry('checkout', 'ci')).toMatchObject({ status: 'unknown', message: 'no message from source ci since 09:00 UTC (expected within 30m)' });

    await post('ci', []);
    expect(entry('checkout', 'ci')).toMatchObject({ status: 'degraded', message: 'queue backing up' });
  });

  it('a restart with silentAfter taken out of the config ends a silence at once, with the picture from before', async () => {
    await start();
    await post('ci', { service: 'checkout', status: 'down', message: 'deploy 412 failed' });
    await vi.advanceTimersByTimeAsync(31 * MIN);
    expect(entry('checkout', 'ci').status).toBe('unknown');
    const { dbFile } = board;
    await board.close();
    await start(dbFile, yaml.replace(', silentAfter: 30m', ''));
    // The picture given back is written, then shown: a few turns of the event loop (timers here are fake).
    await turnsUntil(() => entry('checkout', 'ci').status === 'down');
    expect(entry('checkout', 'ci')).toMatchObject({ status: 'down', message: 'deploy 412 failed' });
  });
});
