import { Temporal } from '@js-temporal/polyfill';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { epochToPlain, localToEpoch } from '../../../server/oncall/local-time';
import { rotationShifts, type Rotation } from '../../../server/oncall/rotation-math';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/** Zones whose clocks jump by an hour at most: London, New York, a 30-minute change, a change at midnight, no change. */
const TAME_ZONES = ['Europe/London', 'America/New_York', 'Australia/Lord_Howe', 'America/Santiago', 'Asia/Kolkata', 'UTC'];
/** Zones that skipped a whole day, and the day before they did (Samoa 2011, Kwajalein 1993, Kiribati 1994). */
const DAY_SKIPS: Array<[string, string]> = [
  ['Pacific/Apia', '2011-12-29'],
  ['Pacific/Kwajalein', '1993-08-20'],
  ['Pacific/Kiritimati', '1994-12-30'],
];

const pad = (n: number) => String(n).padStart(2, '0');
const localStart = fc
  .record({
    year: fc.integer({ min: 1990, max: 2035 }),
    month: fc.oneof(fc.constantFrom(3, 4, 9, 10, 11), fc.integer({ min: 1, max: 12 })), // often near a clock change
    day: fc.integer({ min: 1, max: 28 }),
    hour: fc.integer({ min: 0, max: 23 }),
    minute: fc.constantFrom(0, 15, 30, 45, 59),
  })
  .map(({ year, month, day, hour, minute }) => `${year}-${pad(month)}-${pad(day)}T${pad(hour)}:${pad(minute)}`);

const anyShift = fc.oneof(
  fc.constantFrom(HOUR, 12 * HOUR, DAY, 7 * DAY),
  fc.integer({ min: 60, max: 90 * 24 * 60 }).map((m) => m * MINUTE),
);
const members = fc.uniqueArray(fc.constantFrom('ann', 'ben', 'cat', 'dan', 'eve', 'fay'), { minLength: 1, maxLength: 6 });

const rotation = (zones: string[], shift: fc.Arbitrary<number>): fc.Arbitrary<Rotation> =>
  fc.record({ timeZone: fc.constantFrom(...zones), shift, start: localStart, members });

/** A rotation in a tame zone, or one starting within a few days before a zone skipped a day. */
const wildRotation = fc.oneof(
  rotation(TAME_ZONES, anyShift),
  fc
    .record({
      skip: fc.constantFrom(...DAY_SKIPS),
      daysBefore: fc.integer({ min: 0, max: 3 }),
      minutes: fc.integer({ min: 0, max: 24 * 60 - 1 }),
      shift: anyShift,
      members,
    })
    .map(({ skip: [timeZone, date], daysBefore, minutes, shift, members }) => ({
      timeZone,
      shift,
      start: Temporal.PlainDate.from(date)
        .subtract({ days: daysBefore })
        .toPlainDateTime({ hour: Math.floor(minutes / 60), minute: minutes % 60 })
        .toString({ smallestUnit: 'minute' }),
      members,
    })),
);

/** A window from `shifts` shifts after the start (and a part of one), lasting up to 20 shifts or 5 days. */
const windowAfterStart = (r: Rotation) =>
  fc
    .record({ shifts: fc.integer({ min: 0, max: 10 }), part: fc.double({ min: 0, max: 1, noNaN: true }), length: fc.double({ min: 0, max: 1, noNaN: true }) })
    .map(({ shifts, part, length }) => {
      const from = localToEpoch(r.start, r.timeZone)! + Math.floor((shifts + part) * r.shift);
      return { from, to: from + 1 + Math.floor(length * Math.max(20 * r.shift, 5 * DAY)) };
    });

const withWindow = (arbitrary: fc.Arbitrary<Rotation>) => arbitrary.chain((r) => fc.tuple(fc.constant(r), windowAfterStart(r)));

describe('rotation maths, for any rotation and window', () => {
  it('the shifts of a window cover it without gap or overlap, each of some length, whatever the zone did to its clocks', () => {
    fc.assert(
      fc.property(withWindow(wildRotation), ([r, window]) => {
        const shifts = rotationShifts(r, window);
        expect(shifts.length).toBeGreaterThan(0);
        expect(shifts[0]!.from).toBeLessThanOrEqual(window.from);
        expect(shifts.at(-1)!.to).toBeGreaterThanOrEqual(window.to);
        shifts.forEach((shift, i) => {
          expect(shift.from).toBeLessThan(shift.to);
          expect(shift.from < window.to && shift.to > window.from).toBe(true);
          if (i > 0) expect(shift.from).toBe(shifts[i - 1]!.to);
        });
      }),
    );
  });

  it('whoever a window says is on call at an instant, asking for that instant alone says too', () => {
    fc.assert(
      fc.property(withWindow(wildRotation), fc.double({ min: 0, max: 1, noNaN: true }), ([r, window], part) => {
        const at = Math.min(window.to - 1, window.from + Math.floor(part * (window.to - window.from)));
        const fromWindow = rotationShifts(r, window).find((s) => s.from <= at && at < s.to);
        expect(rotationShifts(r, { from: at, to: at + 1 })).toEqual([fromWindow]);
      }),
    );
  });

  it('whole-day shifts begin at the time of day of the start, on every day, or where the clocks skip it as if they had not moved', () => {
    const days = fc.integer({ min: 1, max: 14 }).map((d) => d * DAY);
    fc.assert(
      fc.property(withWindow(rotation(TAME_ZONES, days)), ([r, window]) => {
        const startTime = Temporal.PlainDateTime.from(r.start).toPlainTime();
        const shifts = rotationShifts(r, window);
        shifts.forEach((shift, i) => {
          const date = epochToPlain(shift.from, r.timeZone).toPlainDate();
          expect(shift.from).toBe(localToEpoch(date.toPlainDateTime(startTime).toString(), r.timeZone));
          if (i > 0)
            expect(
              epochToPlain(shifts[i - 1]!.from, r.timeZone)
                .toPlainDate()
                .until(date).days,
            ).toBe(r.shift / DAY);
        });
      }),
    );
  });

  it('members take their turns in order from the start, members[0] first', () => {
    // Two hours at least, in zones that jump by an hour at most: no shift is ever skipped.
    const shift = fc.integer({ min: 120, max: 90 * 24 * 60 }).map((m) => m * MINUTE);
    fc.assert(
      fc.property(rotation(TAME_ZONES, shift), fc.integer({ min: 1, max: 30 }), (r, count) => {
        const from = localToEpoch(r.start, r.timeZone)!;
        const shifts = rotationShifts(r, { from, to: from + (count - 1) * r.shift + 1 });
        expect(shifts[0]!.from).toBe(from);
        expect(shifts.map((s) => s.who.personId)).toEqual(shifts.map((_, k) => r.members[k % r.members.length]));
      }),
    );
  });
});
