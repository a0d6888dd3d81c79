import { parseDuration } from '../../shared/duration';

/** How long a client may take and how many may connect: what keeps slow or idle connections from piling up. */
export interface ServerLimits {
  /** Longest a client may take to send a request's headers; then it gets 408 and the connection is closed. */
  headersTimeoutMs: number;
  /** Longest a client may take to send a whole request, body included; at least `headersTimeoutMs`. */
  requestTimeoutMs: number;
  /** How long an idle keep-alive connection waits for its next request before it is closed. */
  keepAliveTimeoutMs: number;
  /** Most connections open at once, boards' live sockets included; further ones are refused at once. */
  maxConnections: number;
}

/**
 * A browser sends its headers in one packet and a board's requests are small, so seconds
 * are plenty. The cap leaves room for thousands of boards and tabs (each holds one
 * connection; the benchmarks run a thousand at once, plus their own requests) while
 * staying under the open-files limit Node raises itself to on a usual host.
 */
export const DEFAULT_SERVER_LIMITS: ServerLimits = {
  headersTimeoutMs: 10_000,
  requestTimeoutMs: 30_000,
  keepAliveTimeoutMs: 5_000,
  maxConnections: 10_000,
};

/** The environment variable that sets each limit. */
export const SERVER_LIMIT_VARIABLES: Record<keyof ServerLimits, string> = {
  headersTimeoutMs: 'GREENBOARD_HEADERS_TIMEOUT',
  requestTimeoutMs: 'GREENBOARD_REQUEST_TIMEOUT',
  keepAliveTimeoutMs: 'GREENBOARD_KEEP_ALIVE_TIMEOUT',
  maxConnections: 'GREENBOARD_MAX_CONNECTIONS',
};

/** Fills in defaults and checks that the limits make sense together; throws naming what is wrong. */
export function resolveServerLimits(partial: Partial<ServerLimits> = {}): ServerLimits {
  const limits = { ...DEFAULT_SERVER_LIMITS, ...partial };
  for (const key of Object.keys(limits) as Array<keyof ServerLimits>) {
    if (!Number.isInteger(limits[key]) || limits[key] < 1)
      throw new Error(`${SERVER_LIMIT_VARIABLES[key]} must be a positive whole number, not ${limits[key]}`);
  }
  // Node refuses a headers timeout longer than the request timeout; say it in our own words.
  if (limits.headersTimeoutMs > limits.requestTimeoutMs) {
    throw new Error(`${SERVER_LIMIT_VARIABLES.headersTimeoutMs} must not be longer than ${SERVER_LIMIT_VARIABLES.requestTimeoutMs}`);
  }
  return limits;
}

/** Reads the limits from the environment (durations such as `10s`; a count of connections); throws on a bad value. */
export function serverLimitsFromEnv(env: NodeJS.ProcessEnv): ServerLimits {
  const partial: Partial<ServerLimits> = {};
  for (const [key, name] of Object.entries(SERVER_LIMIT_VARIABLES) as Array<[keyof ServerLimits, string]>) {
    const text = env[name]?.trim();
    if (!text) continue;
    const value = key === 'maxConnections' ? (/^\d+$/.test(text) ? Number(text) : null) : parseDuration(text);
    if (value === null || value < 1) {
      const expected = key === 'maxConnections' ? 'a whole number above 0' : 'a duration such as 500ms, 10s or 1m';
      throw new Error(`${name} must be ${expected}, not "${text}"`);
    }
    partial[key] = value;
  }
  return resolveServerLimits(partial);
}
