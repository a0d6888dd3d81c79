import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../../server/config/load';

const BASE = `teams:
  - { id: payments, name: Payments }
  - { id: discovery, name: Discovery }
services:
  - { id: checkout, name: Checkout API, team: payments, tags: [eu, customer-facing] }
  - { id: search, name: Search, team: discovery, tags: [us] }
`;

function problemsOf(yaml: string) {
  try {
    parseConfig(yaml, 'board.yaml', {});
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems.map((p) => [p.line, p.field, p.message]);
  }
  throw new Error('expected the config to be rejected');
}

describe('views and tags in a config file', () => {
  it('a saved view takes one value or a list for team, tag and status; "problems" stands for down, degraded and unknown', () => {
    const { config } = parseConfig(
      `${BASE}views:
  - { id: payments, name: Payments, team: payments }
  - { id: eu-problems, name: EU problems, tag: [eu, customer-facing], status: problems }
  - { id: red, name: Down or in maintenance, team: [payments, discovery], status: [down, maintenance, down] }
  - { id: all, name: Everything }
`,
      'board.yaml',
      {},
    );
    expect(config.views).toEqual([
      { id: 'payments', name: 'Payments', teams: ['payments'], tags: [], statuses: [] },
      { id: 'eu-problems', name: 'EU problems', teams: [], tags: ['eu', 'customer-facing'], statuses: ['degraded', 'down', 'unknown'] },
      { id: 'red', name: 'Down or in maintenance', teams: ['payments', 'discovery'], tags: [], statuses: ['down', 'maintenance'] },
      { id: 'all', name: 'Everything', teams: [], tags: [], statuses: [] },
    ]);
    expect(config.services.map((s) => s.tags)).toEqual([['eu', 'customer-facing'], ['us']]);
  });

  it('a config without views or tags has none', () => {
    const { config } = parseConfig(BASE.replace(/, tags: \[[^\]]*\]/g, ''), 'board.yaml', {});
    expect(config.views).toEqual([]);
    expect(config.services[0]!.tags).toBeUndefined();
  });

  it('names every mistake at once: an unknown team or tag (with the closest), a status that is none, a repeated id, an unknown field', () => {
    expect(
      problemsOf(`${BASE}views:
  - { id: pay, name: Pay, team: paymnts }
  - { id: pay, name: Again, tag: [eu, customerfacing] }
  - { id: bad, name: Bad, status: problem }
  - { id: typo, name: Typo, teams: payments }
  - { id: list, name: List, team: [payments, Payments Team], status: [down, bogus] }
`),
    ).toEqual([
      [8, 'views[0].team', 'no team with id "paymnts"; did you mean "payments"?'],
      [9, 'views[1].id', 'duplicate view id "pay"'],
      [9, 'views[1].tag[1]', 'no service has the tag "customerfacing"; did you mean "customer-facing"?'],
      [10, 'views[2].status', '"problem" is not a status; use one of problems, up, degraded, down, unknown, maintenance; did you mean "problems"?'],
      [11, 'views[3].teams', 'unknown field "teams"; did you mean "team"?'],
      [12, 'views[4].team[1]', 'ids use only a-z, 0-9 and "-", and start with a letter or digit'],
      [12, 'views[4].status[1]', '"bogus" is not a status; use one of problems, up, degraded, down, unknown, maintenance'],
    ]);
  });

  it('a tag is an id such as "customer-facing"', () => {
    expect(problemsOf(`services:\n  - { id: a, name: A, tags: [EU West] }\n`)).toEqual([
      [2, 'services[0].tags[0]', 'ids use only a-z, 0-9 and "-", and start with a letter or digit'],
    ]);
  });

  it("a view's name from the environment is masked, as every name a board shows", () => {
    const { config } = parseConfig(`${BASE}views:\n  - { id: v, name: "Team \${SECRET_NAME}" }\n`, 'board.yaml', { SECRET_NAME: 'hunter2-secret' });
    expect(config.views[0]!.name).not.toContain('hunter2-secret');
  });
});

describe('the views page of the documentation', () => {
  it('its example is a valid config, read as it says', () => {
    const page = readFileSync(join(import.meta.dirname, '..', '..', '..', 'docs', 'wall-views.md'), 'utf8');
    const [example] = [...page.matchAll(/```yaml\n([\s\S]*?)```/g)].map((m) => m[1]!);
    const { config } = parseConfig(example!, 'wall-views.md', {});
    expect(config.views.map((v) => [v.id, v.teams, v.tags, v.statuses])).toEqual([
      ['europe', [], ['eu'], []],
      ['payments-problems', ['payments'], [], ['degraded', 'down', 'unknown']],
      ['everything', [], [], []],
    ]);
  });
});
