import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { OncallLoadResponse, TransitionsResponse } from '../../shared/api';
import type { Incident, Page } from '../../server/incidents/model';
import { SqliteStore } from '../../server/store/sqlite';
import { startBoard, type RunningBoard } from '../helpers/board';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const utc = (iso: string) => Date.parse(`${iso}Z`);

let board: RunningBoard | null = null;
afterEach(async () => {
  await board?.close();
  board = null;
});

const yaml = `
people:
  - { id: alice, name: Alice Liddell }
  - { id: bob, name: Bob Marley }
teams:
  - id: payments
    name: Payments
    oncall:
      rotation: { timezone: UTC, shift: 12h, start: "2026-11-30T09:00", members: [alice, bob] }
services:
  - { id: checkout, name: Checkout API, team: payments }
`;

const incident: Incident = {
  id: 'inc-1',
  serviceId: 'checkout',
  status: 'resolved',
  openedAt: utc('2026-11-30T22:00'),
  acknowledged: { by: 'Bob Marley', personId: 'bob', at: utc('2026-11-30T22:07'), via: 'link' },
  resolvedAt: utc('2026-11-30T22:30'),
  reason: 'checkout/health: expected 200, got 503',
  causes: [],
  impacted: [],
  partOf: null,
  reopened: 0,
  step: 'primary',
  stepAt: utc('2026-11-30T22:00:10'),
  timeline: [],
};

const page: Page = {
  id: 'p-1',
  incidentId: 'inc-1',
  kind: 'trigger',
  step: 'primary',
  recipient: { kind: 'person', id: 'bob', name: 'Bob Marley' },
  channel: 'mail',
  channelType: 'email',
  route: 0,
  address: 'bob@example.com',
  status: 'sent',
  attempts: 1,
  createdAt: utc('2026-11-30T22:00:10'),
  sentAt: utc('2026-11-30T22:00:10'),
  nextAttemptAt: null,
  lastError: null,
};

const PERIOD = 'from=2026-11-30T09:00:00Z&to=2026-12-01T09:00:00Z&tz=UTC';

describe('the stand-up’s on-call load and state changes, from a running board', () => {
  it('answers both from what the store holds and the rotation works out', async () => {
    const store = new SqliteStore(join(mkdtempSync(join(tmpdir(), 'gb-standup-')), 'greenboard.db'));
    await store.migrate();
    await store.writeServiceTransition('checkout', { from: null, to: 'up', at: utc('2026-11-29T12:00') });
    await store.writeServiceTransition('checkout', { from: 'up', to: 'down', at: utc('2026-11-30T22:00') });
    await store.writeServiceTransition('checkout', { from: 'down', to: 'up', at: utc('2026-11-30T22:30') });
    await store.saveIncident(incident);
    await store.addPage(page);
    board = await startBoard(yaml, { store });

    const load = await fetch(`${board.url}/api/oncall/load?${PERIOD}`);
    expect(load.status).toBe(200);
    const body = (await load.json()) as OncallLoadResponse;
    expect(body.schedules).toEqual([{ team: { id: 'payments', name: 'Payments' }, layer: 'primary', provider: 'rotation', problem: null }]);
    expect(body.people.map((p) => [p.person.id, p.onCallMs, p.onCallOutOfHoursMs, p.pages, p.pagesOutOfHours, p.ackMedianMs])).toEqual([
      ['bob', 12 * HOUR, 12 * HOUR, 1, 1, 7 * MINUTE - 10_000],
      ['alice', 12 * HOUR, 4 * HOUR, 0, 0, null],
    ]);
    expect(body.incidents).toEqual([{ id: 'inc-1', outOfHours: true }]);

    const changes = await fetch(`${board.url}/api/transitions?${PERIOD}`);
    expect(changes.status).toBe(200);
    expect(((await changes.json()) as TransitionsResponse).transitions.map((t) => [t.from, t.to, t.at, t.until])).toEqual([
      ['up', 'down', '2026-11-30T22:00:00.000Z', '2026-11-30T22:30:00.000Z'],
      ['down', 'up', '2026-11-30T22:30:00.000Z', null],
    ]);
  });
});
