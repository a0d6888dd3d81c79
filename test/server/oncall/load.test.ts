import { describe, expect, it } from 'vitest';
import type { OncallPerson, TeamRef } from '../../../shared/api';
import type { WorkingHours } from '../../../server/notify/config';
import { median, oncallLoad, union, type HoursInZone, type LayerShifts, type LoadIncident, type LoadInput, type LoadPage } from '../../../server/oncall/load';
import type { KnownPerson } from '../../../server/oncall/who';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const utc = (iso: string) => Date.parse(`${iso}Z`);

const office: WorkingHours = { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '17:00' };
const UTC_OFFICE: HoursInZone = { hours: office, timeZone: 'UTC' };
const payments: TeamRef = { id: 'payments', name: 'Payments' };
const data: TeamRef = { id: 'data', name: 'Data' };
const people: KnownPerson[] = [
  { id: 'alice', name: 'Alice Liddell' },
  { id: 'bob', name: 'Bob Marley' },
  { id: 'carol', name: 'Carol King' },
];
const person = (id: string): OncallPerson => ({ id, name: people.find((p) => p.id === id)!.name, contact: {} });

// Monday 30 November 2026 09:00 UTC to Tuesday 09:00: a stand-up's "since yesterday 09:00".
const WINDOW = { from: utc('2026-11-30T09:00'), to: utc('2026-12-01T09:00') };

function input(overrides: Partial<LoadInput>): LoadInput {
  return {
    window: WINDOW,
    layers: [],
    incidents: [],
    pages: [],
    people,
    hoursOfPerson: () => UTC_OFFICE,
    hoursOfTeam: () => UTC_OFFICE,
    ...overrides,
  };
}

const layer = (team: TeamRef, shifts: Array<[string | OncallPerson, string, string]>, which: 'primary' | 'secondary' = 'primary'): LayerShifts => ({
  team,
  layer: which,
  shifts: shifts.map(([who, from, to]) => ({ person: typeof who === 'string' ? person(who) : who, from: utc(from), to: utc(to) })),
});

const incident = (id: string, openedAt: string, ack?: [string | null, string], team: TeamRef | null = payments): LoadIncident => ({
  id,
  team,
  openedAt: utc(openedAt),
  acknowledged: ack ? { personId: ack[0], at: utc(ack[1]) } : null,
});

const paged = (incidentId: string, to: string, sentAt: string | null, overrides: Partial<LoadPage> = {}): LoadPage => ({
  incidentId,
  kind: 'trigger',
  step: 'primary',
  recipient: { kind: 'person', id: to, name: to },
  sentAt: sentAt === null ? null : utc(sentAt),
  ...overrides,
});

const loadOf = (result: ReturnType<typeof oncallLoad>, id: string) => result.people.find((p) => p.person.id === id)!;

describe('time on call', () => {
  it('cuts shifts that cross the period’s ends to the period, and splits them at working hours', () => {
    const result = oncallLoad(
      input({
        layers: [
          layer(payments, [
            // Sunday 09:00 to Monday 21:00: the period has Monday 09:00–21:00 of it, 8 h in the office and 4 h after.
            ['alice', '2026-11-29T09:00', '2026-11-30T21:00'],
            // Monday 21:00 to Tuesday 21:00: the period has the night up to Tuesday 09:00, all out of hours.
            ['bob', '2026-11-30T21:00', '2026-12-01T21:00'],
          ]),
        ],
      }),
    );
    expect(loadOf(result, 'alice')).toMatchObject({ onCallMs: 12 * HOUR, onCallOutOfHoursMs: 4 * HOUR, pages: 0 });
    expect(loadOf(result, 'bob')).toMatchObject({ onCallMs: 12 * HOUR, onCallOutOfHoursMs: 12 * HOUR });
    expect(loadOf(result, 'alice').teams).toEqual([expect.objectContaining({ team: payments, layers: ['primary'], onCallMs: 12 * HOUR })]);
  });

  it('counts elapsed time across a clock change: a day’s shift in London that springs forward is 23 hours', () => {
    // 29 March 2026: London goes from 01:00 GMT to 02:00 BST. Saturday 09:00 GMT to Sunday 09:00 BST.
    const everyDay: HoursInZone = { hours: { days: ['mon', 'tue', 'wed', 'thu', 'fri', 'sat', 'sun'], from: '09:00', to: '17:00' }, timeZone: 'Europe/London' };
    const result = oncallLoad(
      input({
        window: { from: utc('2026-03-28T00:00'), to: utc('2026-03-30T00:00') },
        layers: [layer(payments, [['alice', '2026-03-28T09:00', '2026-03-29T08:00']])],
        hoursOfPerson: () => everyDay,
      }),
    );
    // Saturday 09:00–17:00 GMT is in hours; the rest, to Sunday 09:00 BST (08:00 UTC), is 15 hours.
    expect(loadOf(result, 'alice')).toMatchObject({ onCallMs: 23 * HOUR, onCallOutOfHoursMs: 15 * HOUR });
  });

  it('counts time on two layers, or for two teams, at once only once in the person’s own figure', () => {
    const result = oncallLoad(
      input({
        layers: [
          layer(payments, [['carol', '2026-11-30T10:00', '2026-11-30T12:00']]),
          layer(payments, [['carol', '2026-11-30T11:00', '2026-11-30T13:00']], 'secondary'),
          layer(data, [['carol', '2026-11-30T12:30', '2026-11-30T14:00']]),
        ],
      }),
    );
    const carol = loadOf(result, 'carol');
    // 10:00–14:00 in all.
    expect(carol.onCallMs).toBe(4 * HOUR);
    expect(carol.teams.map((t) => [t.team.id, t.layers, t.onCallMs])).toEqual([
      ['data', ['primary'], 1.5 * HOUR],
      ['payments', ['primary', 'secondary'], 3 * HOUR],
    ]);
  });

  it('keeps someone only a calendar knows apart by name, judged by the hours it is given for them', () => {
    const stranger: OncallPerson = { id: null, name: 'Eve Online', contact: { email: 'eve@example.com' } };
    const result = oncallLoad(
      input({
        layers: [layer(payments, [[stranger, '2026-11-30T17:00', '2026-11-30T19:00']])],
        hoursOfPerson: (p) => (p.id === null ? { hours: { ...office, to: '18:00' }, timeZone: 'UTC' } : UTC_OFFICE),
      }),
    );
    expect(result.people).toEqual([expect.objectContaining({ person: stranger, onCallMs: 2 * HOUR, onCallOutOfHoursMs: 1 * HOUR })]);
  });
});

describe('pages and time to acknowledge', () => {
  it('counts a page sent by two channels once, at the first, and times the acknowledgement from it', () => {
    const result = oncallLoad(
      input({
        incidents: [incident('inc-1', '2026-11-30T10:00', ['alice', '2026-11-30T10:05:10'])],
        pages: [
          paged('inc-1', 'alice', '2026-11-30T10:00:12', { recipient: { kind: 'person', id: 'alice', name: 'Alice Liddell' } }),
          paged('inc-1', 'alice', '2026-11-30T10:00:10'),
        ],
      }),
    );
    expect(loadOf(result, 'alice')).toMatchObject({ pages: 1, pagesOutOfHours: 0, acknowledged: 1, ackMedianMs: 5 * MINUTE, ackLongestMs: 5 * MINUTE });
  });

  it('counts only the acknowledgements the person made: median and longest of their own, none when nobody or someone else acknowledged', () => {
    const result = oncallLoad(
      input({
        incidents: [
          incident('inc-2', '2026-11-30T22:00'),
          incident('inc-3', '2026-12-01T02:00', ['bob', '2026-12-01T02:20']),
          incident('inc-4', '2026-12-01T03:00', ['bob', '2026-12-01T03:02']),
          incident('inc-5', '2026-12-01T04:00', ['alice', '2026-12-01T04:01']),
        ],
        pages: [
          paged('inc-2', 'bob', '2026-11-30T22:00'),
          paged('inc-3', 'bob', '2026-12-01T02:00'),
          paged('inc-4', 'bob', '2026-12-01T03:00'),
          paged('inc-5', 'bob', '2026-12-01T04:00'),
        ],
      }),
    );
    // 20 and 2 minutes: the median of two is their mean.
    expect(loadOf(result, 'bob')).toMatchObject({ pages: 4, pagesOutOfHours: 4, acknowledged: 2, ackMedianMs: 11 * MINUTE, ackLongestMs: 20 * MINUTE });
    // Alice acknowledged inc-5 without being paged: that is no page of hers, and no time to acknowledge one.
    expect(result.people.map((p) => p.person.id)).toEqual(['bob']);
  });

  it('a person paged again at a later step has two pages, and their acknowledgement is timed from the first', () => {
    const result = oncallLoad(
      input({
        incidents: [incident('inc-1', '2026-11-30T10:00', ['alice', '2026-11-30T10:25'])],
        pages: [paged('inc-1', 'alice', '2026-11-30T10:00'), paged('inc-1', 'alice', '2026-11-30T10:20', { step: 'team' })],
      }),
    );
    expect(loadOf(result, 'alice')).toMatchObject({ pages: 2, acknowledged: 1, ackMedianMs: 25 * MINUTE });
  });

  it('leaves out what reached nobody or no person: undelivered pages, resolve pages, a team’s channel, pages outside the period', () => {
    const result = oncallLoad(
      input({
        incidents: [incident('inc-1', '2026-11-30T08:00', ['alice', '2026-11-30T10:00'])],
        pages: [
          paged('inc-1', 'alice', null, { step: 'secondary' }),
          paged('inc-1', 'alice', '2026-11-30T09:30', { kind: 'resolve' }),
          paged('inc-1', 'payments', '2026-11-30T09:30', { recipient: { kind: 'team', id: 'payments', name: 'Payments' } }),
          paged('inc-1', 'alice', '2026-11-30T08:00'),
        ],
      }),
    );
    expect(result.people).toEqual([]);
  });

  it('splits pages by team and counts those sent out of the person’s hours', () => {
    const result = oncallLoad(
      input({
        layers: [layer(payments, [['alice', '2026-11-30T09:00', '2026-12-01T09:00']])],
        incidents: [incident('p', '2026-11-30T18:00'), incident('d', '2026-11-30T11:00', undefined, data), incident('x', '2026-11-30T12:00', undefined, null)],
        pages: [paged('p', 'alice', '2026-11-30T18:00'), paged('d', 'alice', '2026-11-30T11:00'), paged('x', 'alice', '2026-11-30T12:00')],
      }),
    );
    const alice = loadOf(result, 'alice');
    expect(alice).toMatchObject({ pages: 3, pagesOutOfHours: 1, onCallMs: 24 * HOUR, onCallOutOfHoursMs: 16 * HOUR });
    // Paged for Data's incident though not on its rota (the whole team was paged, say); the teamless one counts only in her total.
    expect(alice.teams.map((t) => [t.team.id, t.layers, t.pages, t.pagesOutOfHours, t.onCallMs])).toEqual([
      ['data', [], 1, 0, 0],
      ['payments', ['primary'], 1, 1, 24 * HOUR],
    ]);
  });

  it('someone paged who has left people: keeps the id the page names', () => {
    const result = oncallLoad(input({ incidents: [incident('inc-1', '2026-11-30T10:00')], pages: [paged('inc-1', 'dan', '2026-11-30T10:00')] }));
    expect(result.people[0]!.person).toEqual({ id: 'dan', name: 'dan', contact: {} });
  });

  it('lists the most paged first, then the longest on call', () => {
    const result = oncallLoad(
      input({
        layers: [
          layer(payments, [
            ['carol', '2026-11-30T09:00', '2026-11-30T20:00'],
            ['alice', '2026-11-30T20:00', '2026-11-30T21:00'],
          ]),
        ],
        incidents: [incident('inc-1', '2026-11-30T10:00')],
        pages: [paged('inc-1', 'bob', '2026-11-30T10:00')],
      }),
    );
    expect(result.people.map((p) => p.person.id)).toEqual(['bob', 'carol', 'alice']);
  });
});

describe('incidents out of hours', () => {
  it('judges an incident’s opening by its team’s hours, and a teamless one by the defaults', () => {
    const london: HoursInZone = { hours: office, timeZone: 'Europe/London' };
    const tokyo: HoursInZone = { hours: office, timeZone: 'Asia/Tokyo' };
    const result = oncallLoad(
      input({
        incidents: [
          incident('morning', '2026-11-30T08:30'),
          incident('noon', '2026-11-30T12:00'),
          incident('tokyo-morning', '2026-11-30T01:00', undefined, data),
          incident('nobody', '2026-11-30T12:00', undefined, null),
        ],
        hoursOfTeam: (team) => (team === 'payments' ? london : team === 'data' ? tokyo : { hours: { ...office, days: [] }, timeZone: 'UTC' }),
      }),
    );
    expect(result.incidents).toEqual([
      { id: 'morning', outOfHours: true },
      { id: 'noon', outOfHours: false },
      // 10:00 in Tokyo.
      { id: 'tokyo-morning', outOfHours: false },
      { id: 'nobody', outOfHours: true },
    ]);
  });
});

describe('helpers', () => {
  it.each([
    [[], null],
    [[7], 7],
    [[9, 1, 5], 5],
    [[4, 1, 2, 8], 3],
    [[1, 2], 2],
  ])('the median of %j is %s', (values, expected) => {
    expect(median(values)).toBe(expected);
  });

  it('joins overlapping and touching stretches', () => {
    expect(
      union([
        { from: 5, to: 7 },
        { from: 0, to: 2 },
        { from: 2, to: 3 },
        { from: 6, to: 9 },
      ]),
    ).toEqual([
      { from: 0, to: 3 },
      { from: 5, to: 9 },
    ]);
  });
});
