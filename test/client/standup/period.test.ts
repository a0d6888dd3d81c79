import { describe, expect, it } from 'vitest';
import { dayRangePeriod, periodDays, presetPeriod } from '../../../client/standup/period';

const at = (iso: string) => Date.parse(iso);
const HOUR = 3_600_000;

describe('since yesterday 09:00', () => {
  it.each([
    // Berlin, an ordinary winter morning: 09:00 CET is 08:00 UTC.
    ['an ordinary day', 'Europe/Berlin', '2026-12-01T09:13:00Z', '2026-11-30T08:00:00Z'],
    // Before 09:00 it is still yesterday's 09:00, not today's.
    ['early in the morning', 'Europe/Berlin', '2026-12-01T05:00:00Z', '2026-11-30T08:00:00Z'],
    // The viewer's own zone: 09:00 in New York is 14:00 UTC in winter.
    ['in New York', 'America/New_York', '2026-12-01T14:13:00Z', '2026-11-30T14:00:00Z'],
    // Clocks went forward overnight (29 March, 02:00 → 03:00): yesterday's 09:00 was CET, 24 h before today's 10:00 CEST.
    ['after the clocks went forward', 'Europe/Berlin', '2026-03-29T08:00:00Z', '2026-03-28T08:00:00Z'],
    // Clocks went back overnight (25 October, 03:00 → 02:00): yesterday's 09:00 was CEST, 26 h before today's 10:00 CET.
    ['after the clocks went back', 'Europe/Berlin', '2026-10-25T09:00:00Z', '2026-10-24T07:00:00Z'],
  ])('%s: from 09:00 yesterday on the local clock to now', (_, zone, now, from) => {
    expect(presetPeriod('yesterday-0900', at(now), zone)).toEqual({ name: 'yesterday-0900', from: at(from), to: at(now), timeZone: zone });
  });

  it('the spring night makes the period an hour shorter than the autumn one, each morning at 10:00', () => {
    const spring = presetPeriod('yesterday-0900', at('2026-03-29T08:00:00Z'), 'Europe/Berlin');
    const autumn = presetPeriod('yesterday-0900', at('2026-10-25T09:00:00Z'), 'Europe/Berlin');
    expect((spring.to - spring.from) / HOUR).toBe(24);
    expect((autumn.to - autumn.from) / HOUR).toBe(26);
  });
});

it.each([
  ['7d', 7],
  ['30d', 30],
  ['90d', 90],
] as const)('%s is that many 24-hour days back from now, as the server counts its windows', (name, days) => {
  const now = at('2026-12-01T14:13:50Z');
  expect(presetPeriod(name, now, 'Europe/Berlin')).toEqual({ name, from: now - days * 24 * HOUR, to: now, timeZone: 'Europe/Berlin' });
});

describe('a from–to of whole days', () => {
  const now = at('2026-12-01T14:13:50Z');

  it('runs from the first day’s local midnight to the end of the last day', () => {
    expect(dayRangePeriod('2026-11-02', '2026-11-03', now, 'Europe/Berlin')).toEqual({
      name: 'custom',
      from: at('2026-11-01T23:00:00Z'),
      to: at('2026-11-03T23:00:00Z'),
      timeZone: 'Europe/Berlin',
    });
  });

  it('one day across the spring change is 23 hours long', () => {
    const period = dayRangePeriod('2026-03-29', '2026-03-29', now, 'Europe/Berlin')!;
    expect((period.to - period.from) / HOUR).toBe(23);
  });

  it('ending today, it ends now', () => {
    expect(dayRangePeriod('2026-11-30', '2026-12-01', now, 'Europe/Berlin')?.to).toBe(now);
  });

  it.each([
    ['backwards', '2026-11-03', '2026-11-02'],
    ['in the future', '2026-12-05', '2026-12-06'],
    ['not a day', '2026-02-30', '2026-03-01'],
    ['empty', '', '2026-03-01'],
  ])('%s is refused', (_, fromDay, toDay) => {
    expect(dayRangePeriod(fromDay, toDay, now, 'Europe/Berlin')).toBeNull();
  });

  it('the days shown in the inputs are those the period starts and ends on', () => {
    const period = dayRangePeriod('2026-11-02', '2026-11-03', now, 'Europe/Berlin')!;
    expect(periodDays(period)).toEqual({ fromDay: '2026-11-02', toDay: '2026-11-03' });
  });
});
