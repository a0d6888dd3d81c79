import { hostname } from 'node:os';
import type { AppCluster } from '../app';
import type { Logger } from '../log';
import { AppError } from '../errors';
import { PgShardLeases } from './pg-leases';
import type { RedisAdapterKind } from './redis-link';

/** The name of this instance among the others: GREENBOARD_INSTANCE_ID, or host and process. */
export const instanceId = (env: NodeJS.ProcessEnv) => env.GREENBOARD_INSTANCE_ID?.trim() || `${hostname()}-${process.pid}`;

/**
 * Cluster mode from the environment: on when DATABASE_URL names PostgreSQL (instances that
 * share a database share the work; one alone holds every shard), with REDIS_URL to share
 * what they see. Off for SQLite, which one process owns.
 */
export function clusterFromEnv(env: NodeJS.ProcessEnv, log: Logger): AppCluster | undefined {
  const url = env.DATABASE_URL?.trim();
  if (!url || !/^postgres(ql)?:\/\//.test(url)) {
    if (env.REDIS_URL) log.warn('REDIS_URL is set, but several instances need a PostgreSQL DATABASE_URL to share; running as one instance');
    return undefined;
  }
  const parsed = new URL(url);
  const schema = parsed.searchParams.get('schema') || 'public';
  // Parameters of the store's own, not PostgreSQL's.
  parsed.searchParams.delete('schema');
  parsed.searchParams.delete('pool_max');
  const database = decodeURIComponent(parsed.pathname.replace(/^\//, '')) || 'postgres';
  const namespace = `${database}.${schema}`;
  const memberId = instanceId(env);
  const address = advertisedAddress(env);
  return {
    leases: new PgShardLeases({
      connection: { connectionString: parsed.toString() },
      namespace,
      memberId,
      address,
      log: log.child({ mod: 'cluster', instance: memberId }),
    }),
    redisUrl: env.REDIS_URL?.trim() || undefined,
    redisAdapter: redisAdapterOf(env),
    namespace,
    instance: memberId,
  };
}

/**
 * Where the other instances reach this one: GREENBOARD_ADVERTISE_URL, or HOST and PORT
 * (the host name when listening on every address).
 */
export function advertisedAddress(env: NodeJS.ProcessEnv): string {
  const given = env.GREENBOARD_ADVERTISE_URL?.trim();
  if (given) return given.replace(/\/+$/, '');
  const host = env.HOST?.trim() || '127.0.0.1';
  const reachable = host === '0.0.0.0' || host === '::' ? hostname() : host;
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${env.PORT?.trim() || '8080'}`;
}

/** REDIS_ADAPTER: `pubsub` (the default) or `sharded` (Redis 7's sharded pub/sub, for a Redis Cluster). */
export function redisAdapterOf(env: NodeJS.ProcessEnv): RedisAdapterKind {
  const value = env.REDIS_ADAPTER?.trim() || 'pubsub';
  if (value !== 'pubsub' && value !== 'sharded') throw new AppError('bad_redis_adapter', `REDIS_ADAPTER must be pubsub or sharded, not "${value}"`);
  return value;
}
