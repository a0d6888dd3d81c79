import express from 'express';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OncallLoadResponse } from '../../../shared/api';
import { apiNotFound, errorHandler } from '../../../server/http/error-handler';
import { oncallLoadRoutes } from '../../../server/http/oncall-load-routes';
import type { Incident, Page } from '../../../server/incidents/model';
import { silentLogger } from '../../../server/log';
import type { IncidentQuery } from '../../../server/store/store';
import { configFromYaml } from '../../helpers/config';
import { closedPort } from '../../helpers/targets';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const utc = (iso: string) => Date.parse(`${iso}Z`);
const NOW = utc('2026-12-01T13:00');

function incident(id: string, serviceId: string, openedAt: string, overrides: Partial<Incident> = {}): Incident {
  return {
    id,
    serviceId,
    status: 'resolved',
    openedAt: utc(openedAt),
    acknowledged: null,
    resolvedAt: utc(openedAt) + HOUR,
    reason: 'down',
    causes: [],
    impacted: [],
    partOf: null,
    reopened: 0,
    step: 'primary',
    stepAt: utc(openedAt),
    timeline: [],
    ...overrides,
  };
}

function page(incidentId: string, personId: string, sentAt: string, overrides: Partial<Page> = {}): Page {
  return {
    id: `${incidentId}-${personId}-${sentAt}`,
    incidentId,
    kind: 'trigger',
    step: 'primary',
    recipient: { kind: 'person', id: personId, name: personId },
    channel: 'mail',
    channelType: 'email',
    route: 0,
    address: `${personId}@example.com`,
    status: 'sent',
    attempts: 1,
    createdAt: utc(sentAt),
    sentAt: utc(sentAt),
    nextAttemptAt: null,
    lastError: null,
    ...overrides,
  };
}

// Monday 30 November 2026: Alice is on call 09:00–21:00 UTC, Bob 21:00–09:00.
const incidents = [
  incident('inc-1', 'checkout', '2026-11-30T10:00', { acknowledged: { by: 'Alice Liddell', personId: 'alice', at: utc('2026-11-30T10:04'), via: 'link' } }),
  incident('inc-2', 'ledger', '2026-11-30T23:00'),
];
const pages = [
  page('inc-1', 'alice', '2026-11-30T10:00'),
  page('inc-1', 'alice', '2026-11-30T10:00:01', { channel: 'chat', channelType: 'slack' }),
  page('inc-2', 'bob', '2026-11-30T23:10', { step: 'team' }),
];

let server: Server;
let base: string;
const asked: IncidentQuery[] = [];

beforeAll(async () => {
  const config = configFromYaml(`
people:
  - { id: alice, name: Alice Liddell, timezone: Europe/London }
  - { id: bob, name: Bob Marley, workingHours: { from: "08:00", to: "16:00" } }
teams:
  - id: payments
    name: Payments
    timezone: Europe/London
    oncall:
      rotation: { timezone: UTC, shift: 12h, start: "2026-11-30T09:00", members: [alice, bob] }
  - id: data
    name: Data
    oncall:
      ics: { url: "http://127.0.0.1:${await closedPort()}/oncall.ics", timeout: 2s }
services:
  - { id: checkout, name: Checkout API, team: payments }
  - { id: ledger, name: Ledger, team: data }
`);
  const store = {
    incidents: async (query: IncidentQuery) => {
      asked.push(query);
      return incidents.filter((i) => i.openedAt <= query.to && (i.resolvedAt ?? Infinity) >= query.from);
    },
    pagesOf: async (ids: readonly string[]) => pages.filter((p) => ids.includes(p.incidentId)),
  };
  const app = express();
  app.use('/api', oncallLoadRoutes({ store, config: () => config, log: silentLogger(), now: () => NOW }));
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

const PERIOD = 'from=2026-11-30T09:00:00Z&to=2026-12-01T09:00:00Z&tz=Europe/London';

describe('GET /api/oncall/load', () => {
  it('gives each person’s time on call, pages and time to acknowledge over the period, with the hours they were judged by', async () => {
    const response = await fetch(`${base}/oncall/load?${PERIOD}`);
    expect(response.status).toBe(200);
    const body = (await response.json()) as OncallLoadResponse;
    expect(body.window).toEqual({
      from: '2026-11-30T09:00:00.000Z',
      to: '2026-12-01T09:00:00.000Z',
      timeZone: 'Europe/London',
      label: '2026-11-30 09:00 – 2026-12-01 09:00',
    });
    expect(asked.at(-1)).toMatchObject({ from: utc('2026-11-30T09:00'), to: utc('2026-12-01T09:00') });
    // One page and 12 hours each: by name. Alice was paged once, by two channels, in the office; Bob once, at night, for Data's incident, as the whole team.
    const [alice, bob] = body.people;
    expect(bob).toMatchObject({
      person: { id: 'bob', name: 'Bob Marley' },
      workingHours: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '08:00', to: '16:00', timeZone: 'UTC' },
      // 21:00–09:00; his working day begins at 08:00.
      onCallMs: 12 * HOUR,
      onCallOutOfHoursMs: 11 * HOUR,
      pages: 1,
      pagesOutOfHours: 1,
      acknowledged: 0,
      ackMedianMs: null,
      ackLongestMs: null,
    });
    expect(bob!.teams.map((t) => [t.team.id, t.layers, t.onCallMs, t.pages])).toEqual([
      ['data', [], 0, 1],
      ['payments', ['primary'], 12 * HOUR, 0],
    ]);
    expect(alice).toMatchObject({
      person: { id: 'alice', name: 'Alice Liddell' },
      workingHours: { from: '09:00', to: '17:00', timeZone: 'Europe/London' },
      onCallMs: 12 * HOUR,
      onCallOutOfHoursMs: 4 * HOUR,
      pages: 1,
      pagesOutOfHours: 0,
      acknowledged: 1,
      ackMedianMs: 4 * MINUTE,
      ackLongestMs: 4 * MINUTE,
    });
    expect(body.incidents).toEqual([
      { id: 'inc-1', outOfHours: false },
      { id: 'inc-2', outOfHours: true },
    ]);
    expect(body.truncated).toBe(false);
  });

  it('says which schedule could not be read for the period, rather than guess', async () => {
    const body = (await (await fetch(`${base}/oncall/load?${PERIOD}`)).json()) as OncallLoadResponse;
    expect(body.schedules).toEqual([
      { team: { id: 'payments', name: 'Payments' }, layer: 'primary', provider: 'rotation', problem: null },
      { team: { id: 'data', name: 'Data' }, layer: 'primary', provider: 'ics', problem: expect.stringMatching(/unreachable|refused/i) },
    ]);
  });

  it('refuses a period it does not understand, naming the parameter', async () => {
    const cases: Array<[string, RegExp]> = [
      ['window=2w', /^window must be one of 24h, 7d, 30d, 90d, 1y/],
      ['from=2026-11-30T09:00:00Z', /^to is needed with from/],
      ['window=7d&tz=Mars/Olympus', /^tz must be an IANA time zone/],
      ['from=2026-11-30T09:00:00Z&to=2026-12-24T09:00:00Z', /^to must not be more than a minute in the future/],
    ];
    for (const [query, message] of cases) {
      const response = await fetch(`${base}/oncall/load?${query}`);
      expect(response.status, query).toBe(400);
      expect(((await response.json()) as { error: { message: string } }).error.message, query).toMatch(message);
    }
  });

  it('takes GET only', async () => {
    const response = await fetch(`${base}/oncall/load`, { method: 'POST' });
    expect(response.status).toBe(405);
    expect(response.headers.get('allow')).toBe('GET, HEAD');
  });
});
