import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { MaintenanceResponse, MaintenanceWindowView } from '../../../shared/api';
import { jsonBody } from '../../../server/http/body-limit';
import { apiNotFound, errorHandler } from '../../../server/http/error-handler';
import { maintenanceRoutes } from '../../../server/http/maintenance-routes';
import { silentLogger } from '../../../server/log';
import { MaintenanceBook } from '../../../server/maintenance/book';
import { maintenanceSchema } from '../../../server/maintenance/config';
import { MemoryMaintenanceStore } from '../maintenance/memory-store';

const NOW = Date.parse('2026-07-01T10:00:00Z');
const SERVICES = new Set(['checkout', 'orders-db']);
const nightly = maintenanceSchema.parse({
  id: 'nightly-backup',
  services: ['orders-db'],
  reason: 'Nightly backup',
  timezone: 'Europe/London',
  cron: '0 2 * * *',
  duration: '30m',
});

let server: Server;
let base: string;
let store: MemoryMaintenanceStore;
let book: MaintenanceBook;
let changes = 0;

beforeAll(async () => {
  const app = express();
  app.use(jsonBody(256 * 1024));
  app.use('/api', maintenanceRoutes({ book: () => book, serviceIds: () => SERVICES, now: () => NOW }));
  app.use('/api', apiNotFound);
  app.use(errorHandler(silentLogger()));
  server = app.listen(0, '127.0.0.1');
  await new Promise<void>((resolve) => server.once('listening', () => resolve()));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/api`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

beforeEach(() => {
  store = new MemoryMaintenanceStore();
  changes = 0;
  book = new MaintenanceBook({ store, now: () => NOW, onChange: () => (changes += 1) });
  book.setConfig([nightly]);
});

const post = (body: unknown) =>
  fetch(`${base}/maintenance`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: typeof body === 'string' ? body : JSON.stringify(body),
  });
const list = async () => ((await (await fetch(`${base}/maintenance`)).json()) as MaintenanceResponse).windows;
const errorOf = async (response: Response) => ((await response.json()) as { error: { code: string; message: string } }).error;

describe('GET /api/maintenance', () => {
  it('lists the windows in force or to come, config and API alike', async () => {
    await book.add({ services: ['checkout'], from: NOW, until: NOW + 3_600_000, reason: 'Upgrade', createdBy: null });
    const response = await fetch(`${base}/maintenance`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as MaintenanceResponse;
    expect(body.windows).toEqual([
      expect.objectContaining({ services: ['checkout'], from: '2026-07-01T10:00:00.000Z', until: '2026-07-01T11:00:00.000Z', origin: 'api', recurrence: null }),
      {
        id: 'nightly-backup',
        services: ['orders-db'],
        from: '2026-07-02T01:00:00.000Z',
        until: '2026-07-02T01:30:00.000Z',
        reason: 'Nightly backup',
        origin: 'config',
        recurrence: '0 2 * * *',
      },
    ]);
  });
});

describe('POST /api/maintenance', () => {
  it('makes a window from now for a duration: 201 with the window, in the list and in force for its services', async () => {
    const response = await post({ services: ['checkout'], duration: '2h', reason: 'Database upgrade', by: 'alice' });
    expect(response.status).toBe(201);
    const window = (await response.json()) as MaintenanceWindowView;
    expect(window).toEqual({
      id: expect.stringMatching(/^m-[0-9a-z]{8}$/),
      services: ['checkout'],
      from: '2026-07-01T10:00:00.000Z',
      until: '2026-07-01T12:00:00.000Z',
      reason: 'Database upgrade',
      origin: 'api',
      recurrence: null,
    });
    expect((await list()).map((w) => w.id)).toContain(window.id);
    expect(book.calendar().activeFor('checkout', NOW)).toEqual({ id: window.id, until: '2026-07-01T12:00:00.000Z', reason: 'Database upgrade' });
    expect(store.windows.get(window.id)).toMatchObject({ createdBy: 'alice', createdAt: NOW });
    expect(changes).toBe(2);
  });

  it('takes from and until as ISO 8601 or epoch milliseconds, and a default reason', async () => {
    const response = await post({ services: ['orders-db', 'checkout'], from: '2026-07-02T22:00:00+01:00', until: Date.parse('2026-07-03T01:00:00Z') });
    expect(response.status).toBe(201);
    expect(await response.json()).toMatchObject({
      services: ['orders-db', 'checkout'],
      from: '2026-07-02T21:00:00.000Z',
      until: '2026-07-03T01:00:00.000Z',
      reason: 'planned maintenance',
    });
  });

  it.each([
    [
      'an unknown service, with the closest id',
      { services: ['checkout', 'ordrs-db'], duration: '1h' },
      'services[1]: no service with id "ordrs-db"; did you mean "orders-db"?',
    ],
    ['no services', { services: [], duration: '1h' }, 'services: must name at least one service'],
    ['services that are not a list', { services: 'checkout', duration: '1h' }, 'services: expected a list of service ids'],
    [
      'until before from',
      { services: ['checkout'], from: '2026-07-01T12:00Z', until: '2026-07-01T11:00Z' },
      'until: must be after from (2026-07-01T12:00:00.000Z)',
    ],
    ['until equal to from', { services: ['checkout'], from: NOW + 1000, until: NOW + 1000 }, 'until: must be after from (2026-07-01T10:00:01.000Z)'],
    ['a window over 7 days', { services: ['checkout'], until: '2026-07-09T10:00Z' }, 'until: the window would last 8d; at most 7d'],
    ['a duration over 7 days', { services: ['checkout'], duration: '8d' }, 'duration: must be at most 7d (got 8d)'],
    [
      'a window that has ended already',
      { services: ['checkout'], from: '2026-07-01T08:00Z', until: '2026-07-01T09:00Z' },
      'until: the window would end at 2026-07-01T09:00:00.000Z, which has passed',
    ],
    [
      'a duration that has run out already',
      { services: ['checkout'], from: '2026-07-01T08:00Z', duration: '1h' },
      'duration: the window would end at 2026-07-01T09:00:00.000Z, which has passed',
    ],
    ['both until and duration', { services: ['checkout'], until: '2026-07-01T12:00Z', duration: '1h' }, 'duration: give until or duration, not both'],
    ['neither until nor duration', { services: ['checkout'] }, 'until: give until (when it ends) or duration (how long)'],
    [
      'a time that is not one',
      { services: ['checkout'], from: 'tomorrow', duration: '1h' },
      'from: "tomorrow" is not an ISO 8601 time (2026-11-20T18:00:00Z) or epoch milliseconds',
    ],
    ['a duration that is not one', { services: ['checkout'], duration: 'a while' }, 'duration: "a while" is not a duration; use one such as 30m, 2h or 1d'],
    ['a reason over 200 characters', { services: ['checkout'], duration: '1h', reason: 'x'.repeat(201) }, 'reason: must be at most 200 characters'],
    [
      'an unknown field',
      { services: ['checkout'], untill: '2026-07-01T12:00Z' },
      'body: unknown field "untill"; did you mean "until"?; a window has services, from, until, duration, reason, by',
    ],
    ['a body that is not an object', ['checkout'], 'body: expected a JSON object such as { "services": ["checkout"], "duration": "2h" }'],
  ])('refuses %s with a 400 naming the field, and makes nothing', async (_what, body, message) => {
    const response = await post(body);
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toEqual({ code: 'bad_request', message });
    expect(store.windows.size).toBe(0);
    expect(changes).toBe(1);
  });

  it('refuses a body that is not JSON', async () => {
    const response = await post('{"services": [');
    expect(response.status).toBe(400);
    expect(await errorOf(response)).toEqual({ code: 'bad_request', message: 'request body is not valid JSON' });
  });

  it('refuses a request without a JSON body, saying what to send', async () => {
    const response = await fetch(`${base}/maintenance`, {
      method: 'POST',
      body: 'services=checkout',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(response.status).toBe(400);
    expect((await errorOf(response)).message).toMatch(/^body: expected a JSON object \(Content-Type: application\/json\)/);
  });
});

describe('DELETE /api/maintenance/{id}', () => {
  it('ends a window made through the API: 204, and it is in force no more', async () => {
    const made = (await (await post({ services: ['checkout'], duration: '2h' })).json()) as MaintenanceWindowView;
    const response = await fetch(`${base}/maintenance/${made.id}`, { method: 'DELETE' });
    expect(response.status).toBe(204);
    expect(await response.text()).toBe('');
    expect((await list()).map((w) => w.id)).toEqual(['nightly-backup']);
    expect(book.calendar().activeFor('checkout', NOW)).toBeNull();
    expect((await fetch(`${base}/maintenance/${made.id}`, { method: 'DELETE' })).status).toBe(404);
  });

  it('refuses a config window with 409: only the file can end it', async () => {
    const response = await fetch(`${base}/maintenance/nightly-backup`, { method: 'DELETE' });
    expect(response.status).toBe(409);
    expect(await errorOf(response)).toEqual({ code: 'conflict', message: 'window nightly-backup is defined in the config; remove it there' });
    expect((await list()).map((w) => w.id)).toEqual(['nightly-backup']);
  });

  it('answers 404 for a window it does not know', async () => {
    const response = await fetch(`${base}/maintenance/m-nothing0`, { method: 'DELETE' });
    expect(response.status).toBe(404);
    expect(await errorOf(response)).toEqual({ code: 'not_found', message: 'maintenance window "m-nothing0" not found' });
  });
});

describe('other methods', () => {
  it.each([
    ['PUT', '/maintenance', 'GET, HEAD, POST'],
    ['DELETE', '/maintenance', 'GET, HEAD, POST'],
    ['GET', '/maintenance/nightly-backup', 'DELETE'],
  ])('%s %s answers 405 with Allow: %s', async (method, path, allow) => {
    const response = await fetch(`${base}${path}`, { method });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe(allow);
    expect((await errorOf(response)).code).toBe('method_not_allowed');
  });
});
