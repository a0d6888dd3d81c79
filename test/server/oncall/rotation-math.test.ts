import { describe, expect, it } from 'vitest';
import { localToEpoch } from '../../../server/oncall/local-time';
import { rotationShifts, type Rotation } from '../../../server/oncall/rotation-math';
import type { Shift } from '../../../server/oncall/types';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const WEEK = 7 * DAY;

const utc = (iso: string) => Date.parse(`${iso}Z`);
const local = (time: string, zone: string) => localToEpoch(time, zone)!;

/** Shifts as `person from→to` in UTC, so a table reads like a timetable. */
const timetable = (shifts: Shift[]) =>
  shifts.map(({ who, from, to }) => `${who.personId} ${new Date(from).toISOString().slice(0, 16)}→${new Date(to).toISOString().slice(0, 16)}`);

const weekly: Rotation = { timeZone: 'Europe/London', shift: WEEK, start: '2026-01-05T09:00', members: ['alice', 'bob', 'carol'] };

/** Who is on call at `at`, asking for that instant alone. */
const onCallAt = (rotation: Rotation, at: number) => rotationShifts(rotation, { from: at, to: at + 1 }).map((s) => s.who.personId);

describe('a weekly rotation', () => {
  it.each([
    ['at its start, the first member', '2026-01-05T09:00', ['alice']],
    ['a millisecond before the first handover, still the first', '2026-01-12T08:59:59.999', ['alice']],
    ['at the first handover, the second', '2026-01-12T09:00', ['bob']],
    ['in the third week, the third', '2026-01-22T12:00', ['carol']],
    ['in the fourth week, the first again', '2026-01-26T09:00', ['alice']],
    ['in week 46 (counting from 0), past two clock changes, members[46 mod 3]', '2026-11-25T12:00', ['bob']],
  ])('%s', (_name, at, expected) => {
    expect(onCallAt(weekly, utc(at))).toEqual(expected);
  });

  it('gives whole shifts, not cut at the window, sorted', () => {
    expect(timetable(rotationShifts(weekly, { from: utc('2026-01-10T00:00'), to: utc('2026-01-20T00:00') }))).toEqual([
      'alice 2026-01-05T09:00→2026-01-12T09:00',
      'bob 2026-01-12T09:00→2026-01-19T09:00',
      'carol 2026-01-19T09:00→2026-01-26T09:00',
    ]);
  });

  it('has nobody on call before its start: it does not run backwards', () => {
    expect(rotationShifts(weekly, { from: utc('2025-12-01T00:00'), to: utc('2026-01-05T09:00') })).toEqual([]);
    expect(onCallAt(weekly, utc('2026-01-05T08:59:59.999'))).toEqual([]);
    expect(timetable(rotationShifts(weekly, { from: utc('2026-01-01T00:00'), to: utc('2026-01-06T00:00') }))).toEqual([
      'alice 2026-01-05T09:00→2026-01-12T09:00',
    ]);
  });

  it('a week across the clocks going forward is a week by the wall clock: 09:00 Monday to 09:00 Monday, 167 hours', () => {
    const shifts = rotationShifts({ ...weekly, start: '2026-03-23T09:00' }, { from: utc('2026-03-23T09:00'), to: utc('2026-03-23T10:00') });
    expect(timetable(shifts)).toEqual(['alice 2026-03-23T09:00→2026-03-30T08:00']);
    expect(shifts[0]!.to - shifts[0]!.from).toBe(WEEK - HOUR);
  });

  it('answers nothing for an empty window', () => {
    expect(rotationShifts(weekly, { from: utc('2026-02-01T00:00'), to: utc('2026-02-01T00:00') })).toEqual([]);
  });
});

describe('when the members list changes in the config', () => {
  it('the rotation is recomputed from its start with the new list, so who is on call now may change at once', () => {
    const now = utc('2026-02-04T12:00'); // week 4 (counting from 0) of the rotation
    expect(onCallAt(weekly, now)).toEqual(['bob']); // 4 mod 3 = 1
    expect(onCallAt({ ...weekly, members: ['alice', 'bob', 'carol', 'dave'] }, now)).toEqual(['alice']); // 4 mod 4 = 0
  });

  it('a new start with the new list hands over when the team chose', () => {
    const changed = { ...weekly, start: '2026-02-09T09:00', members: ['dave', 'alice', 'bob', 'carol'] };
    expect(onCallAt(changed, utc('2026-02-09T09:00'))).toEqual(['dave']);
    expect(onCallAt(changed, utc('2026-02-16T09:00'))).toEqual(['alice']);
  });
});

describe('daily and 12-hour shifts across the clocks changing', () => {
  const pair = ['ann', 'ben'];

  it.each([
    [
      'London, clocks forward (29 March): 09:00 local every day, the Saturday shift 23 hours',
      { timeZone: 'Europe/London', shift: DAY, start: '2026-03-27T09:00', members: pair },
      ['ann 2026-03-27T09:00→2026-03-28T09:00', 'ben 2026-03-28T09:00→2026-03-29T08:00', 'ann 2026-03-29T08:00→2026-03-30T08:00'],
    ],
    [
      'London, clocks back (25 October): 09:00 local every day, the Saturday shift 25 hours',
      { timeZone: 'Europe/London', shift: DAY, start: '2026-10-23T09:00', members: pair },
      ['ann 2026-10-23T08:00→2026-10-24T08:00', 'ben 2026-10-24T08:00→2026-10-25T09:00', 'ann 2026-10-25T09:00→2026-10-26T09:00'],
    ],
    [
      'London, 12h across the 23-hour day: 09:00→21:00→09:00 by the wall clock, the night 11 hours',
      { timeZone: 'Europe/London', shift: 12 * HOUR, start: '2026-03-28T09:00', members: pair },
      ['ann 2026-03-28T09:00→2026-03-28T21:00', 'ben 2026-03-28T21:00→2026-03-29T08:00', 'ann 2026-03-29T08:00→2026-03-29T20:00'],
    ],
    [
      'London, 12h across the 25-hour day: the night 13 hours',
      { timeZone: 'Europe/London', shift: 12 * HOUR, start: '2026-10-24T09:00', members: pair },
      ['ann 2026-10-24T08:00→2026-10-24T20:00', 'ben 2026-10-24T20:00→2026-10-25T09:00', 'ann 2026-10-25T09:00→2026-10-25T21:00'],
    ],
    [
      'New York, clocks forward (8 March): 09:00 local every day, the Saturday shift 23 hours',
      { timeZone: 'America/New_York', shift: DAY, start: '2026-03-06T09:00', members: pair },
      ['ann 2026-03-06T14:00→2026-03-07T14:00', 'ben 2026-03-07T14:00→2026-03-08T13:00', 'ann 2026-03-08T13:00→2026-03-09T13:00'],
    ],
    [
      'New York, clocks back (1 November): 09:00 local every day, the Saturday shift 25 hours',
      { timeZone: 'America/New_York', shift: DAY, start: '2026-10-30T09:00', members: pair },
      ['ann 2026-10-30T13:00→2026-10-31T13:00', 'ben 2026-10-31T13:00→2026-11-01T14:00', 'ann 2026-11-01T14:00→2026-11-02T14:00'],
    ],
    [
      'New York, 12h across the 23-hour day: 21:00→09:00 is 11 hours',
      { timeZone: 'America/New_York', shift: 12 * HOUR, start: '2026-03-07T09:00', members: pair },
      ['ann 2026-03-07T14:00→2026-03-08T02:00', 'ben 2026-03-08T02:00→2026-03-08T13:00', 'ann 2026-03-08T13:00→2026-03-09T01:00'],
    ],
    [
      'New York, 12h across the 25-hour day: 21:00→09:00 is 13 hours',
      { timeZone: 'America/New_York', shift: 12 * HOUR, start: '2026-10-31T09:00', members: pair },
      ['ann 2026-10-31T13:00→2026-11-01T01:00', 'ben 2026-11-01T01:00→2026-11-01T14:00', 'ann 2026-11-01T14:00→2026-11-02T02:00'],
    ],
  ])('%s', (_name, rotation, expected) => {
    const first = local(rotation.start, rotation.timeZone);
    const shifts = rotationShifts(rotation, { from: first, to: first + 2 * rotation.shift + 2 * HOUR });
    expect(timetable(shifts)).toEqual(expected);
  });
});

describe('a shift that begins at a time the clocks skip', () => {
  it('begins as if the clocks had not yet moved (01:30 → 02:30 summer time)', () => {
    const rotation = { timeZone: 'Europe/London', shift: DAY, start: '2026-03-28T01:30', members: ['ann', 'ben'] };
    expect(timetable(rotationShifts(rotation, { from: utc('2026-03-28T01:30'), to: utc('2026-03-30T00:00') }))).toEqual([
      'ann 2026-03-28T01:30→2026-03-29T01:30',
      'ben 2026-03-29T01:30→2026-03-30T00:30',
    ]);
  });

  it('is left out when that makes it begin with the next one, and the shift before runs on', () => {
    // Hourly from 00:30: the 01:30 shift would begin at 02:30 BST, as the 02:30 one does.
    const rotation = { timeZone: 'Europe/London', shift: HOUR, start: '2026-03-29T00:30', members: ['ann', 'ben', 'cat'] };
    expect(timetable(rotationShifts(rotation, { from: utc('2026-03-29T00:30'), to: utc('2026-03-29T03:00') }))).toEqual([
      'ann 2026-03-29T00:30→2026-03-29T01:30',
      'cat 2026-03-29T01:30→2026-03-29T02:30',
      'ann 2026-03-29T02:30→2026-03-29T03:30',
    ]);
  });

  it('never overlaps the next one, even where a whole day was skipped (Samoa, 30 December 2011)', () => {
    const rotation = { timeZone: 'Pacific/Apia', shift: 6 * HOUR, start: '2011-12-29T00:00', members: ['ann', 'ben', 'cat', 'dan'] };
    const shifts = rotationShifts(rotation, { from: local('2011-12-29T00:00', 'Pacific/Apia'), to: local('2012-01-01T00:00', 'Pacific/Apia') });
    // 29 December 00:00, 06:00, 12:00, 18:00; the four of the 30th do not exist; then the 31st.
    expect(shifts.map((s) => s.who.personId)).toEqual(['ann', 'ben', 'cat', 'dan', 'ann', 'ben', 'cat', 'dan']);
    expect(shifts[3]!.to).toBe(local('2011-12-31T00:00', 'Pacific/Apia'));
    for (let i = 1; i < shifts.length; i += 1) expect(shifts[i]!.from).toBe(shifts[i - 1]!.to);
  });
});

describe('a rotation it cannot compute', () => {
  it.each([
    ['a start that is not a local date-time', { start: 'monday' }, 'not a local date-time'],
    ['a time zone that does not exist', { timeZone: 'Europe/Lndon' }, 'not a time zone'],
    ['no members', { members: [] }, 'at least one member'],
    ['a shift of no length', { shift: 0 }, 'positive'],
  ])('is a bug in its caller, refused: %s', (_name, change, message) => {
    expect(() => rotationShifts({ ...weekly, ...change }, { from: utc('2026-02-01T00:00'), to: utc('2026-02-02T00:00') })).toThrow(message);
  });

  it('refuses a window of more shifts than any board asks for', () => {
    const hourly = { ...weekly, shift: HOUR };
    expect(() => rotationShifts(hourly, { from: utc('2026-01-05T09:00'), to: utc('2046-01-05T09:00') })).toThrow('too long');
  });
});
