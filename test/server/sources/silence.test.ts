import { describe, expect, it } from 'vitest';
import { silenceLine, silencedObservation, silentFrom, unwrapSilence } from '../../../server/sources/silence';

const at = (time: string) => Date.parse(`2026-11-22T${time}:00Z`);
const MIN = 60_000;

describe('when a source is silent', () => {
  it.each([
    ['a message 29 minutes ago', at('09:12'), at('09:41'), null],
    ['a message exactly 30 minutes ago', at('09:12'), at('09:42'), null],
    ['a message 31 minutes ago', at('09:12'), at('09:43'), 'no message from source am since 09:12 UTC (expected within 30m)'],
    ['no message, 31 minutes after the start', null, at('08:31'), 'no message from source am yet, waiting since 08:00 UTC (expected within 30m)'],
    ['no message, 10 minutes after the start', null, at('08:10'), null],
  ])('%s: %s', (_name, lastReceivedAt, now, expected) => {
    expect(silenceLine({ sourceId: 'am', lastReceivedAt, waitingSince: at('08:00'), silentAfterMs: 30 * MIN, now })).toBe(expected);
  });

  it('names the day as well once the last message is a day old', () => {
    const line = silenceLine({
      sourceId: 'am',
      lastReceivedAt: at('09:12'),
      waitingSince: at('08:00'),
      silentAfterMs: 30 * MIN,
      now: at('09:12') + 2 * 86_400_000,
    });
    expect(line).toBe('no message from source am since 2026-11-22 09:12 UTC (expected within 30m)');
  });

  it('is looked at again just after the silence begins', () => {
    expect(silentFrom({ sourceId: 'am', lastReceivedAt: at('09:12'), waitingSince: at('08:00'), silentAfterMs: 30 * MIN })).toBe(at('09:42') + 1);
    expect(silentFrom({ sourceId: 'am', lastReceivedAt: null, waitingSince: at('08:00'), silentAfterMs: 30 * MIN })).toBe(at('08:30') + 1);
  });
});

describe('a silence as stored, read back', () => {
  const held = { at: at('09:12'), outcome: 'failed' as const, message: 'ServiceDown: checkout is down', details: { alerts: [] } };
  const facts = { sourceId: 'am', lastReceivedAt: at('09:12'), waitingSince: at('08:00'), silentAfterMs: 30 * MIN, now: at('09:43') };

  it("is unknown with the silence's reason, holding the source's own report", () => {
    const observation = silencedObservation('no message from source am since 09:12 UTC (expected within 30m)', facts, held);
    expect(observation).toMatchObject({ outcome: 'unknown', message: 'no message from source am since 09:12 UTC (expected within 30m)' });
    const stored = { at: facts.now, outcome: observation.outcome, message: observation.message, details: observation.details! };
    expect(unwrapSilence(stored, 'am')).toEqual({ own: held, silenced: true });
  });

  it("a report of the source's own is its own, even with a field of the same name", () => {
    const own = { at: 1, outcome: 'ok' as const, message: 'fine', details: { silence: 'none', heldReport: 'none' } };
    expect(unwrapSilence(own, 'am')).toEqual({ own, silenced: false });
    const observation = silencedObservation('…', facts, held);
    const another = { at: 1, outcome: 'unknown' as const, message: '…', details: observation.details! };
    expect(unwrapSilence(another, 'ci')).toEqual({ own: another, silenced: false });
  });
});
