import type pg from 'pg';
import { AppError } from '../errors';

/** Pool size when the URL does not say: enough for a busy instance, small beside PostgreSQL's 100 connections. */
export const DEFAULT_POOL_MAX = 10;
/** How long a connection may take before it counts as unreachable, unless `connect_timeout` says. */
const DEFAULT_CONNECT_TIMEOUT_MS = 5_000;
/**
 * How long a query may go unanswered before its connection counts as lost, unless
 * `query_timeout` says (0: no limit). A server gone silent (a failover, a network that
 * drops packets) would otherwise hold every write behind one that never ends.
 */
const DEFAULT_QUERY_TIMEOUT_MS = 15_000;
const SCHEMA_NAME = /^[A-Za-z_][A-Za-z0-9_]{0,62}$/;

/** Where and how to connect, read from DATABASE_URL. */
export interface PostgresTarget {
  /** What the pool is made with: the URL without Greenboard's own parameters, and its options. */
  pool: pg.PoolConfig;
  /** The schema Greenboard keeps its tables in (made if missing), or null for the server's default search path. */
  schema: string | null;
  /** `host:port/database`, for messages: never the password. */
  where: string;
  /** The URL's password, if any, so that an error that repeats it can have it taken out. */
  password: string | null;
}

const bad = (message: string) => new AppError('bad_database_url', `DATABASE_URL: ${message}`);

/** A whole number parameter in [min, max], or the fallback when absent. */
function wholeNumber(params: URLSearchParams, name: string, fallback: number, min: number, max: number): number {
  const text = params.get(name);
  params.delete(name);
  if (text === null) return fallback;
  const value = Number(text);
  if (!Number.isInteger(value) || value < min || value > max) throw bad(`${name} must be a whole number from ${min} to ${max}, not "${text}"`);
  return value;
}

/**
 * Reads a `postgres://` or `postgresql://` URL. Greenboard's own parameters are taken
 * out: `schema` (set as the search path of every connection, through the startup
 * `options`, so no query names it) and `pool_max`; `connect_timeout` (seconds, as libpq
 * reads it) and `query_timeout` (milliseconds, as pg reads it) become the pool's; the
 * rest (sslmode, application_name…) go to pg as they are. Pure.
 */
export function parsePostgresUrl(databaseUrl: string): PostgresTarget {
  let url: URL;
  try {
    url = new URL(databaseUrl);
  } catch {
    // The URL itself is not repeated: it may hold a password.
    throw bad('is not a valid postgres:// URL');
  }
  if (!/^postgres(ql)?:$/.test(url.protocol)) throw bad('must start with postgres:// or postgresql://');
  const params = url.searchParams;
  const schema = params.get('schema');
  params.delete('schema');
  if (schema !== null && !SCHEMA_NAME.test(schema)) throw bad(`schema must be letters, digits and _ (at most 63, not starting with a digit), not "${schema}"`);
  const max = wholeNumber(params, 'pool_max', DEFAULT_POOL_MAX, 1, 1_000);
  const connectTimeoutS = wholeNumber(params, 'connect_timeout', DEFAULT_CONNECT_TIMEOUT_MS / 1_000, 1, 3_600);
  const queryTimeoutMs = wholeNumber(params, 'query_timeout', DEFAULT_QUERY_TIMEOUT_MS, 0, 3_600_000);
  // pg lets the URL's `options` override the pool's, so the search path joins them here.
  const given = params.get('options');
  params.delete('options');
  const options = [given, schema && `-c search_path="${schema}"`].filter(Boolean).join(' ') || undefined;
  const database = decodeURIComponent(url.pathname.slice(1)) || decodeURIComponent(url.username) || 'postgres';
  return {
    pool: {
      connectionString: url.toString(),
      max,
      options,
      connectionTimeoutMillis: connectTimeoutS * 1_000,
      query_timeout: queryTimeoutMs || undefined,
      keepAlive: true,
      application_name: 'greenboard',
    },
    schema,
    where: `${url.hostname || 'localhost'}:${url.port || 5432}/${database}`,
    password: url.password ? decodeURIComponent(url.password) : null,
  };
}
