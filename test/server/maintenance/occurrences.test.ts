import { describe, expect, it } from 'vitest';
import { maintenanceSchema } from '../../../server/maintenance/config';
import { nextOccurrence, occurrences } from '../../../server/maintenance/calendar';
import { epochToPlain } from '../../../server/oncall/local-time';

const at = (iso: string) => Date.parse(iso);
const show = (list: Array<{ from: number; until: number }>) => list.map((o) => `${new Date(o.from).toISOString()} → ${new Date(o.until).toISOString()}`);

/** A window read by the config schema, as the calendar gets it. */
const window = (fields: Record<string, unknown>) => maintenanceSchema.parse({ id: 'w', services: ['orders-db'], ...fields });

describe('a cron window in Europe/London', () => {
  it('starts at the same local time every day on both sides of the clock changes, lasting its duration', () => {
    const nightly = window({ timezone: 'Europe/London', cron: '0 2 * * *', duration: '30m' });
    expect(show(occurrences(nightly, at('2026-03-27T12:00Z'), at('2026-03-30T12:00Z')))).toEqual([
      '2026-03-28T02:00:00.000Z → 2026-03-28T02:30:00.000Z', // 02:00 GMT
      '2026-03-29T01:00:00.000Z → 2026-03-29T01:30:00.000Z', // 02:00 BST, the instant the clocks jump to it
      '2026-03-30T01:00:00.000Z → 2026-03-30T01:30:00.000Z',
    ]);
    expect(show(occurrences(nightly, at('2026-10-23T12:00Z'), at('2026-10-26T12:00Z')))).toEqual([
      '2026-10-24T01:00:00.000Z → 2026-10-24T01:30:00.000Z', // 02:00 BST
      '2026-10-25T02:00:00.000Z → 2026-10-25T02:30:00.000Z', // 02:00 GMT, after the hour shown twice
      '2026-10-26T02:00:00.000Z → 2026-10-26T02:30:00.000Z',
    ]);
  });

  it('on the spring-forward night moves a start the clocks skip on by the jump (01:30 → 02:30 BST)', () => {
    const nightly = window({ timezone: 'Europe/London', cron: '30 1 * * *', duration: '30m' });
    expect(show(occurrences(nightly, at('2026-03-28T12:00Z'), at('2026-03-30T12:00Z')))).toEqual([
      '2026-03-29T01:30:00.000Z → 2026-03-29T02:00:00.000Z', // 02:30 BST
      '2026-03-30T00:30:00.000Z → 2026-03-30T01:00:00.000Z', // 01:30 BST
    ]);
  });

  it('on the fall-back night starts once, at the first of the two times the clocks show', () => {
    const nightly = window({ timezone: 'Europe/London', cron: '30 1 * * *', duration: '30m' });
    expect(show(occurrences(nightly, at('2026-10-24T12:00Z'), at('2026-10-26T12:00Z')))).toEqual([
      '2026-10-25T00:30:00.000Z → 2026-10-25T01:00:00.000Z', // 01:30 BST; not again at 01:30 GMT
      '2026-10-26T01:30:00.000Z → 2026-10-26T02:00:00.000Z', // 01:30 GMT
    ]);
  });

  it('every half hour across the skipped hour gives each instant once, every half hour of real time', () => {
    const often = window({ timezone: 'Europe/London', cron: '*/30 * * * *', duration: '10m' });
    expect(occurrences(often, at('2026-03-29T00:00Z'), at('2026-03-29T03:00Z')).map((o) => new Date(o.from).toISOString().slice(11, 16))).toEqual([
      '00:00',
      '00:30',
      '01:00',
      '01:30',
      '02:00',
      '02:30',
    ]);
  });

  it('lasts its duration in real time, across the jump', () => {
    const night = window({ timezone: 'Europe/London', cron: '30 0 29 3 *', duration: '2h' });
    // 00:30 GMT for two hours: until 02:30 GMT, which the clocks show as 03:30 BST.
    expect(show(occurrences(night, at('2026-03-28T00:00Z'), at('2026-03-30T00:00Z')))).toEqual(['2026-03-29T00:30:00.000Z → 2026-03-29T02:30:00.000Z']);
  });
});

describe('a cron window in other zones', () => {
  it('in New York, 02:30 on the night the clocks skip it is 03:30 daylight time', () => {
    const nightly = window({ timezone: 'America/New_York', cron: '30 2 * * *', duration: '15m' });
    expect(show(occurrences(nightly, at('2026-03-07T12:00Z'), at('2026-03-09T12:00Z')))).toEqual([
      '2026-03-08T07:30:00.000Z → 2026-03-08T07:45:00.000Z',
      '2026-03-09T06:30:00.000Z → 2026-03-09T06:45:00.000Z',
    ]);
  });

  it('in Samoa, the day that never was (30 December 2011) gives no start of its own', () => {
    const nightly = window({ timezone: 'Pacific/Apia', cron: '0 2 * * *', duration: '30m' });
    const local = occurrences(nightly, at('2011-12-28T00:00Z'), at('2011-12-31T12:00Z')).map((o) =>
      epochToPlain(o.from, 'Pacific/Apia').toString().slice(0, 16),
    );
    expect(local).toEqual(['2011-12-28T02:00', '2011-12-29T02:00', '2011-12-31T02:00']);
  });

  it('in UTC by default', () => {
    expect(show(occurrences(window({ cron: '0 2 * * *', duration: '1h' }), at('2026-07-01T00:00Z'), at('2026-07-02T00:00Z')))).toEqual([
      '2026-07-01T02:00:00.000Z → 2026-07-01T03:00:00.000Z',
    ]);
  });
});

describe('an rrule window', () => {
  it('weekly on Sundays at 03:00 London time keeps 03:00 local across the spring change', () => {
    const weekly = window({ timezone: 'Europe/London', from: '2026-01-01T00:00', rrule: 'FREQ=WEEKLY;BYDAY=SU;BYHOUR=3;BYMINUTE=0', duration: '1h' });
    expect(show(occurrences(weekly, at('2026-03-20T00:00Z'), at('2026-04-06T00:00Z')))).toEqual([
      '2026-03-22T03:00:00.000Z → 2026-03-22T04:00:00.000Z',
      '2026-03-29T02:00:00.000Z → 2026-03-29T03:00:00.000Z',
      '2026-04-05T02:00:00.000Z → 2026-04-05T03:00:00.000Z',
    ]);
  });

  it('starts at `from` only when the rule gives it: a Saturday `from` of a Sundays rule is not a start', () => {
    const weekly = window({ from: '2026-12-05T22:00', rrule: 'FREQ=WEEKLY;BYDAY=SU;BYHOUR=3;BYMINUTE=0', duration: '1h' });
    expect(show(occurrences(weekly, at('2026-12-01T00:00Z'), at('2026-12-14T00:00Z')))).toEqual([
      '2026-12-06T03:00:00.000Z → 2026-12-06T04:00:00.000Z',
      '2026-12-13T03:00:00.000Z → 2026-12-13T04:00:00.000Z',
    ]);
  });

  it('takes its time of day from `from` when the rule gives none, and nothing before `from`', () => {
    const daily = window({ from: '2026-12-05T22:00', rrule: 'FREQ=DAILY', duration: '1h' });
    expect(show(occurrences(daily, at('2026-12-01T00:00Z'), at('2026-12-07T00:00Z')))).toEqual([
      '2026-12-05T22:00:00.000Z → 2026-12-05T23:00:00.000Z',
      '2026-12-06T22:00:00.000Z → 2026-12-06T23:00:00.000Z',
    ]);
  });

  it('counts INTERVAL from `from`', () => {
    const fortnightly = window({ from: '2026-01-04T03:00', rrule: 'FREQ=WEEKLY;INTERVAL=2;BYDAY=SU', duration: '1h' });
    expect(occurrences(fortnightly, at('2026-01-01T00:00Z'), at('2026-02-10T00:00Z')).map((o) => new Date(o.from).toISOString().slice(0, 10))).toEqual([
      '2026-01-04',
      '2026-01-18',
      '2026-02-01',
    ]);
  });

  it('ends after COUNT starts, or with the last start on or before UNTIL', () => {
    const counted = window({ from: '2026-12-01T03:00', rrule: 'FREQ=DAILY;COUNT=2', duration: '1h' });
    expect(occurrences(counted, at('2026-11-01T00:00Z'), at('2027-01-01T00:00Z'))).toHaveLength(2);
    const until = window({ timezone: 'Europe/London', from: '2026-12-01T03:00', rrule: 'FREQ=DAILY;UNTIL=20261203', duration: '1h' });
    expect(occurrences(until, at('2026-11-01T00:00Z'), at('2027-01-01T00:00Z')).map((o) => new Date(o.from).toISOString().slice(0, 10))).toEqual([
      '2026-12-01',
      '2026-12-02',
      '2026-12-03',
    ]);
  });

  it('on days some months lack, starts only on the days that exist (never rolled over into the next month)', () => {
    const monthEnd = window({ from: '2026-01-01T03:00', rrule: 'FREQ=MONTHLY;BYMONTHDAY=31', duration: '1h' });
    expect(occurrences(monthEnd, at('2026-01-01T00:00Z'), at('2026-06-01T00:00Z')).map((o) => new Date(o.from).toISOString().slice(0, 10))).toEqual([
      '2026-01-31',
      '2026-03-31',
      '2026-05-31',
    ]);
    const leapDay = window({ from: '2026-01-01T03:00', rrule: 'FREQ=YEARLY;BYMONTH=2;BYMONTHDAY=29', duration: '1h' });
    expect(occurrences(leapDay, at('2026-01-01T00:00Z'), at('2033-01-01T00:00Z')).map((o) => new Date(o.from).toISOString().slice(0, 10))).toEqual([
      '2028-02-29',
      '2032-02-29',
    ]);
    const lastSunday = window({ from: '2026-01-01T03:00', rrule: 'FREQ=MONTHLY;BYDAY=-1SU', duration: '1h' });
    expect(occurrences(lastSunday, at('2026-01-01T00:00Z'), at('2026-04-01T00:00Z')).map((o) => new Date(o.from).toISOString().slice(0, 10))).toEqual([
      '2026-01-25',
      '2026-02-22',
      '2026-03-29',
    ]);
  });
});

describe('which occurrences overlap the time asked about', () => {
  const oneOff = window({ from: '2026-12-05T22:00', to: '2026-12-06T02:00' });
  const from = at('2026-12-05T22:00Z');
  const until = at('2026-12-06T02:00Z');

  it.each([
    ['the window itself', from, until, 1],
    ['a time within it', from + 1, from + 2, 1],
    ['a time that begins at its last moment', until - 1, until + 10, 1],
    ['a time that ends as it starts', from - 10, from, 0],
    ['a time that begins as it ends', until, until + 10, 0],
    ['an empty time', from + 5, from + 5, 0],
  ])('%s: [from, until) is the rule', (_what, a, b, count) => {
    expect(occurrences(oneOff, a, b)).toHaveLength(count);
  });

  it('includes a recurring occurrence that began before the time asked about and is still going', () => {
    const nightly = window({ cron: '0 2 * * *', duration: '3h' });
    expect(show(occurrences(nightly, at('2026-07-01T04:00Z'), at('2026-07-01T05:00Z')))).toEqual(['2026-07-01T02:00:00.000Z → 2026-07-01T05:00:00.000Z']);
    expect(occurrences(nightly, at('2026-07-01T05:00Z'), at('2026-07-02T02:00Z'))).toEqual([]);
  });

  it('keeps every occurrence when they overlap one another', () => {
    const overlapping = window({ cron: '0 * * * *', duration: '90m' });
    expect(show(occurrences(overlapping, at('2026-07-01T02:00Z'), at('2026-07-01T03:00Z')))).toEqual([
      '2026-07-01T01:00:00.000Z → 2026-07-01T02:30:00.000Z',
      '2026-07-01T02:00:00.000Z → 2026-07-01T03:30:00.000Z',
    ]);
  });
});

describe('the next occurrence of a window', () => {
  it('is found however far ahead within ten years, and starts at or after the time given', () => {
    const yearly = window({ cron: '0 3 1 1 *', duration: '1h' });
    expect(nextOccurrence(yearly, at('2026-01-01T03:00Z'))).toEqual({ from: at('2026-01-01T03:00Z'), until: at('2026-01-01T04:00Z') });
    expect(nextOccurrence(yearly, at('2026-01-01T03:00:01Z'))?.from).toBe(at('2027-01-01T03:00Z'));
  });

  it('is null when none starts before the limit given, or when the rule has ended', () => {
    expect(nextOccurrence(window({ cron: '0 3 1 1 *', duration: '1h' }), at('2026-06-01T00:00Z'), at('2026-12-31T00:00Z'))).toBeNull();
    expect(nextOccurrence(window({ from: '2026-12-01T03:00', rrule: 'FREQ=DAILY;COUNT=2', duration: '1h' }), at('2026-12-03T00:00Z'))).toBeNull();
    expect(nextOccurrence(window({ from: '2026-12-05T22:00', duration: '1h' }), at('2026-12-05T22:00:01Z'))).toBeNull();
  });
});
