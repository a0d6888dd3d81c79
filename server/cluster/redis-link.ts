import { createAdapter, createShardedAdapter } from '@socket.io/redis-adapter';
import { Redis } from 'ioredis';
import type { ClusterProblem, EventBus } from '../engine/bus';
import type { Logger } from '../log';
import type { BoardServer } from '../realtime/gateway';

/** The other instances, as this one reaches them. */
export interface ClusterLink {
  /** Whether the others can be told anything now. */
  connected(): boolean;
  close(): Promise<void>;
}

/** Where Redis is, without its password: for logs and the board's notice. */
export function redisPlace(url: string): string {
  try {
    const parsed = new URL(url);
    return `${parsed.hostname}:${parsed.port || '6379'}`;
  } catch {
    return 'the address in REDIS_URL';
  }
}

/**
 * Joins the instances through Redis with the Socket.IO Redis adapter: what one instance
 * says with `serverSideEmit` every other hears. While Redis cannot be reached, the link
 * says so on the bus (`cluster.health`: boards show a partial view) and ioredis keeps
 * reconnecting; once it is back, the problem clears by itself.
 */
/** Redis pub/sub as Socket.IO's adapters use it: classic (`PUBLISH`) or sharded (`SPUBLISH`, Redis 7). */
export type RedisAdapterKind = 'pubsub' | 'sharded';

export function linkInstances(options: {
  io: BoardServer;
  url: string;
  namespace: string;
  bus: EventBus;
  log: Logger;
  adapter?: RedisAdapterKind;
}): ClusterLink {
  const { io, bus, log } = options;
  const retryStrategy = (attempt: number) => Math.min(250 * attempt, 2_000);
  // Nothing is queued while Redis is away: a change told late is worse than one not told,
  // and a queue would grow for as long as the outage lasts.
  const pub = new Redis(options.url, { retryStrategy, enableOfflineQueue: false, maxRetriesPerRequest: 1, lazyConnect: false });
  const sub = pub.duplicate({ enableOfflineQueue: true });
  let problem: ClusterProblem | null = null;
  const place = redisPlace(options.url);
  // Cut off is a client that lost its connection (or never got one): not one still making its first.
  const lost = (client: Redis) => ['close', 'end', 'reconnecting'].includes(client.status);
  const judge = () => {
    const up = pub.status === 'ready' && sub.status === 'ready';
    if (up && problem) {
      problem = null;
      log.info({ redis: place }, 'reached the other instances again through Redis');
      bus.emit('cluster.health', null);
    } else if (!up && !problem && !closing && (lost(pub) || lost(sub))) {
      problem = { reason: `Redis at ${place} is unreachable`, since: Date.now() };
      log.warn({ redis: place }, 'cannot reach Redis: this instance shows only the services it checks until it can');
      bus.emit('cluster.health', problem);
    }
  };
  let closing = false;
  for (const client of [pub, sub]) {
    client.on('ready', judge);
    client.on('close', judge);
    client.on('end', judge);
    // ioredis retries by itself; the state is what matters, the error is in the log once per outage.
    client.on('error', () => judge());
  }
  const key = `greenboard#${options.namespace}`;
  io.adapter(
    options.adapter === 'sharded'
      ? createShardedAdapter(quiet(pub), sub, { channelPrefix: key })
      : createAdapter(quiet(pub), sub, { key, requestsTimeout: 2_000 }),
  );
  return {
    connected: () => pub.status === 'ready' && sub.status === 'ready',
    async close() {
      closing = true;
      await Promise.allSettled([pub.quit(), sub.quit()]);
      pub.disconnect();
      sub.disconnect();
    },
  };
}

/**
 * The publishing client as the adapter sees it: its publishes never reject unheard (the
 * adapter does not wait for them, and an unhandled rejection would end the process) —
 * a message lost while Redis is away is what the partial-view notice says.
 */
function quiet(client: Redis): Redis {
  return new Proxy(client, {
    get(target, property, receiver) {
      const value = Reflect.get(target, property, receiver) as unknown;
      if (property === 'publish' || property === 'spublish') {
        return (...args: unknown[]) => (value as (...a: unknown[]) => Promise<unknown>).apply(target, args).catch(() => 0);
      }
      return typeof value === 'function' ? (value as (...a: unknown[]) => unknown).bind(target) : value;
    },
  });
}
