import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { IncidentView, ServiceView } from '../../../shared/api';
import type { Status } from '../../../shared/status';
import { EventBus } from '../../../server/engine/bus';
import { IncidentBook } from '../../../server/incidents/book';
import { silentLogger } from '../../../server/log';
import { SqliteStore } from '../../../server/store/sqlite';
import { configFromYaml } from '../../helpers/config';

const config = configFromYaml(`
teams: [{ id: data, name: Data }, { id: payments, name: Payments }]
services:
  - { id: orders-db, name: Orders DB, team: data }
  - { id: checkout, name: Checkout, team: payments, dependsOn: [orders-db] }
`);

function view(id: string, status: Status, impactedBy: string[] = [], since = 1_000): ServiceView {
  return {
    id,
    name: id,
    team: null,
    status,
    since: new Date(since).toISOString(),
    impactedBy,
    dependsOn: [],
    links: {},
    checks: [{ id: 'health', type: 'http', status, since: null, lastCheckedAt: null, latencyMs: null, message: `health is ${status}`, stale: false }],
    oncall: null,
    upstream: null,
  };
}

describe('the incident book', () => {
  let store: SqliteStore;
  let bus: EventBus;
  let refreshed: string[][];
  let announced: IncidentView[];
  let now: number;
  const open = async (file = join(mkdtempSync(join(tmpdir(), 'gb-book-')), 'gb.db')) => {
    store = new SqliteStore(file);
    await store.migrate();
    const book = new IncidentBook({ store, bus, log: silentLogger(), now: () => now, refresh: (ids) => refreshed.push([...ids]) });
    await book.load(config);
    return book;
  };
  beforeEach(() => {
    bus = new EventBus();
    refreshed = [];
    announced = [];
    now = 10_000;
    bus.on('incident.changed', (i) => announced.push(i));
  });
  afterEach(async () => store.close());

  it('opens an incident for a service that goes down, saves it, announces it and asks for the tiles to be redrawn', async () => {
    const book = await open();
    book.observe(view('checkout', 'down'));
    await book.flushed();
    const [stored] = await store.activeIncidents(0);
    expect(stored).toMatchObject({ serviceId: 'checkout', status: 'open', openedAt: 1_000 });
    expect(announced.map((i) => [i.serviceName, i.team?.id, i.status])).toEqual([['Checkout', 'payments', 'open']]);
    expect(refreshed.flat()).toContain('checkout');
    expect(book.brief('checkout')).toMatchObject({ id: stored!.id, serviceId: 'checkout', paged: null, acknowledged: null });
  });

  it('acts once per change: the same status seen again changes nothing', async () => {
    const book = await open();
    book.observe(view('checkout', 'down'));
    book.observe(view('checkout', 'down'));
    await book.flushed();
    expect(await store.activeIncidents(0)).toHaveLength(1);
  });

  it('shows a symptom’s tile its cause’s incident', async () => {
    const book = await open();
    book.observe(view('orders-db', 'down'));
    book.observe(view('checkout', 'down', ['orders-db']));
    await book.flushed();
    const cause = book.brief('orders-db')!;
    expect(book.brief('checkout')).toEqual(cause);
    expect(cause.serviceId).toBe('orders-db');
    expect(refreshed.flat()).toEqual(expect.arrayContaining(['orders-db', 'checkout']));
  });

  it('joins a dependent seen down a moment before its dependency’s incident opened, in the same turn', async () => {
    const book = await open();
    // The order results of one turn may be announced in: the dependent first, naming its cause.
    book.observe(view('checkout', 'down', ['orders-db']));
    book.observe(view('orders-db', 'down'));
    await book.flushed();
    const incidents = await store.activeIncidents(0);
    const db = incidents.find((i) => i.serviceId === 'orders-db')!;
    expect(db.impacted).toEqual(['checkout']);
    for (const other of incidents.filter((i) => i.id !== db.id)) expect(other.partOf).toBe(db.id);
    expect(book.brief('checkout')?.id).toBe(db.id);
  });

  it('acknowledges once, keeps the first acknowledgement, and refuses a resolved incident with a 409', async () => {
    const book = await open();
    book.observe(view('checkout', 'down'));
    await book.flushed();
    const id = book.brief('checkout')!.id;
    const acked = await book.acknowledge(id, { by: 'Alice', personId: 'alice', via: 'api' });
    expect(acked).toMatchObject({ status: 'acknowledged', acknowledged: { by: 'Alice', personId: 'alice', via: 'api' } });
    const again = await book.acknowledge(id, { by: 'Bob', personId: 'bob', via: 'link' });
    expect(again.acknowledged?.by).toBe('Alice');
    book.observe(view('checkout', 'up'));
    await book.flushed();
    await expect(book.acknowledge(id, { by: 'Bob', personId: null, via: 'api' })).rejects.toMatchObject({ status: 409 });
    await expect(book.acknowledge('nope', { by: 'Bob', personId: null, via: 'api' })).rejects.toMatchObject({ status: 404 });
  });

  it('carries on after a restart: an open incident is still open, and the same outage opens no second one', async () => {
    const first = await open();
    first.observe(view('checkout', 'down'));
    await first.flushed();
    const id = first.brief('checkout')!.id;
    const file = store.file;
    await store.close();
    const second = await open(file);
    second.observe(view('checkout', 'down'));
    await second.flushed();
    expect(second.brief('checkout')?.id).toBe(id);
    expect(await store.activeIncidents(0)).toHaveLength(1);
  });
});

describe('a reload that removes a service', () => {
  it('resolves its incident, which nothing else would ever resolve', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'gb-book-')), 'gb.db');
    const store = new SqliteStore(file);
    await store.migrate();
    const bus = new EventBus();
    const book = new IncidentBook({ store, bus, log: silentLogger(), refresh: () => undefined });
    await book.load(config);
    book.observe(view('checkout', 'down'));
    book.observeAll([view('orders-db', 'up')]);
    await book.flushed();
    const [incident] = await store.incidents({ from: 0, to: Date.now() + 1, limit: 10 });
    expect(incident).toMatchObject({ serviceId: 'checkout', status: 'resolved' });
    expect(incident!.timeline.at(-1)!.message).toContain('no longer in the config');
    await store.close();
  });
});
