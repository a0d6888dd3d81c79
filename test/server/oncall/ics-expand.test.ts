import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { expandCalendar, type ExpandOptions } from '../../../server/oncall/ics-expand';
import type { Shift } from '../../../server/oncall/types';

const fixture = (name: string) => readFileSync(new URL(`../../fixtures/ics/${name}`, import.meta.url), 'utf8');
const at = (iso: string) => Date.parse(iso);
const iso = (ms: number) => new Date(ms).toISOString();

/** The calendar's shifts over a window, which must expand. */
function shiftsOf(text: string, from: string, to: string, options: ExpandOptions = { who: 'attendee' }): Shift[] {
  const expanded = expandCalendar(text, { from: at(from), to: at(to) }, options);
  if (!expanded.ok) throw new Error(`expected shifts, got: ${expanded.reason}`);
  return expanded.shifts;
}

/** Who is on call at an instant, as a board would ask: the shift covering it, over a one-minute window. */
function onCallAt(text: string, instant: string, options?: ExpandOptions): string[] {
  const end = iso(at(instant) + 60_000);
  return shiftsOf(text, instant, end, options)
    .filter((shift) => shift.from <= at(instant) && at(instant) < shift.to)
    .map((shift) => shift.who.email ?? shift.who.name ?? '?');
}

/** A calendar of one event around `lines`, in the style of an export. */
const calendar = (...events: string[][]) =>
  [
    'BEGIN:VCALENDAR',
    'VERSION:2.0',
    'PRODID:-//Example//Scheduler//EN',
    ...events.flatMap((lines) => ['BEGIN:VEVENT', 'DTSTAMP:20260101T000000Z', ...lines, 'END:VEVENT']),
    'END:VCALENDAR',
    '',
  ].join('\r\n');

describe('a fortnightly rotation exported from a calendar in Europe/London', () => {
  const london = fixture('london-rotation.ics');

  it.each([
    ['the series of one person', '2026-02-10T12:00:00Z', ['bob@example.com']],
    ['a week cut from the series by EXDATE and covered by a one-off event', '2026-02-17T12:00:00Z', ['carol@example.com']],
    ['an occurrence moved to a later start: nobody before it', '2026-03-09T10:00:00Z', []],
    ['an occurrence moved to a later start: its person from the new start', '2026-03-09T13:30:00Z', ['bob@example.com']],
    ['an occurrence overridden by RECURRENCE-ID with another attendee', '2026-03-25T12:00:00Z', ['dave@example.com']],
    ['the override ending at 09:00 BST, after the clocks went forward', '2026-03-30T07:30:00Z', ['dave@example.com']],
    ['the next person from 09:00 BST (08:00 UTC)', '2026-03-30T08:30:00Z', ['alice@example.com']],
  ])('%s', (_what, instant, expected) => {
    expect(onCallAt(london, instant)).toEqual(expected);
  });

  it('leaves out the excluded occurrence entirely', () => {
    const shifts = shiftsOf(london, '2026-02-16T00:00:00Z', '2026-02-23T00:00:00Z');
    expect(shifts.map((s) => [s.who.email, iso(s.from)])).toEqual([
      ['bob@example.com', '2026-02-09T09:00:00.000Z'],
      ['carol@example.com', '2026-02-16T09:00:00.000Z'],
    ]);
  });

  it('gives the attendee by lower-cased email and by the CN as name, and the real start of a shift begun before the window', () => {
    const [shift] = shiftsOf(london, '2026-01-06T00:00:00Z', '2026-01-06T01:00:00Z');
    expect(shift).toEqual({ who: { email: 'alice@example.com', name: 'Alice Liddell' }, from: at('2026-01-05T09:00:00Z'), to: at('2026-01-12T09:00:00Z') });
  });

  it('returns the shifts sorted by start, each one wall-clock week long across the change to summer time', () => {
    const shifts = shiftsOf(london, '2026-03-01T00:00:00Z', '2026-04-14T00:00:00Z');
    expect(shifts.map((s) => `${iso(s.from)} ${s.who.email}`)).toEqual([
      '2026-02-23T09:00:00.000Z bob@example.com',
      '2026-03-02T09:00:00.000Z alice@example.com',
      '2026-03-09T13:00:00.000Z bob@example.com',
      '2026-03-16T09:00:00.000Z alice@example.com',
      '2026-03-23T09:00:00.000Z dave@example.com',
      '2026-03-30T08:00:00.000Z alice@example.com',
      '2026-04-06T08:00:00.000Z bob@example.com',
      '2026-04-13T08:00:00.000Z alice@example.com',
    ]);
  });
});

describe('events in another time zone than the board', () => {
  const newYork = fixture('new-york-follow-the-sun.ics');

  it('places a New York working day by its VTIMEZONE, before and after the US clock change', () => {
    const before = shiftsOf(newYork, '2026-03-06T12:00:00Z', '2026-03-06T12:01:00Z', { who: 'attendee' });
    const after = shiftsOf(newYork, '2026-03-09T12:00:00Z', '2026-03-10T00:00:00Z', { who: 'attendee' });
    expect(before).toEqual([]);
    expect(after.map((s) => [iso(s.from), iso(s.to)])).toEqual([['2026-03-09T13:00:00.000Z', '2026-03-09T21:00:00.000Z']]);
    expect(onCallAt(newYork, '2026-03-06T14:30:00Z')).toEqual(['frank@example.com']);
    expect(onCallAt(newYork, '2026-03-07T14:30:00Z')).toEqual([]);
  });

  it('reads a TZID the file does not define as the IANA zone of that name', () => {
    const text = calendar([
      'UID:tokyo-1',
      'DTSTART;TZID=Asia/Tokyo:20260310T090000',
      'DTEND;TZID=Asia/Tokyo:20260310T180000',
      'ATTENDEE:mailto:kenji@example.com',
    ]);
    const [shift] = shiftsOf(text, '2026-03-09T00:00:00Z', '2026-03-11T00:00:00Z');
    expect([iso(shift!.from), iso(shift!.to)]).toEqual(['2026-03-10T00:00:00.000Z', '2026-03-10T09:00:00.000Z']);
  });
});

describe('all-day events', () => {
  const holiday = fixture('bank-holiday.ics');

  it('cover the whole local day of the calendar (X-WR-TIMEZONE), in summer time', () => {
    const shifts = shiftsOf(holiday, '2026-05-01T00:00:00Z', '2026-06-01T00:00:00Z');
    expect(shifts.map((s) => [iso(s.from), iso(s.to), s.who.email])).toEqual([['2026-05-24T23:00:00.000Z', '2026-05-25T23:00:00.000Z', 'erin@example.com']]);
  });

  it('cover the whole day of the zone configured, over the calendar own', () => {
    const [shift] = shiftsOf(holiday, '2026-05-01T00:00:00Z', '2026-06-01T00:00:00Z', { who: 'attendee', timezone: 'America/New_York' });
    expect([iso(shift!.from), iso(shift!.to)]).toEqual(['2026-05-25T04:00:00.000Z', '2026-05-26T04:00:00.000Z']);
  });
});

describe('who an event puts on call', () => {
  const event = (...lines: string[]) => calendar(['UID:one', 'DTSTART:20260310T090000Z', 'DTEND:20260310T170000Z', ...lines]);
  const who = (text: string, options: ExpandOptions = { who: 'attendee' }) =>
    shiftsOf(text, '2026-03-10T00:00:00Z', '2026-03-11T00:00:00Z', options).map((s) => s.who);

  it('with who: summary, is the SUMMARY as a name, and as an email too when it is one', () => {
    expect(who(event('SUMMARY:Grace Hopper'), { who: 'summary' })).toEqual([{ name: 'Grace Hopper' }]);
    expect(who(event('SUMMARY:Grace@Example.com'), { who: 'summary' })).toEqual([{ name: 'Grace@Example.com', email: 'grace@example.com' }]);
  });

  it('skips an attendee who declined, and takes the next', () => {
    expect(who(event('ATTENDEE;PARTSTAT=DECLINED;CN=Ann:mailto:ann@example.com', 'ATTENDEE;CN=Ben:MAILTO:ben@example.com'))).toEqual([
      { email: 'ben@example.com', name: 'Ben' },
    ]);
  });

  it('is nobody for an event with no attendee, rather than a guess from its title', () => {
    expect(who(event('SUMMARY:Alice', 'ORGANIZER:mailto:scheduler@example.com'))).toEqual([]);
  });

  it('is nobody for a cancelled occurrence', () => {
    const text = calendar(
      ['UID:s', 'DTSTART:20260309T090000Z', 'DTEND:20260310T090000Z', 'RRULE:FREQ=DAILY', 'ATTENDEE:mailto:ann@example.com'],
      ['UID:s', 'RECURRENCE-ID:20260310T090000Z', 'DTSTART:20260310T090000Z', 'DTEND:20260311T090000Z', 'STATUS:CANCELLED', 'ATTENDEE:mailto:ann@example.com'],
    );
    expect(onCallAt(text, '2026-03-09T12:00:00Z')).toEqual(['ann@example.com']);
    expect(onCallAt(text, '2026-03-10T12:00:00Z')).toEqual([]);
    expect(onCallAt(text, '2026-03-11T12:00:00Z')).toEqual(['ann@example.com']);
  });
});

describe('occurrences moved across the edge of the window', () => {
  it('includes an occurrence moved earlier into the window from an original time after it', () => {
    const text = calendar(
      ['UID:w', 'DTSTART:20260302T090000Z', 'DTEND:20260303T090000Z', 'RRULE:FREQ=WEEKLY', 'ATTENDEE:mailto:ann@example.com'],
      ['UID:w', 'RECURRENCE-ID:20260316T090000Z', 'DTSTART:20260311T090000Z', 'DTEND:20260312T090000Z', 'ATTENDEE:mailto:ben@example.com'],
    );
    expect(onCallAt(text, '2026-03-11T12:00:00Z')).toEqual(['ben@example.com']);
    expect(onCallAt(text, '2026-03-16T12:00:00Z')).toEqual([]);
  });

  it('includes an override whose series is not in the file', () => {
    const text = calendar([
      'UID:lonely',
      'RECURRENCE-ID:20260310T090000Z',
      'DTSTART:20260310T090000Z',
      'DTEND:20260311T090000Z',
      'ATTENDEE:mailto:ann@example.com',
    ]);
    expect(onCallAt(text, '2026-03-10T12:00:00Z')).toEqual(['ann@example.com']);
  });
});

describe('a calendar file as exporters write it', () => {
  it('is read when it begins with a byte-order mark', () => {
    expect(onCallAt(`\uFEFF${fixture('london-rotation.ics')}`, '2026-02-10T12:00:00Z')).toEqual(['bob@example.com']);
  });
});

describe('a text that is not a calendar', () => {
  it.each([
    ['an HTML login page', '<!doctype html><html><body>Sign in</body></html>'],
    ['JSON', '{"oncall": "alice"}'],
    ['an empty body', ''],
    ['a calendar cut off mid-way', 'BEGIN:VCALENDAR\r\nVERSION:2.0\r\nBEGIN:VEVENT\r\nDTSTART:2026'],
  ])('is refused as not an iCalendar file: %s', (_what, text) => {
    expect(expandCalendar(text, { from: 0, to: at('2030-01-01T00:00:00Z') }, { who: 'attendee' })).toEqual({ ok: false, reason: 'not an iCalendar file' });
  });
});
