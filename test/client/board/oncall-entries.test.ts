import { describe, expect, it } from 'vitest';
import { formatUntil, stripEntries } from '../../../client/board/oncall-entries';
import { person, service, teamOncall } from '../fixtures';

const NOW = new Date(2026, 0, 5, 14, 2).getTime(); // a Monday

describe('formatUntil', () => {
  it.each<[Date, string]>([
    [new Date(2026, 0, 5, 18, 0), 'until 18:00'],
    [new Date(2026, 0, 6, 9, 0), 'until 09:00'], // tomorrow morning, within a day
    [new Date(2026, 0, 7, 9, 5), 'until Wed 09:05'],
    [new Date(2026, 0, 20, 9, 0), 'until 20 Jan'],
  ])('an end at %s reads "%s" in local time', (until, text) => {
    expect(formatUntil(until.getTime(), NOW)).toBe(text);
  });
});

describe('stripEntries', () => {
  it("takes each team's primary layer, even when a secondary comes first", () => {
    const team = teamOncall('payments', 'Payments', person('alice', 'Alice'));
    const secondary = { ...team.layers[0]!, layer: 'secondary' as const, now: { person: person('bob', 'Bob'), since: null, until: null } };
    const [entry] = stripEntries([{ ...team, layers: [secondary, team.layers[0]!] }], []);
    expect(entry?.person?.name).toBe('Alice');
  });

  it('orders nobody on call first, then teams with a problem, then by name; a team without layers is left out', () => {
    const teams = [
      teamOncall('b', 'Beta', person('x', 'X')),
      teamOncall('a', 'Alpha', person('y', 'Y')),
      teamOncall('z', 'Zulu', null),
      teamOncall('p', 'Pager', person('w', 'W')),
      { team: { id: 'empty', name: 'Empty' }, layers: [] },
    ];
    const services = [service('api', 'down', { team: { id: 'p', name: 'Pager' } })];
    expect(stripEntries(teams, services).map((e) => e.team.id)).toEqual(['z', 'p', 'a', 'b']);
  });

  it('an end it cannot read is left out rather than shown wrong', () => {
    const [entry] = stripEntries([teamOncall('a', 'Alpha', person('y', 'Y'), 'not a time')], []);
    expect(entry?.until).toBeNull();
  });
});
