import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { FEED } from '../../helpers/ics-feed';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../../server/log';
import { Roster, type LayerReading } from '../../../server/oncall/roster';
import { layerSpecs } from '../../../server/oncall/specs';
import { configFromYaml } from '../../helpers/config';

const MIN = 60_000;
const NOW = Date.parse('2026-11-23T12:00:00Z');

// Only the clock and the timers are faked: the feed's server runs for real.
beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'setInterval', 'clearInterval', 'Date'] });
  vi.setSystemTime(NOW);
});
afterEach(() => {
  vi.useRealTimers();
});

describe('an on-call feed shared by several instances', () => {
  let feed: Server;
  let fetches = 0;
  beforeEach(async () => {
    fetches = 0;
    feed = createServer((_req, res) => {
      fetches += 1;
      res.writeHead(200, { 'content-type': 'text/calendar' }).end(FEED);
    });
    await new Promise<void>((resolve) => feed.listen(0, '127.0.0.1', resolve));
  });
  afterEach(async () => {
    feed.closeAllConnections();
    await new Promise((resolve) => feed.close(resolve));
  });

  it('is read by the instance leading its team, which tells the others; each reads once at its start', async () => {
    const config = configFromYaml(`
people:
  - { id: alice, name: Alice Liddell, contact: { email: alice@example.com } }
teams:
  - { id: payments, name: Payments, oncall: { ics: { url: "http://127.0.0.1:${(feed.address() as AddressInfo).port}/oncall.ics", refresh: 5m } } }
services:
  - { id: checkout, name: Checkout, team: payments }
`);
    let leader = 'a';
    const rosters = new Map<string, Roster>();
    const make = (id: string) =>
      new Roster(layerSpecs(config), {
        people: config.people,
        log: createLogger({ level: 'silent' }),
        onChange: () => undefined,
        // The relay: what one tells, every other learns.
        cluster: { leads: () => leader === id, told: (reading: LayerReading) => rosters.forEach((r, other) => other !== id && r.learn(reading)) },
      });
    for (const id of ['a', 'b', 'c']) rosters.set(id, make(id));
    rosters.forEach((r) => r.start());
    await vi.waitFor(() => expect(fetches).toBe(3));
    await vi.waitFor(() => rosters.forEach((r) => expect(r.primaryNow('payments')?.person?.id).toBe('alice')));

    // Three refreshes: the leader alone reads, and the others have its answer.
    for (let i = 1; i <= 3; i++) {
      await vi.advanceTimersByTimeAsync(5 * MIN);
      await vi.waitFor(() => expect(fetches).toBe(3 + i));
    }
    const asOf = (id: string) => rosters.get(id)!.views()[0]!.layers[0]!.source.asOf;
    await vi.waitFor(() => expect(asOf('b')).toBe(asOf('a')));
    expect(asOf('c')).toBe(asOf('a'));

    // The team's shard moves to c: from the next refresh on, c reads and a does not.
    leader = 'c';
    await vi.advanceTimersByTimeAsync(5 * MIN);
    await vi.waitFor(() => expect(fetches).toBe(7));
    await vi.advanceTimersByTimeAsync(5 * MIN);
    await vi.waitFor(() => expect(fetches).toBe(8));
    await vi.waitFor(() => expect(asOf('a')).toBe(asOf('c')));
    rosters.forEach((r) => r.stop());
  });
});
