import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Weekday, WorkingHours } from '../../../server/notify/config';
import { isWorkingTime, workingMinutes } from '../../../server/notify/working-hours';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

const utc = (iso: string) => Date.parse(`${iso}Z`);
const weekdays: Weekday[] = ['mon', 'tue', 'wed', 'thu', 'fri'];
const office: WorkingHours = { days: weekdays, from: '09:00', to: '17:00' };
/** A night shift starting on Fridays only: it belongs to the Friday, though most of it is on Saturday. */
const fridayNights: WorkingHours = { days: ['fri'], from: '22:00', to: '06:00' };

describe('whether an instant is in working hours', () => {
  // 5 January 2026 is a Monday; London is on UTC in winter.
  it.each([
    ['Monday 09:00 is the first minute in', '2026-01-05T09:00', true],
    ['Monday 08:59:59.999 is still before', '2026-01-05T08:59:59.999', false],
    ['Monday 16:59 is in', '2026-01-05T16:59', true],
    ['Monday 17:00 is the first minute out', '2026-01-05T17:00', false],
    ['Friday noon is in', '2026-01-09T12:00', true],
    ['Saturday noon is out: not a working day', '2026-01-10T12:00', false],
    ['Sunday noon is out', '2026-01-11T12:00', false],
    ['Monday 03:00 is out', '2026-01-05T03:00', false],
  ])('%s', (_name, at, expected) => {
    expect(isWorkingTime(office, 'Europe/London', utc(at))).toBe(expected);
  });

  it('reads the hours by the wall clock of the zone: 09:00 in London in summer is 08:00 UTC', () => {
    expect(isWorkingTime(office, 'Europe/London', utc('2026-07-06T08:00'))).toBe(true);
    expect(isWorkingTime(office, 'Europe/London', utc('2026-07-06T07:59'))).toBe(false);
    expect(isWorkingTime(office, 'Europe/London', utc('2026-07-06T16:00'))).toBe(false);
  });

  it('reads the day by the zone too', () => {
    // Friday 9 January 2026 16:30 in Los Angeles is Saturday 00:30 UTC.
    expect(isWorkingTime(office, 'America/Los_Angeles', utc('2026-01-10T00:30'))).toBe(true);
    expect(isWorkingTime(office, 'UTC', utc('2026-01-10T00:30'))).toBe(false);
    // Monday 5 January 2026 09:30 in Tokyo is Monday 00:30 UTC.
    expect(isWorkingTime(office, 'Asia/Tokyo', utc('2026-01-05T00:30'))).toBe(true);
    expect(isWorkingTime(office, 'UTC', utc('2026-01-05T00:30'))).toBe(false);
  });

  it('takes only the days listed', () => {
    const weekends: WorkingHours = { days: ['sat', 'sun'], from: '10:00', to: '14:00' };
    expect(isWorkingTime(weekends, 'UTC', utc('2026-01-10T11:00'))).toBe(true);
    expect(isWorkingTime(weekends, 'UTC', utc('2026-01-11T13:59'))).toBe(true);
    expect(isWorkingTime(weekends, 'UTC', utc('2026-01-12T11:00'))).toBe(false);
  });

  it('is never working time when no day is listed', () => {
    const none: WorkingHours = { days: [], from: '09:00', to: '17:00' };
    expect(isWorkingTime(none, 'UTC', utc('2026-01-05T12:00'))).toBe(false);
  });

  describe('hours that run past midnight', () => {
    it.each([
      ['Friday 22:00 begins the shift', '2026-01-09T22:00', true],
      ['Friday 21:59 is before it', '2026-01-09T21:59', false],
      ['Saturday 03:00 is in Friday night', '2026-01-10T03:00', true],
      ['Saturday 05:59 is its last minute', '2026-01-10T05:59', true],
      ['Saturday 06:00 is out', '2026-01-10T06:00', false],
      ['Saturday 22:30 is out: Saturday night is not listed', '2026-01-10T22:30', false],
      ['Friday 05:00 is out: it would be Thursday night', '2026-01-09T05:00', false],
      ['Thursday 23:00 is out', '2026-01-08T23:00', false],
    ])('%s', (_name, at, expected) => {
      expect(isWorkingTime(fridayNights, 'UTC', utc(at))).toBe(expected);
    });
  });

  describe('on the days the clocks change', () => {
    // London, Sunday 29 March 2026: at 01:00 UTC the clocks jump from 01:00 GMT to 02:00 BST.
    it('hours that begin in the hour the clocks skip begin when the clocks jump past it', () => {
      const early: WorkingHours = { days: ['sun'], from: '01:30', to: '04:00' };
      expect(isWorkingTime(early, 'Europe/London', utc('2026-03-29T00:59'))).toBe(false);
      expect(isWorkingTime(early, 'Europe/London', utc('2026-03-29T01:00'))).toBe(true); // 02:00 BST
      expect(isWorkingTime(early, 'Europe/London', utc('2026-03-29T02:59'))).toBe(true); // 03:59 BST
      expect(isWorkingTime(early, 'Europe/London', utc('2026-03-29T03:00'))).toBe(false); // 04:00 BST
    });

    it('hours that end in the skipped hour end when the clocks jump', () => {
      const night: WorkingHours = { days: ['sat'], from: '22:00', to: '01:30' };
      expect(isWorkingTime(night, 'Europe/London', utc('2026-03-29T00:59'))).toBe(true); // 00:59 GMT
      expect(isWorkingTime(night, 'Europe/London', utc('2026-03-29T01:00'))).toBe(false); // 02:00 BST
    });

    // London, Sunday 25 October 2026: at 01:00 UTC the clocks go back from 02:00 BST to 01:00 GMT.
    it('hours that end in the hour shown twice end the first time the clock shows it', () => {
      const night: WorkingHours = { days: ['sat'], from: '22:00', to: '01:30' };
      expect(isWorkingTime(night, 'Europe/London', utc('2026-10-25T00:15'))).toBe(true); // 01:15 BST
      expect(isWorkingTime(night, 'Europe/London', utc('2026-10-25T00:30'))).toBe(false); // 01:30 BST
      expect(isWorkingTime(night, 'Europe/London', utc('2026-10-25T01:15'))).toBe(false); // 01:15 GMT, the second showing
    });

    it('hours that begin in the hour shown twice begin the first time', () => {
      const late: WorkingHours = { days: ['sun'], from: '01:30', to: '03:00' };
      expect(isWorkingTime(late, 'Europe/London', utc('2026-10-25T00:29'))).toBe(false); // 01:29 BST
      expect(isWorkingTime(late, 'Europe/London', utc('2026-10-25T00:30'))).toBe(true); // 01:30 BST
      expect(isWorkingTime(late, 'Europe/London', utc('2026-10-25T01:10'))).toBe(true); // 01:10 GMT: within the span
    });

    // Santiago, 5 April 2026: as the clocks would show Sunday 00:00 (UTC−3) they go back to Saturday 23:00 (UTC−4).
    it('when the clocks go back at midnight, Saturday ends and Sunday begins by the clock', () => {
      const saturdayEvening: WorkingHours = { days: ['sat'], from: '18:00', to: '23:30' };
      expect(isWorkingTime(saturdayEvening, 'America/Santiago', utc('2026-04-05T02:29'))).toBe(true); // Sat 23:29 −3
      expect(isWorkingTime(saturdayEvening, 'America/Santiago', utc('2026-04-05T02:30'))).toBe(false); // Sat 23:30 −3
      expect(isWorkingTime(saturdayEvening, 'America/Santiago', utc('2026-04-05T03:15'))).toBe(false); // Sat 23:15 −4, shown again
      const sundayMorning: WorkingHours = { days: ['sun'], from: '00:00', to: '08:00' };
      expect(isWorkingTime(sundayMorning, 'America/Santiago', utc('2026-04-05T03:30'))).toBe(false); // Sat 23:30 −4
      expect(isWorkingTime(sundayMorning, 'America/Santiago', utc('2026-04-05T04:00'))).toBe(true); // Sun 00:00 −4
      expect(isWorkingTime(sundayMorning, 'America/Santiago', utc('2026-04-05T11:59'))).toBe(true); // Sun 07:59 −4
      expect(isWorkingTime(sundayMorning, 'America/Santiago', utc('2026-04-05T12:00'))).toBe(false);
    });

    // Samoa went from UTC−10 to UTC+14 by skipping Friday 30 December 2011 altogether.
    it('a working day the calendar skips has no working hours', () => {
      // Saturday 24 December 00:00 to Sunday 1 January 00:00, local: a week of UTC with four working days.
      expect(workingMinutes(office, 'Pacific/Apia', utc('2011-12-24T10:00'), utc('2011-12-31T10:00'))).toEqual({
        inHours: 4 * 8 * HOUR,
        outOfHours: 7 * DAY - 4 * 8 * HOUR,
      });
      expect(isWorkingTime(office, 'Pacific/Apia', utc('2011-12-29T20:00'))).toBe(true); // Thursday 10:00 −10
      expect(isWorkingTime(office, 'Pacific/Apia', utc('2011-12-30T20:00'))).toBe(false); // Saturday 10:00 +14
    });
  });
});

describe('how much of a span was in working hours', () => {
  it('a week of office hours is 40 hours in, 128 out', () => {
    expect(workingMinutes(office, 'UTC', utc('2026-01-05T00:00'), utc('2026-01-12T00:00'))).toEqual({ inHours: 40 * HOUR, outOfHours: 128 * HOUR });
  });

  it('an incident from Friday 16:00 to Monday 10:00 was two hours in and the weekend out', () => {
    const split = workingMinutes(office, 'Europe/London', utc('2026-01-09T16:00'), utc('2026-01-12T10:00'));
    expect(split).toEqual({ inHours: 2 * HOUR, outOfHours: 64 * HOUR });
  });

  it('an incident wholly inside one day is all in, one wholly at night all out', () => {
    expect(workingMinutes(office, 'UTC', utc('2026-01-06T10:00'), utc('2026-01-06T10:25'))).toEqual({ inHours: 25 * MINUTE, outOfHours: 0 });
    expect(workingMinutes(office, 'UTC', utc('2026-01-06T02:00'), utc('2026-01-06T02:25'))).toEqual({ inHours: 0, outOfHours: 25 * MINUTE });
  });

  it('an empty or backward span is none of either', () => {
    expect(workingMinutes(office, 'UTC', utc('2026-01-06T10:00'), utc('2026-01-06T10:00'))).toEqual({ inHours: 0, outOfHours: 0 });
    expect(workingMinutes(office, 'UTC', utc('2026-01-06T11:00'), utc('2026-01-06T10:00'))).toEqual({ inHours: 0, outOfHours: 0 });
  });

  it('counts a night shift whole, on either side of midnight', () => {
    expect(workingMinutes(fridayNights, 'UTC', utc('2026-01-09T12:00'), utc('2026-01-10T12:00'))).toEqual({ inHours: 8 * HOUR, outOfHours: 16 * HOUR });
    expect(workingMinutes(fridayNights, 'UTC', utc('2026-01-10T00:00'), utc('2026-01-10T12:00'))).toEqual({ inHours: 6 * HOUR, outOfHours: 6 * HOUR });
  });

  it('a night shift is an hour shorter the night the clocks go forward and an hour longer when they go back', () => {
    const saturdayNights: WorkingHours = { days: ['sat'], from: '22:00', to: '06:00' };
    const spring = workingMinutes(saturdayNights, 'Europe/London', utc('2026-03-28T12:00'), utc('2026-03-29T12:00'));
    expect(spring.inHours).toBe(7 * HOUR);
    const autumn = workingMinutes(saturdayNights, 'Europe/London', utc('2026-10-24T12:00'), utc('2026-10-25T12:00'));
    expect(autumn.inHours).toBe(9 * HOUR);
  });

  it('a working week across a clock change is still five days of eight hours', () => {
    // New York moves its clocks on Sunday 8 March 2026; the span is Friday evening to Friday evening there.
    expect(workingMinutes(office, 'America/New_York', utc('2026-03-07T00:00'), utc('2026-03-14T00:00')).inHours).toBe(40 * HOUR);
  });

  const zones = ['UTC', 'Europe/London', 'America/New_York', 'America/Santiago', 'Australia/Lord_Howe', 'Asia/Kolkata'];
  const clock = fc.integer({ min: 0, max: 95 }).map((q) => `${String(Math.floor(q / 4)).padStart(2, '0')}:${String((q % 4) * 15).padStart(2, '0')}`);
  const anyHours: fc.Arbitrary<WorkingHours> = fc
    .record({ days: fc.subarray(['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'] as Weekday[]), from: clock, to: clock })
    .filter((h) => h.from !== h.to);
  /** Starts on a quarter hour, often near a clock change of the zones above. */
  const anyStart = fc
    .record({
      day: fc.oneof(
        fc.constantFrom('2026-03-08', '2026-03-29', '2026-04-05', '2026-04-05', '2026-10-04', '2026-10-25', '2026-11-01'),
        fc.constant('2026-06-15'),
      ),
      quarter: fc.integer({ min: -4 * 48, max: 4 * 48 }),
    })
    .map(({ day, quarter }) => utc(`${day}T00:00`) + quarter * 15 * MINUTE);

  it('in hours and out of hours add up to the whole span, and two halves to the whole', () => {
    fc.assert(
      fc.property(
        anyHours,
        fc.constantFrom(...zones),
        anyStart,
        fc.integer({ min: 0, max: 20 * DAY }),
        fc.double({ min: 0, max: 1, noNaN: true }),
        (hours, zone, from, length, cut) => {
          const to = from + length;
          const mid = from + Math.floor(length * cut);
          const whole = workingMinutes(hours, zone, from, to);
          const first = workingMinutes(hours, zone, from, mid);
          const second = workingMinutes(hours, zone, mid, to);
          expect(whole.inHours + whole.outOfHours).toBe(length);
          expect(whole.inHours).toBeGreaterThanOrEqual(0);
          expect(whole.outOfHours).toBeGreaterThanOrEqual(0);
          expect(first.inHours + second.inHours).toBe(whole.inHours);
        },
      ),
      { numRuns: 150 },
    );
  });

  it('agrees with isWorkingTime minute by quarter hour', () => {
    fc.assert(
      fc.property(anyHours, fc.constantFrom(...zones), anyStart, (hours, zone, from) => {
        // Every bound and every clock change of these zones falls on a quarter hour, so each quarter is wholly in or out.
        const quarters = 4 * 24 * 3;
        let counted = 0;
        for (let q = 0; q < quarters; q += 1) if (isWorkingTime(hours, zone, from + q * 15 * MINUTE)) counted += 15 * MINUTE;
        expect(workingMinutes(hours, zone, from, from + quarters * 15 * MINUTE).inHours).toBe(counted);
      }),
      { numRuns: 40 },
    );
  });
});
