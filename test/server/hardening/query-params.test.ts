import fc from 'fast-check';
import { parse as parseQuery } from 'node:querystring';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { IncidentsResponse } from '../../../shared/api';
import { startBoard, type RunningBoard } from '../../helpers/board';
import { waitFor } from '../../helpers/wait';
import { awkwardText, intoUrl, queryString } from './awkward-input';
import { described, expectHealthy, expectNoServerError, send } from './answers';
import { runs } from './runs';

const PUSH_TOKEN = 'checkout-push-0123456789abcdef';

/** A board with something behind every route: history, an incident, a rotation, a maintenance window, a view. */
const yaml = `
people:
  - { id: alice, name: Alice }
  - { id: bob, name: Bob }
teams:
  - id: payments
    name: Payments
    oncall:
      rotation: { timezone: Europe/London, shift: 1d, start: 2026-01-05T09:00, members: [alice, bob] }
services:
  - { id: checkout, name: Checkout, team: payments, slo: 99.9% }
  - { id: search, name: Search, tags: [eu] }
sources:
  - { id: checkout-push, type: push, token: ${PUSH_TOKEN}, service: checkout, grace: 1h }
views:
  - { id: eu, name: EU, tag: eu }
maintenance:
  - { id: nightly, services: [search], timezone: Europe/London, cron: "0 2 * * *", duration: 30m }
`;

/** Every GET route, its path ids filled in by `id`, and the parameters it reads. */
const ROUTES: Array<{ path: (id: string) => string; keys: string[] }> = [
  { path: () => '/api/services', keys: [] },
  { path: (id) => `/api/services/${id}`, keys: [] },
  { path: (id) => `/api/services/${id}/history`, keys: ['from', 'to'] },
  { path: (id) => `/api/services/${id}/uptime`, keys: ['window', 'from', 'to', 'tz', 'buckets'] },
  { path: () => '/api/uptime', keys: ['window', 'from', 'to', 'tz'] },
  { path: () => '/api/transitions', keys: ['window', 'from', 'to', 'tz', 'team'] },
  { path: () => '/api/incidents', keys: ['from', 'to', 'service', 'status'] },
  { path: (id) => `/api/incidents/${id}`, keys: [] },
  { path: () => '/api/oncall', keys: [] },
  { path: () => '/api/oncall/load', keys: ['window', 'from', 'to', 'tz'] },
  { path: () => '/api/views', keys: [] },
  { path: () => '/api/sources', keys: [] },
  { path: () => '/api/alerts/unmapped', keys: [] },
  { path: () => '/api/maintenance', keys: [] },
  { path: (id) => `/api/artifacts/${id}`, keys: [] },
];
const KEYS = ['window', 'from', 'to', 'tz', 'team', 'service', 'status', 'buckets', 'limit'];

const DAY = 86_400_000;
/** Times the routes take, near now and far from it, in every form they accept. */
const time = fc.tuple(fc.integer({ min: -3 * 365 * DAY, max: 2 * DAY }), fc.constantFrom('iso', 'epoch', 'date', 'minute', 'offset')).map(([offset, form]) => {
  const at = new Date(Date.now() + offset);
  const iso = at.toISOString();
  if (form === 'epoch') return String(at.getTime());
  if (form === 'date') return iso.slice(0, 10);
  if (form === 'minute') return iso.slice(0, 16);
  if (form === 'offset') return `${iso.slice(0, 19)}+05:30`;
  return iso;
});

/** Values each parameter takes, beside anything at all. */
const plausible = fc.oneof(
  time,
  fc.constantFrom(
    '24h',
    '7d',
    '30d',
    '90d',
    '1y',
    '2y',
    'UTC',
    'Europe/Berlin',
    'europe/london',
    'Etc/GMT+14',
    'day',
    'open',
    'acknowledged',
    'resolved',
    'checkout',
    'payments',
    '50',
  ),
);

/** A period from–to (in either order, of any length), maybe with a zone and days: what reaches the deepest code. */
const period = fc
  .tuple(time, time, fc.option(fc.constantFrom('UTC', 'Europe/Berlin', 'Pacific/Chatham', 'America/St_Johns', 'Etc/GMT-14')), fc.boolean())
  .map(([from, to, tz, days]) =>
    [`from=${intoUrl(from, false)}`, `to=${intoUrl(to, false)}`, ...(tz ? [`tz=${intoUrl(tz, false)}`] : []), ...(days ? ['buckets=day'] : [])].join('&'),
  );

/** A query of the routes' own parameters (given plausible or awkward values) and others, keys repeated. */
const query = fc.oneof(
  { weight: 1, arbitrary: fc.constant('') },
  { weight: 2, arbitrary: period },
  { weight: 3, arbitrary: queryString(KEYS) },
  {
    weight: 4,
    arbitrary: fc
      .array(fc.tuple(fc.constantFrom(...KEYS), fc.oneof({ weight: 3, arbitrary: plausible }, { weight: 1, arbitrary: awkwardText(500) })), { maxLength: 4 })
      .map((pairs) => pairs.map(([k, v]) => `${k}=${intoUrl(v, false)}`).join('&')),
  },
);

function decodes(text: string): boolean {
  try {
    decodeURIComponent(text);
    return true;
  } catch {
    return false;
  }
}

describe('GET routes, for any query and path id', () => {
  let board: RunningBoard;
  let incidentId: string;

  beforeAll(async () => {
    board = await startBoard(yaml);
    expect((await fetch(`${board.url}/api/push/${PUSH_TOKEN}?status=down&msg=disk%20full`)).status).toBe(202);
    incidentId = await waitFor(async () => ((await (await fetch(`${board.url}/api/incidents`)).json()) as IncidentsResponse).incidents[0]?.id, 'an incident');
    expect((await fetch(`${board.url}/api/push/${PUSH_TOKEN}`)).status).toBe(202);
  });
  afterAll(() => board?.close());

  const pathId = () =>
    fc
      .tuple(
        fc.oneof({ weight: 3, arbitrary: fc.constantFrom('checkout', 'search', incidentId, 'payments') }, { weight: 2, arbitrary: awkwardText(3_000) }),
        fc.boolean(),
      )
      .map(([id, raw]) => ({ id, inPath: intoUrl(id, raw) }));

  it('never answer 5xx, always answer JSON, and a 400 names the parameter at fault', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ROUTES), pathId(), query, async (route, id, search) => {
        const path = `${route.path(id.inPath)}${search ? `?${search}` : ''}`;
        const answer = await send(board.url, { method: 'GET', path });
        expectNoServerError(path, answer);
        expect(answer.contentType, described(path, answer)).toMatch(/^application\/json/);
        expect(answer.json, described(path, answer)).toBeTypeOf('object');
        if (answer.status === 400) {
          const message = (answer.json as { error: { message: string } }).error.message;
          // Express reads the query as node's querystring does: these are the names it saw.
          const given = Object.keys(parseQuery(path.split('?').slice(1).join('?')));
          const namesOne = given.some((key) => key !== '' && message.includes(key));
          // A path id that is not UTF-8 once decoded has no parameter to name.
          expect(namesOne || (message === 'malformed request' && !decodes(path.split('?')[0]!)), described(path, answer)).toBe(true);
        }
      }),
      { numRuns: runs(500) },
    );
    await expectHealthy(board.url);
  });
});
