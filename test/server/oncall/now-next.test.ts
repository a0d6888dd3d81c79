import { describe, expect, it } from 'vitest';
import type { OncallPerson } from '../../../shared/api';
import { joinShifts, nowAndNext, type PersonShift } from '../../../server/oncall/now-next';
import { resolvePerson, samePerson } from '../../../server/oncall/who';

const H = 3_600_000;
const T0 = Date.parse('2026-11-23T09:00:00Z');
const person = (id: string): OncallPerson => ({ id, name: id[0]!.toUpperCase() + id.slice(1), contact: {} });
const shift = (id: string, fromH: number, toH: number): PersonShift => ({ person: person(id), from: T0 + fromH * H, to: T0 + toH * H });
const iso = (h: number) => new Date(T0 + h * H).toISOString();

describe('who is on call now, and next', () => {
  const week = joinShifts([shift('alice', 0, 24), shift('alice', 24, 48), shift('bob', 48, 72), shift('carol', 80, 96)]);

  it('joins back-to-back shifts of one person into one stretch', () => {
    expect(week.map((s) => [s.person.id, (s.from - T0) / H, (s.to - T0) / H])).toEqual([
      ['alice', 0, 48],
      ['bob', 48, 72],
      ['carol', 80, 96],
    ]);
  });

  it('during a shift: the person, since its start, until its end; next is the next other person', () => {
    expect(nowAndNext(week, T0 + 30 * H)).toEqual({
      now: { person: person('alice'), since: iso(0), until: iso(48) },
      next: { person: person('bob'), from: iso(48), until: iso(72) },
      changesAt: T0 + 48 * H,
    });
  });

  it('at the very instant of a handoff, the new person holds', () => {
    expect(nowAndNext(week, T0 + 48 * H).now.person?.id).toBe('bob');
  });

  it('in a gap nobody is on call, since the last shift ended until the next begins, and that is when it changes', () => {
    expect(nowAndNext(week, T0 + 75 * H)).toEqual({
      now: { person: null, since: iso(72), until: iso(80) },
      next: { person: person('carol'), from: iso(80), until: iso(96) },
      changesAt: T0 + 80 * H,
    });
  });

  it('after the last shift: nobody, nothing next, no change known', () => {
    expect(nowAndNext(week, T0 + 100 * H)).toEqual({ now: { person: null, since: iso(96), until: null }, next: null, changesAt: null });
  });

  it('with no shifts at all: nobody, since and until unknown', () => {
    expect(nowAndNext([], T0)).toEqual({ now: { person: null, since: null, until: null }, next: null, changesAt: null });
  });
});

describe('matching who a provider names with the config’s people', () => {
  const people = [
    { id: 'alice', name: 'Alice Liddell', contact: { email: 'alice@example.com', slack: '@alice', phone: '+441234567890' } },
    { id: 'bob', name: 'Bob', contact: {} },
  ];

  it('by id, with the contact details from people:', () => {
    expect(resolvePerson({ personId: 'alice' }, people)).toEqual({
      id: 'alice',
      name: 'Alice Liddell',
      contact: { email: 'alice@example.com', slack: '@alice', phone: '+441234567890' },
    });
  });

  it('by email, whatever its case, for a calendar or a scheduler that knows only that', () => {
    expect(resolvePerson({ name: 'A. Liddell', email: 'Alice@Example.com' }, people).id).toBe('alice');
  });

  it('someone the config does not know shows with the name and email the provider gave', () => {
    expect(resolvePerson({ name: 'Dave Contractor', email: 'dave@vendor.example' }, people)).toEqual({
      id: null,
      name: 'Dave Contractor',
      contact: { email: 'dave@vendor.example' },
    });
  });

  it('a handoff between two records of one person is no handoff', () => {
    expect(samePerson(resolvePerson({ personId: 'alice' }, people), resolvePerson({ email: 'alice@example.com' }, people))).toBe(true);
    expect(samePerson(resolvePerson({ personId: 'alice' }, people), resolvePerson({ personId: 'bob' }, people))).toBe(false);
    expect(samePerson(null, null)).toBe(true);
  });
});
