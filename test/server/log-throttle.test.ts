import { describe, expect, it } from 'vitest';
import { ErrorThrottle } from '../../server/log-throttle';
import { capturingLogger, ERROR, INFO } from '../helpers/log-lines';

function setup() {
  const { log, lines } = capturingLogger();
  let now = 0;
  const throttle = new ErrorThrottle(log, { periodMs: 60_000, now: () => now });
  return { lines, throttle, advance: (ms: number) => (now += ms) };
}

const full = new Error('SQLITE_FULL: database or disk is full');

describe('a repeating error', () => {
  it('is logged once in full, with its stack, however often it repeats within a minute', () => {
    const { lines, throttle, advance } = setup();
    for (let i = 0; i < 200; i++) {
      throttle.error('store.write', full, 'could not store a result');
      advance(5);
    }
    expect(lines).toHaveLength(1);
    expect(lines[0]).toMatchObject({ level: ERROR, msg: 'could not store a result' });
    expect((lines[0]!.err as { stack: string }).stack).toContain('SQLITE_FULL');
  });

  it('is then told as a count of repeats once a minute, without a stack', () => {
    const { lines, throttle, advance } = setup();
    throttle.error('store.write', full, 'could not store a result');
    for (let i = 0; i < 240; i++) {
      advance(500);
      throttle.error('store.write', full, 'could not store a result');
    }
    expect(lines).toHaveLength(3);
    expect(lines.slice(1)).toEqual([
      expect.objectContaining({ repeats: 120, lastError: full.message, msg: 'could not store a result (120 more times in the last 60 s)' }),
      expect.objectContaining({ repeats: 120, failingSince: '1970-01-01T00:00:00.000Z' }),
    ]);
    expect(lines.slice(1).every((l) => l.err === undefined)).toBe(true);
  });

  it('when it recovers, says so with the repeats not yet told; the next error is logged in full again', () => {
    const { lines, throttle, advance } = setup();
    throttle.error('store.write', full, 'could not store a result');
    advance(1_000);
    throttle.error('store.write', full, 'could not store a result');
    advance(1_000);
    throttle.recovered('store.write', 'results are stored again');
    throttle.recovered('store.write', 'results are stored again');
    throttle.error('store.write', full, 'could not store a result');
    expect(lines.map((l) => [l.level, l.msg, l.repeats])).toEqual([
      [ERROR, 'could not store a result', undefined],
      [INFO, 'results are stored again', 1],
      [ERROR, 'could not store a result', undefined],
    ]);
    expect(lines[1]!.failedForMs).toBe(2_000);
  });

  it('each kind is counted on its own', () => {
    const { lines, throttle } = setup();
    throttle.error('shop/health', full, 'a check run failed', { check: 'shop/health' });
    throttle.error('shop/port', full, 'a check run failed', { check: 'shop/port' });
    throttle.error('shop/health', full, 'a check run failed', { check: 'shop/health' });
    expect(lines.map((l) => l.check)).toEqual(['shop/health', 'shop/port']);
    expect(throttle.failing('shop/port')).toBe(true);
    expect(throttle.failing('shop/other')).toBe(false);
  });
});
