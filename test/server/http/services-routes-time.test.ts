import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseTimeText } from '../../../server/http/time-param';
import { startBoard, type RunningBoard } from '../../helpers/board';

describe('reading a history time', () => {
  it.each([
    ['0', 0],
    ['1764547200000', Date.UTC(2025, 11, 1)],
    ['2026-11-20', Date.UTC(2026, 10, 20)],
    ['2026-11-20T18:00', Date.UTC(2026, 10, 20, 18)],
    ['2026-11-20T18:00Z', Date.UTC(2026, 10, 20, 18)],
    ['2026-11-20T18:00:30Z', Date.UTC(2026, 10, 20, 18, 0, 30)],
    ['2026-11-20T18:00:30.25Z', Date.UTC(2026, 10, 20, 18, 0, 30, 250)],
    ['2026-11-20T18:00:30.123456789Z', Date.UTC(2026, 10, 20, 18, 0, 30, 123)],
    ['2026-11-20T18:00:00+01:00', Date.UTC(2026, 10, 20, 17)],
    ['2026-11-20T18:00:00-0230', Date.UTC(2026, 10, 20, 20, 30)],
    ['2024-02-29T00:00:00Z', Date.UTC(2024, 1, 29)],
  ])('%s is accepted', (text, ms) => {
    expect(parseTimeText(text)).toBe(ms);
  });

  it.each([
    '-5',
    'hello 1',
    'yesterday-ish',
    '1.5',
    '1e12',
    ' 1000',
    '0x10',
    'Thu, 20 Nov 2026 18:00:00 GMT',
    '11/20/2026',
    '2026-11',
    '2026-13-01',
    '2026-02-30',
    '2025-02-29',
    '2026-11-20T24:00',
    '2026-11-20T18:60',
    '2026-11-20T18:00:61Z',
    '2026-11-20 18:00',
    '2026-11-20T18:00+25:00',
    '99999999999999999',
  ])('%s is refused', (text) => {
    expect(parseTimeText(text)).toBeNull();
  });
});

describe('asking for a history window', () => {
  let board: RunningBoard;
  beforeAll(async () => {
    board = await startBoard(`
services:
  - id: checkout
    name: Checkout
    checks:
      - { id: port, type: tcp, host: 127.0.0.1, port: 1, interval: 1m, timeout: 1s }
`);
  });
  afterAll(() => board.close());

  const history = (query: string) => fetch(`${board.url}/api/services/checkout/history?${query}`);

  it.each([
    ['from=-5', 'from'],
    ['from=hello%201', 'from'],
    ['to=2026-02-30', 'to'],
    ['from=2026-11-20&to=soon', 'to'],
  ])('%s answers 400 in the JSON error shape, naming %s', async (query, name) => {
    const response = await history(query);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { code: string; message: string } };
    expect(body.error.code).toBe('bad_request');
    expect(body.error.message).toMatch(new RegExp(`^${name} must be an ISO 8601 time`));
  });

  it('an ISO 8601 window and an epoch-millisecond window both answer with that window', async () => {
    const iso = await history('from=2026-11-20T00:00:00Z&to=2026-11-21T00:00:00%2B01:00');
    expect(iso.status).toBe(200);
    expect(await iso.json()).toMatchObject({ from: '2026-11-20T00:00:00.000Z', to: '2026-11-20T23:00:00.000Z' });
    const epoch = await history(`from=${Date.UTC(2025, 0, 1)}&to=${Date.UTC(2026, 0, 1)}`);
    expect(await epoch.json()).toMatchObject({ from: '2025-01-01T00:00:00.000Z', to: '2026-01-01T00:00:00.000Z' });
  });

  it('a window longer than history is kept answers 400 saying how long it may be', async () => {
    const response = await history(`from=0&to=${Date.UTC(2026, 0, 1)}`);
    expect(response.status).toBe(400);
    const body = (await response.json()) as { error: { message: string } };
    expect(body.error.message).toBe('from–to covers at most 2y (retention.hours): ask for a shorter window');
  });
});
