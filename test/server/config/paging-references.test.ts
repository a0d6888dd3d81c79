import { describe, expect, it, vi } from 'vitest';
import { ConfigError, parseConfig } from '../../../server/config/load';

// Channels are registered one by one as they are built; these tests bring two small ones of their own.
vi.mock('../../../server/notify/registry', async () => {
  const { testNotifierTypes } = await import('../notify/test-notifiers');
  return {
    notifierTypes: testNotifierTypes,
    getNotifierType: (name: string) => {
      const type = testNotifierTypes[name];
      if (!type) throw new Error(`no notifier type "${name}"`);
      return type;
    },
  };
});

function problemsOf(yaml: string, env: Record<string, string> = {}) {
  try {
    parseConfig(yaml, 'board.yaml', env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems.map((p) => [p.line, p.field, p.message]);
  }
  throw new Error('expected the config to be rejected');
}

const NOTIFIERS = `notifiers:
  - { id: mail, type: email, from: greenboard@example.com }
  - { id: ntfy, type: topic, server: "https://ntfy.example.com" }
`;

describe('paging in a config file', () => {
  it('routes that fit their notifiers load, their target fields kept for the pager', () => {
    const { config } = parseConfig(
      `${NOTIFIERS}people:
  - id: alice
    name: Alice
    contact: { email: alice@example.com }
    notify:
      - { via: mail }
      - { via: ntfy, topic: alice-phone, when: outOfHours }
teams:
  - id: payments
    name: Payments
    members: [alice]
    notify: [{ via: ntfy, topic: payments }]
`,
      'board.yaml',
      {},
    );
    expect(config.people[0]!.notify).toEqual([
      { via: 'mail', when: 'always' },
      { via: 'ntfy', when: 'outOfHours', topic: 'alice-phone' },
    ]);
    expect(config.teams[0]!.notify).toEqual([{ via: 'ntfy', when: 'always', topic: 'payments' }]);
  });

  it('every paging problem is named with its line and field, with the schema problems of the same run', () => {
    expect(
      problemsOf(`${NOTIFIERS}  - { id: mail, type: topic, server: "https://other.example.com" }
people:
  - id: alice
    name: Alice
    contact: { slack: "@alice" }
    notify:
      - { via: mial }
      - { via: mail }
      - { via: ntfy, topic: has spaces }
      - { via: ntfy, topik: alice }
      - { via: ntfy, topic: alice, when: sometimes }
teams:
  - id: payments
    name: Payments
    members: [alice, alcie]
    ackTimeout: 500ms
`),
    ).toEqual([
      [4, 'notifiers[2].id', 'duplicate notifier id "mail"'],
      [10, 'people[0].notify[0].via', 'no notifier with id "mial" in notifiers; did you mean "mail"?'],
      [11, 'people[0].notify[1]', 'no address: give `to`, or the person a contact.email'],
      [12, 'people[0].notify[2].topic', 'a topic uses only letters, digits, "-" and "_"'],
      [13, 'people[0].notify[3].topic', 'expected a topic'],
      [13, 'people[0].notify[3].topik', 'unknown field "topik"; did you mean "topic"?'],
      [14, 'people[0].notify[4].when', 'expected always, workingHours or outOfHours'],
      [18, 'teams[0].members[1]', 'no person with id "alcie" in people; did you mean "alice"?'],
      [19, 'teams[0].ackTimeout', 'must be at least 1s (got 500ms)'],
    ]);
  });

  it('a value from the environment never shows in a problem', () => {
    const problems = problemsOf(
      `${NOTIFIERS}people:
  - id: alice
    name: Alice
    notify:
      - { via: mail, to: "\${ALICE_ADDRESS}" }
      - { via: "\${ALICE_CHANNEL}" }
`,
      { ALICE_ADDRESS: 'not-an-address-s3cr3t', ALICE_CHANNEL: 'chan-s3cr3t' },
    );
    expect(problems.map(([line, field]) => [line, field])).toEqual([
      [8, 'people[0].notify[0].to'],
      [9, 'people[0].notify[1].via'],
    ]);
    expect(problems[1]![2]).toMatch(/^no notifier with id /);
    expect(JSON.stringify(problems)).not.toContain('s3cr3t');
  });
});
