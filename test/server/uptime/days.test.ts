import { describe, expect, it } from 'vitest';
import { calendarDays, startOfLocalDay } from '../../../server/uptime/days';

const HOUR = 3_600_000;
const utc = (iso: string) => Date.parse(`${iso}Z`);
/** Each day as `[day, hours long]`. */
const lengths = (days: ReturnType<typeof calendarDays>) => days.map(({ day, from, to }) => [day, (to - from) / HOUR]);

describe('the local calendar days a window touches', () => {
  it('in Berlin, 29 March 2026 is 23 hours long: the clocks go forward', () => {
    // Berlin midnight of 28 March (CET, +01:00) to midnight of 31 March (CEST, +02:00).
    const days = calendarDays({ from: utc('2026-03-27T23:00'), to: utc('2026-03-30T22:00') }, 'Europe/Berlin');
    expect(lengths(days)).toEqual([
      ['2026-03-28', 24],
      ['2026-03-29', 23],
      ['2026-03-30', 24],
    ]);
    expect(days[1]).toEqual({ day: '2026-03-29', from: utc('2026-03-28T23:00'), to: utc('2026-03-29T22:00') });
  });

  it('in Berlin, 25 October 2026 is 25 hours long: the clocks go back', () => {
    const days = calendarDays({ from: utc('2026-10-23T22:00'), to: utc('2026-10-26T23:00') }, 'Europe/Berlin');
    expect(lengths(days)).toEqual([
      ['2026-10-24', 24],
      ['2026-10-25', 25],
      ['2026-10-26', 24],
    ]);
    expect(days[1]).toEqual({ day: '2026-10-25', from: utc('2026-10-24T22:00'), to: utc('2026-10-25T23:00') });
  });

  it('in Kathmandu, days begin at 18:15 UTC (+05:45), so a UTC day touches two of them', () => {
    expect(calendarDays({ from: utc('2026-03-10T00:00'), to: utc('2026-03-11T00:00') }, 'Asia/Kathmandu')).toEqual([
      { day: '2026-03-10', from: utc('2026-03-10T00:00'), to: utc('2026-03-10T18:15') },
      { day: '2026-03-11', from: utc('2026-03-10T18:15'), to: utc('2026-03-11T00:00') },
    ]);
  });

  it('clips the first and last day to the window', () => {
    expect(calendarDays({ from: utc('2026-07-01T09:30'), to: utc('2026-07-02T15:00') }, 'UTC')).toEqual([
      { day: '2026-07-01', from: utc('2026-07-01T09:30'), to: utc('2026-07-02T00:00') },
      { day: '2026-07-02', from: utc('2026-07-02T00:00'), to: utc('2026-07-02T15:00') },
    ]);
  });

  it('does not touch the next day when the window ends at midnight', () => {
    expect(lengths(calendarDays({ from: utc('2026-07-01T00:00'), to: utc('2026-07-02T00:00') }, 'UTC'))).toEqual([['2026-07-01', 24]]);
  });

  it('names the day as the zone sees it, not as UTC does', () => {
    // 23:30 UTC on 1 July is already 2 July in Berlin.
    expect(calendarDays({ from: utc('2026-07-01T23:30'), to: utc('2026-07-01T23:45') }, 'Europe/Berlin')).toEqual([
      { day: '2026-07-02', from: utc('2026-07-01T23:30'), to: utc('2026-07-01T23:45') },
    ]);
  });

  it('splits a year from noon to noon into 366 days, end to end, that add up to it exactly', () => {
    const window = { from: utc('2025-06-01T12:00'), to: utc('2026-06-01T12:00') };
    const days = calendarDays(window, 'Europe/Berlin');
    expect(days).toHaveLength(366);
    expect(days.reduce((sum, { from, to }) => sum + (to - from), 0)).toBe(window.to - window.from);
    expect(days.every((d, i) => i === 0 || d.from === days[i - 1]!.to)).toBe(true);
  });

  it('is empty for an empty window', () => {
    expect(calendarDays({ from: utc('2026-07-01T09:00'), to: utc('2026-07-01T09:00') }, 'UTC')).toEqual([]);
  });

  it('refuses a time zone that does not exist', () => {
    expect(() => calendarDays({ from: utc('2026-07-01T09:00'), to: utc('2026-07-02T09:00') }, 'Europe/Lndon')).toThrow(RangeError);
  });
});

describe('the start of the local day', () => {
  it.each([
    ['Berlin on the day the clocks go forward: midnight was still winter time', utc('2026-03-29T12:00'), 'Europe/Berlin', utc('2026-03-28T23:00')],
    ['Berlin on the day the clocks go back: midnight was still summer time', utc('2026-10-25T12:00'), 'Europe/Berlin', utc('2026-10-24T22:00')],
    ['Kathmandu, a quarter of an hour off the hour', utc('2026-03-10T00:00'), 'Asia/Kathmandu', utc('2026-03-09T18:15')],
    ['at midnight itself', utc('2026-03-09T18:15'), 'Asia/Kathmandu', utc('2026-03-09T18:15')],
    ['New York, behind UTC, the evening before in UTC', utc('2026-07-01T03:00'), 'America/New_York', utc('2026-06-30T04:00')],
  ])('%s', (_case, at, zone, start) => {
    expect(startOfLocalDay(at, zone)).toBe(start);
  });
});
