import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { applyOverrides, overlappingOverrides, type Override } from '../../../server/oncall/overrides';
import { rotationShifts } from '../../../server/oncall/rotation-math';
import type { Shift } from '../../../server/oncall/types';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
const utc = (iso: string) => Date.parse(`${iso}Z`);

const timetable = (shifts: Shift[]) =>
  shifts.map(({ who, from, to }) => `${who.personId} ${new Date(from).toISOString().slice(5, 16)}→${new Date(to).toISOString().slice(5, 16)}`);

/** Daily at 09:00 London (GMT in November): alice, bob, carol, alice… from Monday 16 November. */
const daily = { timeZone: 'Europe/London', shift: DAY, start: '2026-11-16T09:00', members: ['alice', 'bob', 'carol'] };
const week = rotationShifts(daily, { from: utc('2026-11-16T09:00'), to: utc('2026-11-20T09:00') });
const dave = (from: string, to: string): Override => ({ personId: 'dave', from: utc(from), to: utc(to) });

describe('an override', () => {
  it('across a handover puts its person on call for exactly its time, the shifts on either side cut at its edges', () => {
    expect(timetable(applyOverrides(week, [dave('2026-11-17T18:00', '2026-11-18T12:00')]))).toEqual([
      'alice 11-16T09:00→11-17T09:00',
      'bob 11-17T09:00→11-17T18:00',
      'dave 11-17T18:00→11-18T12:00',
      'carol 11-18T12:00→11-19T09:00',
      'alice 11-19T09:00→11-20T09:00',
    ]);
  });

  it('inside one shift splits it in three; the pieces of the same person stay apart', () => {
    expect(timetable(applyOverrides(week, [dave('2026-11-16T18:00', '2026-11-16T22:00')]))).toEqual([
      'alice 11-16T09:00→11-16T18:00',
      'dave 11-16T18:00→11-16T22:00',
      'alice 11-16T22:00→11-17T09:00',
      'bob 11-17T09:00→11-18T09:00',
      'carol 11-18T09:00→11-19T09:00',
      'alice 11-19T09:00→11-20T09:00',
    ]);
  });

  it('covering several shifts replaces them all', () => {
    expect(timetable(applyOverrides(week, [dave('2026-11-16T12:00', '2026-11-19T12:00')]))).toEqual([
      'alice 11-16T09:00→11-16T12:00',
      'dave 11-16T12:00→11-19T12:00',
      'alice 11-19T12:00→11-20T09:00',
    ]);
  });

  it('on a handover exactly takes the whole shift and nothing of its neighbours', () => {
    expect(timetable(applyOverrides(week, [dave('2026-11-17T09:00', '2026-11-18T09:00')]))).toEqual([
      'alice 11-16T09:00→11-17T09:00',
      'dave 11-17T09:00→11-18T09:00',
      'carol 11-18T09:00→11-19T09:00',
      'alice 11-19T09:00→11-20T09:00',
    ]);
  });

  it('before the rotation starts fills the time nobody had', () => {
    expect(timetable(applyOverrides(week, [dave('2026-11-16T00:00', '2026-11-16T12:00')])).slice(0, 2)).toEqual([
      'dave 11-16T00:00→11-16T12:00',
      'alice 11-16T12:00→11-17T09:00',
    ]);
  });

  it('that does not end after it starts changes nothing', () => {
    expect(applyOverrides(week, [dave('2026-11-17T12:00', '2026-11-17T10:00'), dave('2026-11-17T12:00', '2026-11-17T12:00')])).toEqual(week);
  });

  it('outside the window asked about is left out; one overlapping it is put in whole', () => {
    const window = { from: utc('2026-11-17T00:00'), to: utc('2026-11-18T00:00') };
    const shifts = rotationShifts(daily, window);
    const applied = applyOverrides(shifts, [dave('2026-11-19T12:00', '2026-11-19T13:00'), dave('2026-11-17T20:00', '2026-11-18T02:00')], window);
    expect(timetable(applied)).toEqual([
      'alice 11-16T09:00→11-17T09:00',
      'bob 11-17T09:00→11-17T20:00',
      'dave 11-17T20:00→11-18T02:00',
      'bob 11-18T02:00→11-18T09:00',
    ]);
  });

  it('given overlapping ones anyway (the config refuses them), the later in the list wins where they overlap', () => {
    const erin: Override = { personId: 'erin', from: utc('2026-11-17T12:00'), to: utc('2026-11-17T14:00') };
    expect(timetable(applyOverrides(week, [dave('2026-11-17T10:00', '2026-11-17T13:00'), erin])).slice(1, 5)).toEqual([
      'bob 11-17T09:00→11-17T10:00',
      'dave 11-17T10:00→11-17T12:00',
      'erin 11-17T12:00→11-17T14:00',
      'bob 11-17T14:00→11-18T09:00',
    ]);
  });
});

describe('overrides that overlap, for the config to refuse', () => {
  const span = (from: number, to: number) => ({ from: from * HOUR, to: to * HOUR });

  it.each([
    ['none, when apart', [span(0, 2), span(3, 5)], []],
    ['none, when one ends as the next begins', [span(0, 2), span(2, 4)], []],
    ['a pair sharing an hour', [span(0, 3), span(2, 4)], [[0, 1]]],
    ['a pair, one inside the other, whatever the order', [span(2, 3), span(0, 5)], [[0, 1]]],
    [
      'every pair of three',
      [span(0, 4), span(1, 5), span(3, 6)],
      [
        [0, 1],
        [0, 2],
        [1, 2],
      ],
    ],
    ['not one that ends before it starts (refused on its own)', [span(0, 4), span(3, 1)], []],
  ])('%s', (_name, overrides, expected) => {
    expect(overlappingOverrides(overrides)).toEqual(expected);
  });
});

describe('overrides, for any shifts and overrides', () => {
  /** Who the shifts say is on call at `at`, or nobody. */
  const onCallAt = (shifts: Shift[], at: number) => shifts.filter((s) => s.from <= at && at < s.to).map((s) => s.who.personId);

  const overrides = fc.array(
    fc
      .record({ personId: fc.constantFrom('dave', 'erin'), from: fc.integer({ min: -10, max: 120 }), hours: fc.integer({ min: 1, max: 50 }) })
      .map(({ personId, from, hours }) => ({
        personId,
        from: utc('2026-11-16T09:00') + from * HOUR,
        to: utc('2026-11-16T09:00') + (from + hours) * HOUR,
      })),
    { maxLength: 5 },
  );

  it("put each override's person on call for exactly [from, to), leave everyone else where they were, and never overlap", () => {
    fc.assert(
      fc.property(overrides, (list) => {
        const applied = applyOverrides(week, list);
        applied.forEach((shift, i) => {
          expect(shift.from).toBeLessThan(shift.to);
          if (i > 0) expect(shift.from).toBeGreaterThanOrEqual(applied[i - 1]!.to);
        });
        const edges = [...week, ...list].flatMap((s) => [s.from - 1, s.from, s.to - 1, s.to]);
        for (const at of edges) {
          const standing = list.filter((o) => o.from <= at && at < o.to).at(-1);
          expect(onCallAt(applied, at)).toEqual(standing ? [standing.personId] : onCallAt(week, at));
        }
      }),
    );
  });
});
