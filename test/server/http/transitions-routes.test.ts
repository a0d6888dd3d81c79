import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { TransitionsResponse } from '../../../shared/api';
import { apiNotFound, errorHandler } from '../../../server/http/error-handler';
import { transitionList, transitionRoutes } from '../../../server/http/transitions-routes';
import { silentLogger } from '../../../server/log';
import type { ServiceUptimeFacts } from '../../../server/store/store';
import { configFromYaml } from '../../helpers/config';

const utc = (iso: string) => Date.parse(`${iso}Z`);
const NOW = utc('2026-12-01T13:00');

const facts = new Map<string, ServiceUptimeFacts>([
  [
    'checkout',
    {
      statusBefore: 'up',
      transitions: [
        { at: utc('2026-11-30T10:00'), to: 'down' },
        { at: utc('2026-11-30T10:12'), to: 'up' },
        // Told again what it already was: no change.
        { at: utc('2026-11-30T11:00'), to: 'up' },
        { at: utc('2026-12-01T08:00'), to: 'degraded' },
      ],
      firstSeenAt: utc('2026-01-01T00:00'),
    },
  ],
  ['search', { statusBefore: null, transitions: [{ at: utc('2026-11-30T10:05'), to: 'up' }], firstSeenAt: utc('2026-11-30T10:05') }],
]);

let server: Server;
let base: string;
const asked: Array<{ ids: readonly string[]; from: number; to: number }> = [];

beforeAll(async () => {
  const config = configFromYaml(`
teams:
  - { id: payments, name: Payments }
  - { id: discovery, name: Discovery }
services:
  - { id: checkout, name: Checkout API, team: payments }
  - { id: search, name: Search, team: discovery }
`);
  const store = {
    uptimeFacts: async (ids: readonly string[], from: number, to: number) => {
      asked.push({ ids, from, to });
      return new Map([...facts].filter(([id]) => ids.includes(id)));
    },
  };
  const app = express();
  app.use('/api', transitionRoutes({ store, config: () => config, now: () => NOW }));
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

const PERIOD = 'from=2026-11-30T09:00:00Z&to=2026-12-01T09:00:00Z&tz=Europe/Berlin';

describe('GET /api/transitions', () => {
  it('lists every service’s status changes in the period, oldest first, each with the status before and when the next came', async () => {
    const response = await fetch(`${base}/transitions?${PERIOD}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as TransitionsResponse;
    expect(asked.at(-1)).toEqual({ ids: ['checkout', 'search'], from: utc('2026-11-30T09:00'), to: utc('2026-12-01T09:00') });
    expect(body.window).toEqual({
      from: '2026-11-30T09:00:00.000Z',
      to: '2026-12-01T09:00:00.000Z',
      timeZone: 'Europe/Berlin',
      label: '2026-11-30 10:00 – 2026-12-01 10:00',
    });
    const payments = { id: 'payments', name: 'Payments' };
    expect(body.transitions).toEqual([
      {
        serviceId: 'checkout',
        serviceName: 'Checkout API',
        team: payments,
        from: 'up',
        to: 'down',
        at: '2026-11-30T10:00:00.000Z',
        until: '2026-11-30T10:12:00.000Z',
      },
      {
        serviceId: 'search',
        serviceName: 'Search',
        team: { id: 'discovery', name: 'Discovery' },
        from: null,
        to: 'up',
        at: '2026-11-30T10:05:00.000Z',
        until: null,
      },
      {
        serviceId: 'checkout',
        serviceName: 'Checkout API',
        team: payments,
        from: 'down',
        to: 'up',
        at: '2026-11-30T10:12:00.000Z',
        until: '2026-12-01T08:00:00.000Z',
      },
      { serviceId: 'checkout', serviceName: 'Checkout API', team: payments, from: 'up', to: 'degraded', at: '2026-12-01T08:00:00.000Z', until: null },
    ]);
    expect(body.truncated).toBe(false);
  });

  it('with a team, lists only the changes of its services; a team with none has none', async () => {
    const body = (await (await fetch(`${base}/transitions?${PERIOD}&team=discovery`)).json()) as TransitionsResponse;
    expect(body.transitions.map((t) => t.serviceId)).toEqual(['search']);
    const none = (await (await fetch(`${base}/transitions?${PERIOD}&team=gone`)).json()) as TransitionsResponse;
    expect(none.transitions).toEqual([]);
  });

  it('refuses a period it does not understand, or a team given twice, naming the parameter', async () => {
    const cases: Array<[string, RegExp]> = [
      ['window=2w', /^window must be one of/],
      ['from=2026-12-01T00:00:00Z&to=2026-11-30T00:00:00Z', /^from must be before to/],
      [`${PERIOD}&team=a&team=b`, /^team must be given once/],
    ];
    for (const [query, message] of cases) {
      const response = await fetch(`${base}/transitions?${query}`);
      expect(response.status, query).toBe(400);
      expect(((await response.json()) as { error: { message: string } }).error.message, query).toMatch(message);
    }
    expect((await fetch(`${base}/transitions`, { method: 'DELETE' })).status).toBe(405);
  });
});

describe('the list of state changes', () => {
  it('past its limit keeps the newest, oldest first, and says it was cut', () => {
    const services = [{ id: 'checkout', name: 'Checkout API', team: null }];
    const { transitions, truncated } = transitionList(services, facts, 2);
    expect(truncated).toBe(true);
    expect(transitions.map((t) => [t.from, t.to])).toEqual([
      ['down', 'up'],
      ['up', 'degraded'],
    ]);
    expect(transitionList(services, facts, 3).truncated).toBe(false);
  });
});
