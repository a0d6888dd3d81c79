import { Temporal } from '@js-temporal/polyfill';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { epochToPlain, plainToEpoch } from '../../../server/oncall/local-time';
import { fromWall, toWall } from '../../../server/maintenance/wall-clock';

const MINUTE = 60_000;
const DAY = 86_400_000;

/** Zones with an hour's change, a half hour's, a change at midnight, none, one south of the equator; and Samoa, which skipped a day. */
const ZONES = ['Europe/London', 'America/New_York', 'Australia/Lord_Howe', 'America/Santiago', 'Asia/Kolkata', 'Australia/Sydney', 'Pacific/Apia', 'UTC'];

/** Instants near the clock changes of 2026 (and Samoa's skipped day), to the minute, and anywhere else. */
const instant = fc.oneof(
  fc
    .tuple(
      fc.constantFrom('2026-03-08', '2026-03-29', '2026-04-05', '2026-09-06', '2026-10-04', '2026-10-25', '2026-11-01', '2011-12-30'),
      fc.integer({ min: -2 * 1440, max: 2 * 1440 }),
    )
    .map(([day, minutes]) => Date.parse(`${day}T00:00Z`) + minutes * MINUTE),
  fc.integer({ min: Date.parse('1990-01-01T00:00Z'), max: Date.parse('2040-01-01T00:00Z') }),
);

const wallOf = (plain: Temporal.PlainDateTime) => plain.toZonedDateTime('UTC').epochMilliseconds;
const plainOf = (wall: number) => Temporal.Instant.fromEpochMilliseconds(wall).toZonedDateTimeISO('UTC').toPlainDateTime();

describe('wall-clock times', () => {
  it('show what Temporal says the clocks show', () => {
    fc.assert(
      fc.property(instant, fc.constantFrom(...ZONES), (at, zone) => {
        expect(toWall(at, zone)).toBe(wallOf(epochToPlain(at, zone)));
      }),
      { numRuns: 2_000 },
    );
  });

  it('are read back as instants exactly as Temporal reads them (compatible: skipped times after the jump, repeated ones first)', () => {
    fc.assert(
      fc.property(instant, fc.constantFrom(...ZONES), (wall, zone) => {
        expect(fromWall(wall, zone)).toBe(plainToEpoch(plainOf(wall), zone));
      }),
      { numRuns: 2_000 },
    );
  });

  it('of London on the nights the clocks change', () => {
    expect(fromWall(Date.parse('2026-03-29T01:30Z'), 'Europe/London')).toBe(Date.parse('2026-03-29T01:30Z')); // 02:30 BST
    expect(fromWall(Date.parse('2026-10-25T01:30Z'), 'Europe/London')).toBe(Date.parse('2026-10-25T00:30Z')); // the first 01:30
    expect(toWall(Date.parse('2026-10-25T01:30Z'), 'Europe/London')).toBe(Date.parse('2026-10-25T01:30Z')); // the second 01:30
    // Samoa's 30 December 2011 never was: its noon is read as the noon after, a day on from the noon before.
    expect(fromWall(Date.parse('2011-12-30T12:00Z'), 'Pacific/Apia')).toBe(fromWall(Date.parse('2011-12-31T12:00Z'), 'Pacific/Apia'));
    expect(fromWall(Date.parse('2011-12-31T12:00Z'), 'Pacific/Apia') - fromWall(Date.parse('2011-12-29T12:00Z'), 'Pacific/Apia')).toBe(DAY);
  });
});
