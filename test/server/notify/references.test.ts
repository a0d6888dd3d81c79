import { describe, expect, it } from 'vitest';
import { formatPath } from '../../../server/config/load';
import { pagingProblems } from '../../../server/notify/references';
import { testNotifierTypes } from './test-notifiers';

const notifiers = [
  { id: 'mail', type: 'email', from: 'greenboard@example.com' },
  { id: 'ntfy', type: 'topic', server: 'https://ntfy.example.com' },
];

/** Problems as "field: message", the way a config error shows them. */
const problemsOf = (document: unknown) => pagingProblems(document, testNotifierTypes).map((p) => `${formatPath(p.path)}: ${p.message}`);

describe('paging references in a config', () => {
  it('a config whose routes all fit has none', () => {
    expect(
      problemsOf({
        notifiers,
        people: [
          {
            id: 'alice',
            name: 'Alice',
            contact: { email: 'alice@example.com' },
            notify: [{ via: 'mail' }, { via: 'ntfy', topic: 'alice', when: 'outOfHours' }],
          },
          { id: 'bob', name: 'Bob', notify: [{ via: 'mail', to: 'bob@example.org' }] },
        ],
        teams: [{ id: 'payments', name: 'Payments', members: ['alice', 'bob'], notify: [{ via: 'ntfy', topic: 'payments', priority: 5 }] }],
      }),
    ).toEqual([]);
  });

  it('nothing about paging is nothing to report', () => {
    expect(problemsOf({})).toEqual([]);
    expect(problemsOf(null)).toEqual([]);
    expect(problemsOf({ people: [{ id: 'alice', name: 'Alice' }] })).toEqual([]);
  });

  it('notifier ids are unique', () => {
    expect(problemsOf({ notifiers: [...notifiers, { id: 'mail', type: 'topic', server: 'https://other.example.com' }] })).toEqual([
      'notifiers[2].id: duplicate notifier id "mail"',
    ]);
  });

  it("a route's via names a notifier, suggesting the one probably meant", () => {
    expect(
      problemsOf({
        notifiers,
        people: [{ id: 'alice', name: 'Alice', contact: { email: 'a@example.com' }, notify: [{ via: 'mial' }, { via: 'pager' }] }],
        teams: [{ id: 'payments', name: 'Payments', notify: [{ via: 'ntfy2', topic: 'payments' }] }],
      }),
    ).toEqual([
      'people[0].notify[0].via: no notifier with id "mial" in notifiers; did you mean "mail"?',
      'people[0].notify[1].via: no notifier with id "pager" in notifiers',
      'teams[0].notify[0].via: no notifier with id "ntfy2" in notifiers; did you mean "ntfy"?',
    ]);
  });

  it("a route's own fields are checked by its notifier's type, each at its field", () => {
    expect(
      problemsOf({
        notifiers,
        people: [
          {
            id: 'alice',
            name: 'Alice',
            notify: [{ via: 'mail', to: 'not an address' }, { via: 'ntfy', topic: 'has spaces' }, { via: 'ntfy' }, { via: 'ntfy', topic: 'ok', priority: 9 }],
          },
        ],
      }),
    ).toEqual([
      'people[0].notify[0].to: expected an email address',
      'people[0].notify[1].topic: a topic uses only letters, digits, "-" and "_"',
      'people[0].notify[2].topic: expected a topic',
      'people[0].notify[3].priority: expected a number from 1 to 5',
    ]);
  });

  it('a field the type does not take is unknown, with the closest it does', () => {
    expect(problemsOf({ notifiers, teams: [{ id: 'payments', name: 'Payments', notify: [{ via: 'ntfy', topik: 'payments', wen: 'always' }] }] })).toEqual([
      'teams[0].notify[0].topic: expected a topic',
      'teams[0].notify[0].topik: unknown field "topik"; did you mean "topic"?',
      'teams[0].notify[0].wen: unknown field "wen"; did you mean "when"?',
    ]);
  });

  it('a route its type cannot send to, for whom it is, is a problem at the route', () => {
    expect(
      problemsOf({
        notifiers,
        people: [
          { id: 'alice', name: 'Alice', contact: { slack: '@alice' }, notify: [{ via: 'mail' }] },
          { id: 'bob', name: 'Bob', contact: { email: 'bob@example.com' }, notify: [{ via: 'mail' }] },
        ],
        teams: [{ id: 'payments', name: 'Payments', notify: [{ via: 'mail' }] }],
      }),
    ).toEqual([
      'people[0].notify[0]: no address: give `to`, or the person a contact.email',
      'teams[0].notify[0]: no address: give `to`, or the person a contact.email',
    ]);
  });

  it('team members name people', () => {
    expect(problemsOf({ people: [{ id: 'alice', name: 'Alice' }], teams: [{ id: 'payments', name: 'Payments', members: ['alice', 'alcie', 'zed'] }] })).toEqual(
      ['teams[0].members[1]: no person with id "alcie" in people; did you mean "alice"?', 'teams[0].members[2]: no person with id "zed" in people'],
    );
  });

  it("a notifier of an unknown type or with wrong fields is the schema's to report; its routes go no further than via", () => {
    expect(
      problemsOf({
        notifiers: [
          { id: 'mail', type: 'email', from: 'not an address' },
          { id: 'pigeon', type: 'carrier-pigeon' },
        ],
        people: [{ id: 'alice', name: 'Alice', notify: [{ via: 'mail' }, { via: 'pigeon', loft: 'north' }, { via: 'mail', to: 'nope' }] }],
      }),
    ).toEqual(['people[0].notify[2].to: expected an email address']);
  });

  it('parts the schema refuses are skipped, not crashed on', () => {
    expect(
      problemsOf({
        notifiers: 'none',
        people: [null, 'alice', { id: 'bob', notify: 'mail' }, { id: 'carol', notify: [null, { via: 7 }, 'mail'] }],
        teams: [
          { id: 'payments', members: 'alice', notify: {} },
          { id: 'web', members: [3] },
        ],
      }),
    ).toEqual([]);
  });
});
