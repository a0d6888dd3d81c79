import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { PgShardLeases } from '../../../server/cluster/pg-leases';
import { SHARD_COUNT } from '../../../server/cluster/shards';
import { createLogger } from '../../../server/log';
import { postgresRequirement, TEST_POSTGRES_URL } from '../../helpers/cluster';
import { startTcpProxy, type TcpProxy } from '../../helpers/tcp-proxy';
import { waitFor } from '../../helpers/wait';

const URL = TEST_POSTGRES_URL;
const server = await postgresRequirement();
const log = createLogger({ level: 'silent' });

describe.skipIf(server.skip)('shards held as PostgreSQL advisory locks', () => {
  let observer: pg.Client;
  const running: PgShardLeases[] = [];
  // Each test its own cluster: the lock space is the whole database.
  let namespace = '';

  beforeAll(async () => {
    observer = new pg.Client({ connectionString: URL });
    await observer.connect();
  });
  afterAll(async () => {
    await observer.end();
  });
  afterEach(async () => {
    await Promise.all(running.splice(0).map((l) => l.stop()));
  });

  const member = (memberId: string, connectionString = URL) => {
    const leases = new PgShardLeases({
      connection: { connectionString },
      namespace,
      memberId,
      log,
      roundMs: 100,
      address: `http://127.0.0.1:1${memberId.charCodeAt(0)}`,
    });
    const changes: Array<{ gained: number[]; lost: number[] }> = [];
    leases.onChange((change) => void changes.push(change));
    running.push(leases);
    return { leases, changes };
  };
  const held = (...members: Array<{ leases: PgShardLeases }>) => members.map((m) => m.leases.held().length);
  const union = (...members: Array<{ leases: PgShardLeases }>) => members.flatMap((m) => m.leases.held()).sort((a, b) => a - b);
  const everyShard = Array.from({ length: SHARD_COUNT }, (_, i) => i);

  it('three instances split the shards fairly, each held by exactly one', async () => {
    namespace = `t-${randomBytes(4).toString('hex')}`;
    const [a, b, c] = [member('a'), member('b'), member('c')];
    await Promise.all([a, b, c].map((m) => m.leases.start()));
    await waitFor(() => held(a, b, c).every((n) => n >= 20 && n <= 22) && union(a, b, c).length === SHARD_COUNT, 'a fair split');
    expect(union(a, b, c)).toEqual(everyShard);
    // Each knows where the holder of any shard is, to hand it what that one leads.
    await a.leases.round();
    const bShard = b.leases.held()[0]!;
    expect(a.leases.addressOf(bShard)).toBe('http://127.0.0.1:198');
    expect(a.leases.addressOf(a.leases.held()[0]!)).toBe('http://127.0.0.1:197');
  });

  it('refuses a name and address PostgreSQL could not list whole', () => {
    expect(() => new PgShardLeases({ connection: {}, namespace: 'n', memberId: 'x'.repeat(60), log })).toThrow(/too long.*GREENBOARD_INSTANCE_ID/);
  });

  it('an instance whose connection dies (as with kill -9) loses its shards to the others within a round; back, it takes a share again', async () => {
    namespace = `t-${randomBytes(4).toString('hex')}`;
    const [a, b, c] = [member('a'), member('b'), member('c')];
    await Promise.all([a, b, c].map((m) => m.leases.start()));
    await waitFor(() => held(a, b, c).every((n) => n >= 20) && union(a, b, c).length === SHARD_COUNT, 'a fair split');
    const bShards = b.leases.held();
    // PostgreSQL ends b's session as it does when the process is killed: its locks go with it.
    await b.leases.stop();
    running.splice(running.indexOf(b.leases), 1);
    await waitFor(() => union(a, c).length === SHARD_COUNT, "b's shards taken by a and c", { timeoutMs: 5_000 });
    expect(union(a, c)).toEqual(everyShard);
    expect(bShards.every((s) => a.leases.holds(s) || c.leases.holds(s))).toBe(true);
    const again = member('b');
    await again.leases.start();
    await waitFor(() => held(a, again, c).every((n) => n >= 20 && n <= 22) && union(a, again, c).length === SHARD_COUNT, 'b back with a share');
    // a and c let go before b took: their changes say what they lost.
    expect(a.changes.some((ch) => ch.lost.length > 0) || c.changes.some((ch) => ch.lost.length > 0)).toBe(true);
  });

  it('a killed backend: the locks vanish at once and the instance notices at its next round', async () => {
    namespace = `t-${randomBytes(4).toString('hex')}`;
    const [a, b] = [member('a'), member('b')];
    await Promise.all([a, b].map((m) => m.leases.start()));
    await waitFor(() => held(a, b).every((n) => n === 32), 'an even split');
    // As if b's machine vanished from PostgreSQL's point of view.
    await observer.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE application_name = $1', [b.leases.applicationName]);
    await waitFor(
      () => a.leases.held().length === SHARD_COUNT || (union(a, b).length === SHARD_COUNT && held(a, b).every((n) => n === 32)),
      'the shards held again',
    );
    // Whatever order the rounds took, no shard is ever held twice.
    const all = union(a, b);
    expect(new Set(all).size).toBe(all.length);
  });

  describe('when PostgreSQL goes away from every instance and comes back', () => {
    /** One way to PostgreSQL per instance, so that each can be given it back on its own. */
    const proxies: TcpProxy[] = [];
    const throughProxy = async (memberId: string) => {
      const proxy = await startTcpProxy(Number(new globalThis.URL(URL).port || 5432), new globalThis.URL(URL).hostname);
      proxies.push(proxy);
      const url = new globalThis.URL(URL);
      url.port = String(proxy.port);
      return { ...member(memberId, url.toString()), proxy };
    };
    const connected = async (m: { leases: PgShardLeases }) =>
      (await observer.query('SELECT 1 FROM pg_stat_activity WHERE application_name = $1', [m.leases.applicationName])).rowCount === 1;
    afterEach(async () => {
      await Promise.all(running.splice(0).map((l) => l.stop()));
      await Promise.all(proxies.splice(0).map((p) => p.close()));
    });

    it('the first one back takes none of the shards the others still run, so no check runs twice; each takes its own again', async () => {
      namespace = `t-${randomBytes(4).toString('hex')}`;
      const [a, b] = [await throughProxy('a'), await throughProxy('b')];
      await Promise.all([a, b].map((m) => m.leases.start()));
      await waitFor(() => held(a, b).every((n) => n === 32), 'an even split');
      const [aShards, bShards] = [a.leases.held(), b.leases.held()];
      a.proxy.cut();
      b.proxy.cut();
      // Neither can reach PostgreSQL: both keep running what they hold (checks go on).
      await Promise.all([a, b].map((m) => m.leases.round()));
      await waitFor(async () => !(await connected(a)) && !(await connected(b)), 'both cut off');
      expect([a.leases.held(), b.leases.held()]).toEqual([aShards, bShards]);
      // a is back first and alone in PostgreSQL's view, with b's shards free there.
      a.proxy.restore();
      await waitFor(() => connected(a), 'a back');
      await a.leases.round();
      await a.leases.round();
      expect(a.leases.held()).toEqual(aShards);
      b.proxy.restore();
      await waitFor(() => connected(b), 'b back');
      await b.leases.round();
      expect(b.leases.held()).toEqual(bShards);
      expect(b.changes.every((ch) => ch.lost.length === 0)).toBe(true);
    });

    it('one that does not come back within the grace loses its shards to the one that did', async () => {
      namespace = `t-${randomBytes(4).toString('hex')}`;
      const [a, b] = [await throughProxy('a'), await throughProxy('b')];
      await Promise.all([a, b].map((m) => m.leases.start()));
      await waitFor(() => held(a, b).every((n) => n === 32), 'an even split');
      a.proxy.cut();
      b.proxy.cut();
      await waitFor(async () => !(await connected(a)) && !(await connected(b)), 'both cut off');
      a.proxy.restore();
      await waitFor(() => a.leases.held().length === SHARD_COUNT, "a running b's shards too once the grace is over");
      // b, back late, finds its shards taken and stops running them. (a is held still
      // meanwhile: seeing b, it would hand shards back while b is still looking.)
      a.proxy.stall();
      b.proxy.restore();
      await waitFor(() => connected(b), 'b back');
      await b.leases.round();
      expect(b.changes.some((ch) => ch.lost.length === 32)).toBe(true);
      expect(b.leases.held()).toEqual([]);
      a.proxy.restore();
      await waitFor(() => held(a, b).every((n) => n === 32) && union(a, b).length === SHARD_COUNT, 'an even split again');
    });
  });

  it('one instance alone holds every shard, and says it is alone', async () => {
    namespace = `t-${randomBytes(4).toString('hex')}`;
    const a = member('a');
    await a.leases.start();
    expect(a.leases.held()).toEqual(everyShard);
    expect(a.leases.alone).toBe(true);
    expect(a.changes[0]?.gained).toHaveLength(SHARD_COUNT);
  });
});
