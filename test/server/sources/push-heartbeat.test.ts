import { describe, expect, it } from 'vitest';
import { missedHeartbeat, readPush, takePush } from '../../../server/sources/push-heartbeat';

const at = (time: string) => Date.parse(`2026-11-30T${time}:00Z`);
const HOUR = 3_600_000;

describe('missedHeartbeat', () => {
  it.each([
    { case: 'a push within grace is on time', lastPushAt: at('02:14'), now: at('03:00'), expected: null },
    { case: 'exactly at grace is still on time', lastPushAt: at('02:14'), now: at('03:14'), expected: null },
    {
      case: 'past grace is missed, saying since when',
      lastPushAt: at('02:14'),
      now: at('03:15'),
      expected: 'no heartbeat since 02:14 UTC (expected every 1h)',
    },
    {
      case: 'a push more than a day ago names its date',
      lastPushAt: at('02:14') - 2 * 24 * HOUR,
      now: at('03:15'),
      expected: 'no heartbeat since 2026-11-28 02:14 UTC (expected every 1h)',
    },
    { case: 'never pushed, within grace of the start', lastPushAt: null, now: at('02:30'), expected: null },
    {
      case: 'never pushed, past grace of the start',
      lastPushAt: null,
      now: at('03:01'),
      expected: 'no heartbeat yet, waiting since 02:00 UTC (expected every 1h)',
    },
  ])('$case', ({ lastPushAt, now, expected }) => {
    expect(missedHeartbeat({ lastPushAt, waitingSince: at('02:00'), graceMs: HOUR, now })).toBe(expected);
  });
});

describe('readPush', () => {
  it.each([
    { fields: {}, expected: { ok: true, outcome: 'ok', message: 'heartbeat received' } },
    { fields: { status: 'up', msg: 'exported 120 rows' }, expected: { ok: true, outcome: 'ok', message: 'exported 120 rows' } },
    { fields: { status: 'degraded' }, expected: { ok: true, outcome: 'degraded', message: 'heartbeat says degraded' } },
    { fields: { status: 'down', msg: 'disk full' }, expected: { ok: true, outcome: 'failed', message: 'disk full' } },
    { fields: { status: 'sideways' }, expected: { ok: false, field: 'status', problem: 'must be one of up, degraded, down' } },
    { fields: { status: ['up', 'down'] }, expected: { ok: false, field: 'status', problem: 'must be one of up, degraded, down' } },
    { fields: { msg: 'x'.repeat(501) }, expected: { ok: false, field: 'msg', problem: 'must be at most 500 characters' } },
    { fields: { msg: { a: 1 } }, expected: { ok: false, field: 'msg', problem: 'must be text' } },
  ])('$fields', ({ fields, expected }) => {
    expect(readPush(fields)).toEqual(expected);
  });
});

describe('takePush', () => {
  const limit = { burst: 3, perMinute: 60 };

  it('allows a burst, then refuses with the time until the next push is allowed', () => {
    let bucket = { tokens: 3, at: 0 };
    const answers = [0, 0, 0, 0].map((now) => {
      const taken = takePush(bucket, now, limit);
      bucket = taken.bucket;
      return [taken.allowed, taken.retryAfterMs];
    });
    expect(answers).toEqual([
      [true, 0],
      [true, 0],
      [true, 0],
      [false, 1_000],
    ]);
  });

  it('refills at the sustained rate, never above the burst', () => {
    expect(takePush({ tokens: 0, at: 0 }, 1_000, limit).allowed).toBe(true);
    expect(takePush({ tokens: 0, at: 0 }, 500, limit)).toMatchObject({ allowed: false, retryAfterMs: 500 });
    expect(takePush({ tokens: 0, at: 0 }, 3_600_000, limit).bucket.tokens).toBe(2);
  });
});
