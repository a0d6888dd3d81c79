import { describe, expect, it } from 'vitest';
import { DEFAULT_SERVER_LIMITS, resolveServerLimits, serverLimitsFromEnv } from '../../../server/http/server-limits';

describe('server limits from the environment', () => {
  it('nothing set gives the defaults', () => {
    expect(serverLimitsFromEnv({})).toEqual(DEFAULT_SERVER_LIMITS);
  });

  it('each variable sets its limit, durations as in the config', () => {
    expect(
      serverLimitsFromEnv({
        GREENBOARD_HEADERS_TIMEOUT: '5s',
        GREENBOARD_REQUEST_TIMEOUT: '1m',
        GREENBOARD_KEEP_ALIVE_TIMEOUT: '750ms',
        GREENBOARD_MAX_CONNECTIONS: '5000',
      }),
    ).toEqual({ headersTimeoutMs: 5_000, requestTimeoutMs: 60_000, keepAliveTimeoutMs: 750, maxConnections: 5_000 });
  });

  it.each([
    [{ GREENBOARD_HEADERS_TIMEOUT: '10' }, 'GREENBOARD_HEADERS_TIMEOUT must be a duration such as 500ms, 10s or 1m, not "10"'],
    [{ GREENBOARD_REQUEST_TIMEOUT: '0s' }, 'GREENBOARD_REQUEST_TIMEOUT must be a duration such as 500ms, 10s or 1m, not "0s"'],
    [{ GREENBOARD_MAX_CONNECTIONS: 'lots' }, 'GREENBOARD_MAX_CONNECTIONS must be a whole number above 0, not "lots"'],
    [{ GREENBOARD_MAX_CONNECTIONS: '0' }, 'GREENBOARD_MAX_CONNECTIONS must be a whole number above 0, not "0"'],
    [{ GREENBOARD_HEADERS_TIMEOUT: '1m' }, 'GREENBOARD_HEADERS_TIMEOUT must not be longer than GREENBOARD_REQUEST_TIMEOUT'],
  ])('%o is refused: %s', (env, message) => {
    expect(() => serverLimitsFromEnv(env)).toThrow(message);
  });

  it('limits given in code are checked the same way', () => {
    expect(() => resolveServerLimits({ maxConnections: 1.5 })).toThrow('GREENBOARD_MAX_CONNECTIONS must be a positive whole number, not 1.5');
    expect(resolveServerLimits({ headersTimeoutMs: 300, requestTimeoutMs: 600 })).toMatchObject({ headersTimeoutMs: 300, requestTimeoutMs: 600 });
  });
});
