import { describe, expect, it } from 'vitest';
import { isTimeZone, localToEpoch } from '../../../server/oncall/local-time';

const utc = (iso: string) => Date.parse(`${iso}Z`);

describe('a time zone in the config', () => {
  it.each(['Europe/London', 'America/New_York', 'UTC', 'Etc/GMT+5', 'Asia/Kolkata', 'America/Argentina/Buenos_Aires', 'europe/london'])('%s is one', (name) => {
    expect(isTimeZone(name)).toBe(true);
  });

  it.each([
    ['a misspelt name', 'Europe/Lndon'],
    ['an offset, which has no daylight saving', '+01:00'],
    ['a date-time carrying a zone', '2026-01-01T00:00[Europe/London]'],
    ['nothing', ''],
    ['a city alone', 'London'],
  ])('%s is not one (%s)', (_why, name) => {
    expect(isTimeZone(name)).toBe(false);
  });
});

describe('a local date-time read in a time zone', () => {
  it.each([
    ['winter in London is UTC', '2026-01-05T09:00', 'Europe/London', utc('2026-01-05T09:00')],
    ['summer in London is an hour ahead', '2026-07-01T09:00', 'Europe/London', utc('2026-07-01T08:00')],
    ['with seconds', '2026-11-20T18:00:30', 'Europe/London', utc('2026-11-20T18:00:30')],
    ['a date alone is its midnight', '2026-11-20', 'America/New_York', utc('2026-11-20T05:00')],
    ['New York in summer is four hours behind', '2026-07-01T09:00', 'America/New_York', utc('2026-07-01T13:00')],
  ])('%s', (_name, local, zone, expected) => {
    expect(localToEpoch(local, zone)).toBe(expected);
  });

  it('reads a time the clocks skip as if they had not yet moved forward', () => {
    // London, 29 March 2026: 01:00 GMT becomes 02:00 BST, so 01:30 never shows.
    expect(localToEpoch('2026-03-29T01:30', 'Europe/London')).toBe(utc('2026-03-29T01:30'));
    // New York, 8 March 2026: 02:00 EST becomes 03:00 EDT.
    expect(localToEpoch('2026-03-08T02:30', 'America/New_York')).toBe(utc('2026-03-08T07:30'));
  });

  it('reads a time the clocks show twice as its first occurrence', () => {
    // London, 25 October 2026: 02:00 BST becomes 01:00 GMT, so 01:30 happens twice.
    expect(localToEpoch('2026-10-25T01:30', 'Europe/London')).toBe(utc('2026-10-25T00:30'));
    // New York, 1 November 2026: 02:00 EDT becomes 01:00 EST.
    expect(localToEpoch('2026-11-01T01:30', 'America/New_York')).toBe(utc('2026-11-01T05:30'));
  });

  it.each([
    ['an offset', '2026-11-20T18:00+01:00'],
    ['UTC marked', '2026-11-20T18:00Z'],
    ['a day that does not exist', '2026-02-30T09:00'],
    ['an hour that does not exist', '2026-11-20T25:00'],
    ['a fraction of a second', '2026-11-20T18:00:00.5'],
    ['a space for the T', '2026-11-20 18:00'],
    ['words', 'next monday'],
  ])('is null for %s (%s)', (_why, local) => {
    expect(localToEpoch(local, 'Europe/London')).toBeNull();
  });

  it('is null in a time zone that does not exist', () => {
    expect(localToEpoch('2026-11-20T18:00', 'Europe/Lndon')).toBeNull();
  });
});
