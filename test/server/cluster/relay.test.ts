import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import { Server } from 'socket.io';
import { afterEach, describe, expect, it } from 'vitest';
import type { IncidentView } from '../../../shared/api';
import { linkInstances, type ClusterLink, type RedisAdapterKind } from '../../../server/cluster/redis-link';
import { attachRelay, type Relay } from '../../../server/cluster/relay';
import { EventBus } from '../../../server/engine/bus';
import type { Engine, MirroredService } from '../../../server/engine/engine';
import type { IncidentBook } from '../../../server/incidents/book';
import { createLogger } from '../../../server/log';
import type { LayerReading } from '../../../server/oncall/roster';
import type { BoardServer } from '../../../server/realtime/gateway';
import { requirement } from '../../helpers/requirements';
import { waitFor } from '../../helpers/wait';

const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';
async function reachable(): Promise<boolean> {
  const probe = new Redis(REDIS_URL, { lazyConnect: true, retryStrategy: () => null, maxRetriesPerRequest: 0 });
  probe.on('error', () => undefined);
  try {
    await probe.connect();
    return (await probe.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    probe.disconnect();
  }
}
const redis = requirement('Redis', await reachable(), `no Redis at ${REDIS_URL}; start it, or set TEST_REDIS_URL`);
const log = createLogger({ level: 'silent' });

/** One instance as the relay sees it: what it runs, and what it was told. */
function instance(namespace: string, runs: string[], batchMs = 10, adapter: RedisAdapterKind = 'pubsub') {
  const io: BoardServer = new Server();
  const bus = new EventBus();
  const told = {
    mirrored: [] as MirroredService[],
    revoked: [] as string[],
    maintenance: 0,
    oncall: [] as LayerReading[],
    recorded: [] as string[],
    acked: [] as string[],
    /** What arrived, in order: `state:<service>` or `incident:<id>`. */
    arrivals: [] as string[],
  };
  const engine = {
    owns: (id: string) => runs.includes(id),
    serviceIds: () => ['checkout', 'search'],
    stateOf: (id: string): MirroredService => ({
      serviceId: id,
      status: 'down',
      since: 1,
      checks: ['health', 'home'].map((check) => ({ id: check, machine: { status: 'down', since: 1, failures: 1, successes: 0 }, last: null })),
    }),
    mirror: (state: MirroredService) => {
      told.mirrored.push(state);
      told.arrivals.push(`state:${state.serviceId}`);
    },
    record: async (serviceId: string, checkId: string) => void told.recorded.push(`${serviceId}/${checkId}`),
  } as unknown as Engine;
  const book = {
    owns: (id: string) => runs.includes(id),
    get: (id: string) => ({ id, serviceId: id.split(':')[0] }),
    acknowledge: async (id: string) => {
      told.acked.push(id);
      return { id, status: 'acknowledged' } as unknown as IncidentView;
    },
    adopt: (incident: { id: string }) => void told.arrivals.push(`incident:${incident.id}`),
    pagesOf: () => [],
  } as unknown as IncidentBook;
  const link: ClusterLink = linkInstances({ io, url: REDIS_URL, namespace, bus, log, adapter });
  const relay: Relay = attachRelay({
    io,
    link,
    bus,
    log,
    engine: () => engine,
    book,
    revokeSockets: (tokenId) => void told.revoked.push(tokenId),
    learnOncall: (reading) => void told.oncall.push(reading),
    reloadMaintenance: async () => void (told.maintenance += 1),
    batchMs,
  });
  return { io, bus, told, link, relay };
}

describe.skipIf(redis.skip)('the relay between instances, through real Redis', () => {
  const running: Array<ReturnType<typeof instance>> = [];
  afterEach(async () => {
    for (const i of running.splice(0)) {
      i.relay.stop();
      await i.io.of('/').adapter.close();
      await i.link.close();
    }
  });
  const pair = async (batchMs?: number, adapter?: RedisAdapterKind) => {
    const namespace = `relay-${randomBytes(4).toString('hex')}`;
    const a = instance(namespace, ['checkout'], batchMs, adapter);
    const b = instance(namespace, ['search'], undefined, adapter);
    running.push(a, b);
    await waitFor(() => a.link.connected() && b.link.connected(), 'both linked');
    // Subscriptions are made once connected: wait until a message gets through.
    await waitFor(async () => {
      a.relay.maintenanceChanged();
      await new Promise((resolve) => setTimeout(resolve, 20));
      return b.told.maintenance > 0;
    }, 'a first message through');
    return { a, b };
  };

  it('tells the others each change of the services it runs, and only of those', async () => {
    const { a, b } = await pair();
    const result = { checkId: 'health', at: 1, outcome: 'failed' as const, message: 'down', latencyMs: 3, details: null };
    a.bus.emit('check.result', { serviceId: 'checkout', type: 'http', origin: 'check', result });
    a.bus.emit('check.result', { serviceId: 'search', type: 'http', origin: 'check', result }); // b runs it: a says nothing
    await waitFor(() => b.told.mirrored.length > 0, 'the change at b');
    expect(b.told.mirrored.map((s) => s.serviceId)).toEqual(['checkout']);
    expect(a.told.mirrored).toEqual([]);
  });

  it('a result tells only its own check; back in touch after a Redis outage, each service is told whole', async () => {
    const { a, b } = await pair();
    const result = { checkId: 'home', at: 1, outcome: 'ok' as const, message: 'HTTP 200', latencyMs: 3, details: null };
    a.bus.emit('check.result', { serviceId: 'checkout', type: 'http', origin: 'check', result });
    await waitFor(() => b.told.mirrored.length > 0, 'the result at b');
    expect(b.told.mirrored[0]!.checks.map((c) => c.id)).toEqual(['home']);
    a.bus.emit('cluster.health', null);
    await waitFor(() => b.told.mirrored.length > 1, 'the whole service at b');
    expect(b.told.mirrored[1]!.checks.map((c) => c.id)).toEqual(['health', 'home']);
  });

  it('a change a board shows is told at once, not held for the batch of routine results', async () => {
    // A batch so long that only the prompt path can bring the change in time.
    const { a, b } = await pair(60_000);
    a.bus.emit('service.changed', { id: 'checkout', status: 'down' } as never);
    await waitFor(() => b.told.mirrored.some((s) => s.serviceId === 'checkout' && s.status === 'down'), 'the change at b', { timeoutMs: 5_000 });
  });

  it('the change that opens an incident reaches the others before the incident, so their boards show it at once', async () => {
    const { a, b } = await pair(60_000);
    // As an instance does it: the status changes, and in the same turn the incident opens.
    a.bus.emit('service.changed', { id: 'checkout', status: 'down' } as never);
    a.bus.emit('incident.changed', { id: 'checkout:1' } as never);
    await waitFor(() => b.told.arrivals.length >= 2, 'both at b', { timeoutMs: 5_000 });
    expect(b.told.arrivals).toEqual(['state:checkout', 'incident:checkout:1']);
  });

  it('hands a push to the instance running its service, and an acknowledgement to the one deciding the incident; nobody takes what nobody runs', async () => {
    const { a, b } = await pair();
    expect(await a.relay.forward('search', 'nightly', { outcome: 'ok', message: 'ran', latencyMs: null }, 1)).toBe(true);
    expect(b.told.recorded).toEqual(['search/nightly']);
    expect(await a.relay.forward('nowhere', 'x', { outcome: 'ok', message: '', latencyMs: null }, 1)).toBe(false);
    expect(await a.relay.forwardAck('search:1', { by: 'Alice', personId: 'alice', via: 'api' })).toMatchObject({ status: 'acknowledged' });
    expect(b.told.acked).toEqual(['search:1']);
    expect(a.told.acked).toEqual([]);
  });

  it.each<RedisAdapterKind>(['pubsub', 'sharded'])(
    'tells every other instance of a revoked token, a maintenance change and an on-call feed read (%s)',
    async (adapter) => {
      const { a, b } = await pair(undefined, adapter);
      const before = b.told.maintenance;
      a.relay.revoked('tok-1');
      a.relay.maintenanceChanged();
      // A scheduler's on-call without an end, and one that was always on: JSON alone would make both null.
      const alice = { id: 'alice', name: 'Alice Liddell', contact: {} };
      const shifts = [{ person: alice, from: Number.NEGATIVE_INFINITY, to: Number.POSITIVE_INFINITY }];
      const reading: LayerReading = { teamId: 'payments', layer: 'primary', key: 'k', shifts, asOf: 5, problem: null };
      a.relay.toldOncall(reading);
      await waitFor(() => b.told.revoked.length === 1 && b.told.maintenance > before && b.told.oncall.length === 1, 'all three at b');
      expect(b.told.revoked).toEqual(['tok-1']);
      expect(b.told.oncall).toEqual([reading]);
      expect(a.told.revoked).toEqual([]);
    },
  );
});
