import { describe, expect, it } from 'vitest';
import type { OncallPerson } from '../../../shared/api';
import { configSchema, type Config, type TeamConfig } from '../../../server/config/schema';
import type { RouteConfig, WorkingHours } from '../../../server/notify/config';
import { hoursOf, nextStep, recipientsFor, routesNow, type IndexedRoute } from '../../../server/notify/routing';

const utc = (iso: string) => Date.parse(`${iso}Z`);

/** A config as the schema reads it; routes name notifiers no registry knows, which only the reference check minds. */
const config: Config = configSchema.parse({
  people: [
    {
      id: 'alice',
      name: 'Alice Liddell',
      contact: { email: 'Alice@Example.com', slack: '@alice', phone: '+441234567890' },
      timezone: 'Europe/London',
      workingHours: { days: ['mon', 'tue'], from: '08:00', to: '12:00' },
      notify: [{ via: 'mail' }, { via: 'sms', when: 'outOfHours' }],
    },
    { id: 'bob', name: 'Bob Builder', contact: { email: 'bob@example.com' } },
    { id: 'carol', name: 'Carol Danvers', contact: {}, timezone: 'America/New_York', notify: [{ via: 'mail', to: 'carol@example.org' }] },
    { id: 'erin', name: 'Erin Brockovich', notify: [{ via: 'chat', when: 'workingHours' }] },
    { id: 'frank', name: 'Frank Ocean', notify: [{ via: 'mail' }] },
  ],
  teams: [
    {
      id: 'payments',
      name: 'Payments',
      oncall: {
        rotation: { timezone: 'Europe/London', shift: '1w', start: '2026-01-05T09:00', members: ['alice', 'bob', 'carol'] },
        overrides: [{ person: 'erin', from: '2026-11-20T18:00', to: '2026-11-21T09:00' }],
        secondary: {
          rotation: { timezone: 'Europe/London', shift: '1w', start: '2026-01-05T09:00', members: ['frank', 'alice'] },
          overrides: [{ person: 'carol', from: '2026-11-20T18:00', to: '2026-11-21T09:00' }],
        },
      },
      notify: [{ via: 'chat', channel: '#payments' }],
      timezone: 'Asia/Tokyo',
    },
    { id: 'search', name: 'Search', members: ['frank', 'bob', 'nobody', 'frank'], oncall: { ics: { url: 'https://calendar.example.com/search.ics' } } },
    { id: 'billing', name: 'Billing', oncall: { pagerduty: { token: 'pd-token', scheduleId: 'PABC123' } } },
    { id: 'quiet', name: 'Quiet', oncall: { ics: { url: 'https://calendar.example.com/quiet.ics' } } },
  ],
  paging: { timezone: 'Europe/Paris', workingHours: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '10:00', to: '18:00' } },
});

const team = (id: string): TeamConfig => config.teams.find((t) => t.id === id)!;
const known = (id: string, name: string): OncallPerson => ({ id, name, contact: {} });
const nobody = { primary: null, secondary: null };

describe('who a step pages', () => {
  it('primary: the primary on-call person through their routes, and the team through its own', () => {
    const { recipients, unreachable } = recipientsFor('primary', {
      team: team('payments'),
      config,
      oncall: { primary: known('alice', 'Alice Liddell'), secondary: null },
    });
    expect(recipients).toEqual([
      {
        kind: 'person',
        id: 'alice',
        name: 'Alice Liddell',
        contact: { email: 'Alice@Example.com', slack: '@alice', phone: '+441234567890' },
        routes: [
          { index: 0, route: { via: 'mail', when: 'always' } },
          { index: 1, route: { via: 'sms', when: 'outOfHours' } },
        ],
      },
      { kind: 'team', id: 'payments', name: 'Payments', contact: {}, routes: [{ index: 0, route: { via: 'chat', when: 'always', channel: '#payments' } }] },
    ]);
    expect(unreachable).toEqual([]);
  });

  it("primary with nobody on call still tells the team's own channels", () => {
    const { recipients, unreachable } = recipientsFor('primary', { team: team('payments'), config, oncall: nobody });
    expect(recipients.map((r) => [r.kind, r.id])).toEqual([['team', 'payments']]);
    expect(unreachable).toEqual([]);
  });

  it('a team without routes of its own is not a recipient', () => {
    const { recipients } = recipientsFor('primary', { team: team('search'), config, oncall: { primary: known('frank', 'Frank Ocean'), secondary: null } });
    expect(recipients.map((r) => [r.kind, r.id])).toEqual([['person', 'frank']]);
  });

  it('a person without routes is unreachable, and says so; the team is still told', () => {
    const { recipients, unreachable } = recipientsFor('primary', {
      team: team('payments'),
      config,
      oncall: { primary: known('bob', 'Bob Builder'), secondary: null },
    });
    expect(recipients.map((r) => r.id)).toEqual(['payments']);
    expect(unreachable).toEqual([{ id: 'bob', name: 'Bob Builder', reason: 'Bob Builder has no notify routes' }]);
  });

  it('someone a calendar knows only by email is paged as the person in people: with that address, case aside', () => {
    const fromCalendar: OncallPerson = { id: null, name: 'A. Liddell', contact: { email: 'alice@EXAMPLE.com' } };
    const { recipients } = recipientsFor('primary', { team: team('quiet'), config, oncall: { primary: fromCalendar, secondary: null } });
    expect(recipients).toHaveLength(1);
    expect(recipients[0]).toMatchObject({ kind: 'person', id: 'alice', name: 'Alice Liddell', contact: { email: 'Alice@Example.com' } });
  });

  it('someone a calendar knows who is not in people: is unreachable, naming where they came from', () => {
    const dana: OncallPerson = { id: null, name: 'Dana', contact: { email: 'dana@example.com' } };
    expect(recipientsFor('primary', { team: team('quiet'), config, oncall: { primary: dana, secondary: null } })).toEqual({
      recipients: [],
      unreachable: [{ id: null, name: 'Dana', reason: 'Dana (from the calendar) is not in people:' }],
    });
    expect(recipientsFor('primary', { team: team('billing'), config, oncall: { primary: dana, secondary: null } }).unreachable).toEqual([
      { id: null, name: 'Dana', reason: 'Dana (from PagerDuty) is not in people:' },
    ]);
    const nameless: OncallPerson = { id: null, name: 'Someone', contact: {} };
    expect(recipientsFor('primary', { team: team('quiet'), config, oncall: { primary: nameless, secondary: null } }).unreachable).toEqual([
      { id: null, name: 'Someone', reason: 'Someone (from the calendar) is not in people:' },
    ]);
  });

  it('secondary: the secondary on-call person only, not the team', () => {
    const { recipients, unreachable } = recipientsFor('secondary', {
      team: team('payments'),
      config,
      oncall: { primary: known('alice', 'Alice Liddell'), secondary: known('frank', 'Frank Ocean') },
    });
    expect(recipients.map((r) => [r.kind, r.id])).toEqual([['person', 'frank']]);
    expect(unreachable).toEqual([]);
    expect(recipientsFor('secondary', { team: team('payments'), config, oncall: { primary: known('alice', 'Alice Liddell'), secondary: null } })).toEqual({
      recipients: [],
      unreachable: [],
    });
  });

  it('team: every member listed, in order, once each, and a member not in people: is unreachable', () => {
    const { recipients, unreachable } = recipientsFor('team', { team: team('search'), config, oncall: nobody });
    expect(recipients.map((r) => r.id)).toEqual(['frank']);
    expect(unreachable).toEqual([
      { id: 'bob', name: 'Bob Builder', reason: 'Bob Builder has no notify routes' },
      { id: 'nobody', name: 'nobody', reason: 'nobody is not in people:' },
    ]);
  });

  it("team without members: everyone the on-call config names, both layers' rotations and overrides, in config order, once each", () => {
    const { recipients, unreachable } = recipientsFor('team', { team: team('payments'), config, oncall: nobody });
    // Primary rotation alice, bob, carol; its override erin; secondary rotation frank (alice again); its override carol again.
    expect(recipients.map((r) => r.id)).toEqual(['alice', 'carol', 'erin', 'frank']);
    expect(unreachable.map((u) => u.id)).toEqual(['bob']);
    expect(recipients.every((r) => r.kind === 'person')).toBe(true);
  });

  it('team: a schedule that names nobody in the config pages nobody but whoever is on call now', () => {
    expect(recipientsFor('team', { team: team('quiet'), config, oncall: nobody })).toEqual({ recipients: [], unreachable: [] });
    const { recipients } = recipientsFor('team', { team: team('quiet'), config, oncall: { primary: known('alice', 'Alice Liddell'), secondary: null } });
    expect(recipients.map((r) => r.id)).toEqual(['alice']);
  });

  it("keeps each route's place in its notify: list", () => {
    const { recipients } = recipientsFor('team', { team: team('payments'), config, oncall: nobody });
    expect(recipients.find((r) => r.id === 'carol')!.routes).toEqual([{ index: 0, route: { via: 'mail', when: 'always', to: 'carol@example.org' } }]);
  });
});

describe('which routes to page by now', () => {
  const office: WorkingHours = { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '17:00' };
  const routes = (...whens: RouteConfig['when'][]): IndexedRoute[] => whens.map((when, index) => ({ index, route: { via: `n${index}`, when } }));
  const monday10 = utc('2026-01-05T10:00');
  const monday22 = utc('2026-01-05T22:00');

  it('inside working hours: always and workingHours routes', () => {
    expect(routesNow(routes('always', 'workingHours', 'outOfHours'), office, 'UTC', monday10)).toEqual({
      routes: [
        { index: 0, route: { via: 'n0', when: 'always' } },
        { index: 1, route: { via: 'n1', when: 'workingHours' } },
      ],
      fallback: false,
    });
  });

  it('outside working hours: always and outOfHours routes', () => {
    const now = routesNow(routes('always', 'workingHours', 'outOfHours'), office, 'UTC', monday22);
    expect(now.routes.map((r) => r.index)).toEqual([0, 2]);
    expect(now.fallback).toBe(false);
  });

  it('reads working hours in the zone given', () => {
    // 10:00 UTC on a Monday is 19:00 in Tokyo: out of hours there.
    expect(routesNow(routes('workingHours', 'outOfHours'), office, 'Asia/Tokyo', monday10).routes.map((r) => r.index)).toEqual([1]);
  });

  it('when no route fits the hour, every route is used and the fallback is said', () => {
    expect(routesNow(routes('workingHours', 'workingHours'), office, 'UTC', monday22)).toEqual({
      routes: routes('workingHours', 'workingHours'),
      fallback: true,
    });
    expect(routesNow(routes('outOfHours'), office, 'UTC', monday10)).toEqual({ routes: routes('outOfHours'), fallback: true });
  });

  it('no routes is no routes, not a fallback', () => {
    expect(routesNow([], office, 'UTC', monday10)).toEqual({ routes: [], fallback: false });
  });

  it('keeps whatever else a recipient carries on each route', () => {
    const tagged = [{ index: 3, route: { via: 'mail', when: 'always' as const }, extra: 'kept' }];
    expect(routesNow(tagged, office, 'UTC', monday10).routes[0]!.extra).toBe('kept');
  });
});

describe('whose working hours', () => {
  it("a person's own hours and zone", () => {
    expect(hoursOf({ kind: 'person', id: 'alice' }, config)).toEqual({
      hours: { days: ['mon', 'tue'], from: '08:00', to: '12:00' },
      timeZone: 'Europe/London',
    });
  });

  it("a person's own zone with paging's hours when they give none", () => {
    expect(hoursOf({ kind: 'person', id: 'carol' }, config)).toEqual({ hours: config.paging.workingHours, timeZone: 'America/New_York' });
  });

  it("paging's hours and zone for a person who gives neither", () => {
    expect(hoursOf({ kind: 'person', id: 'bob' }, config)).toEqual({ hours: config.paging.workingHours, timeZone: 'Europe/Paris' });
  });

  it("a team's own zone, not a person's of the same id", () => {
    expect(hoursOf({ kind: 'team', id: 'payments' }, config)).toEqual({ hours: config.paging.workingHours, timeZone: 'Asia/Tokyo' });
    expect(hoursOf({ kind: 'team', id: 'alice' }, config)).toEqual({ hours: config.paging.workingHours, timeZone: 'Europe/Paris' });
  });

  it('the defaults of paging: when nothing is configured', () => {
    const bare = configSchema.parse({});
    expect(hoursOf({ kind: 'person', id: 'alice' }, bare)).toEqual({
      hours: { days: ['mon', 'tue', 'wed', 'thu', 'fri'], from: '09:00', to: '17:00' },
      timeZone: 'UTC',
    });
  });
});

describe('the next escalation step', () => {
  it.each([
    [null, true, 'primary'],
    [null, false, 'primary'],
    ['primary', true, 'secondary'],
    ['primary', false, 'team'],
    ['secondary', true, 'team'],
    ['secondary', false, 'team'],
    ['team', true, null],
    ['team', false, null],
  ] as const)('after %s (secondary layer: %s) comes %s', (current, secondary, expected) => {
    expect(nextStep(current, { secondary })).toBe(expected);
  });
});
