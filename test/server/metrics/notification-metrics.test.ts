import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBoard, type RunningBoard } from '../../helpers/board';
import { findSecrets } from '../../helpers/leaks';
import { startHttpTarget, type HttpTarget } from '../../helpers/targets';
import { waitFor } from '../../helpers/wait';
import { FakeApi } from '../oncall/fake-api';
import { scrape, valueOf, type Exposition } from './exposition';

const HOOK_SECRET = 'hook-secret-0f3a8c6e2d9b7a15';
const HOUR = 3_600_000;

let target: HttpTarget;
let working: FakeApi;
let failing: FakeApi;
let board: RunningBoard;
let workingUrl: string;
let failingUrl: string;

beforeAll(async () => {
  target = await startHttpTarget('down');
  working = new FakeApi(() => ({ status: 204, body: '' }));
  failing = new FakeApi(() => ({ status: 500, body: 'receiver broken' }));
  workingUrl = `${await working.listen()}/pages/route-token-4e1d9c`;
  failingUrl = `${await failing.listen()}/pages/route-token-7b2f0a`;
  const start = new Date(Math.floor(Date.now() / 1000) * 1000 - HOUR).toISOString().slice(0, 19);
  board = await startBoard(
    `
people:
  - { id: alice, name: Alice Liddell, notify: [{ via: hook }, { via: broken }] }
teams:
  - id: payments
    name: Payments
    members: [alice]
    oncall:
      rotation: { timezone: UTC, shift: 1w, start: "${start}", members: [alice] }
notifiers:
  - { id: hook, type: webhook, url: "${workingUrl}", secret: "${HOOK_SECRET}" }
  - { id: broken, type: webhook, url: "${failingUrl}" }
paging:
  groupWait: 0s
services:
  - id: checkout
    name: Checkout API
    team: payments
    checks: [{ id: health, type: http, url: "${target.url}/", interval: 1s, timeout: 500ms, failureThreshold: 1 }]
`,
    { paging: { tickMs: 50, retry: { maxAttempts: 2, baseDelayMs: 50, maxDelayMs: 100 } } },
  );
});

afterAll(async () => {
  await board.close();
  await Promise.all([target.close(), working.close(), failing.close()]);
});

describe('pages in /metrics', () => {
  it('each attempt to deliver is counted under its notifier as delivered or failed, and no receiver address or secret shows', async () => {
    const count = (m: Exposition, notifier: string, outcome: string) => valueOf(m, 'greenboard_notifications_total', { notifier, type: 'webhook', outcome });
    const metrics = await waitFor(async () => {
      const m = await scrape(board.url);
      // Two attempts on the broken receiver: the first, and its one retry.
      return count(m, 'hook', 'delivered') === 1 && count(m, 'broken', 'failed') === 2 && m;
    }, 'the page delivered through one notifier and failing through the other');
    expect(count(metrics, 'hook', 'failed')).toBe(0);
    expect(count(metrics, 'broken', 'delivered')).toBe(0);
    expect(working.received).toHaveLength(1);
    expect(failing.received).toHaveLength(2);
    const text = await (await fetch(`${board.url}/metrics`)).text();
    expect(findSecrets(text, [workingUrl, failingUrl, 'route-token-4e1d9c', 'route-token-7b2f0a', HOOK_SECRET])).toEqual([]);
  });
});
