import { describe, expect, it } from 'vitest';
import { ConfigError, parseConfig } from '../../../server/config/load';

function problemsOf(yaml: string) {
  try {
    parseConfig(yaml, 'board.yaml', {});
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected the config to be rejected');
}

describe('every problem of a config is reported in one run', () => {
  it('reference problems come with schema problems, not after they are fixed', () => {
    const problems = problemsOf(`teams:
  - { id: payments, name: Payments }
  - { id: payments, name: Payments again }
services:
  - id: checkout
    name: Checkout
    team: paymnts
    dependsOn: [orders-dbb, ledger]
    checks:
      - id: health
        type: http
        url: not a url
        timeout: 40s
  - id: orders-db
    name: ""
  - id: ledger
    name: Ledger
    dependsOn: [checkout]
    checks:
      - id: port
        type: tcp
        host: 127.0.0.1
        port: 70000
`);
    expect(problems.map((p) => [p.line, p.field, p.message])).toEqual([
      [3, 'teams[1].id', 'duplicate team id "payments"'],
      [7, 'services[0].team', 'no team with id "paymnts"; did you mean "payments"?'],
      [8, 'services[0].dependsOn[0]', 'no service with id "orders-dbb"; did you mean "orders-db"?'],
      [8, 'services[0].dependsOn[1]', 'dependencies go round in a circle: checkout → ledger → checkout'],
      [12, 'services[0].checks[0].url', 'expected an http:// or https:// URL'],
      [13, 'services[0].checks[0].timeout', 'must not be longer than the interval (30s); got 40s'],
      [15, 'services[1].name', 'must not be empty'],
      [23, 'services[2].checks[0].port', 'must be a port from 1 to 65535'],
    ]);
  });

  it('an unknown field anywhere suggests the field that was probably meant', () => {
    const problems = problemsOf(`service:
  - id: checkout
teams:
  - { id: web, name: Web, oncal: x }
`);
    expect(problems.map((p) => [p.line, p.field, p.message])).toEqual([
      [1, 'service', 'unknown field "service"; did you mean "services"?'],
      [4, 'teams[0].oncal', 'unknown field "oncal"; did you mean "oncall"?'],
    ]);
  });

  it("an unknown field of a check is matched against its own type's fields", () => {
    const problems = problemsOf(`services:
  - id: checkout
    name: Checkout
    dependson: []
    checks:
      - id: web
        type: http
        url: http://127.0.0.1/
        hedaers: { accept: text/html }
        expect: { staus: 200 }
      - id: port
        type: tcp
        host: 127.0.0.1
        prot: 5432
`);
    expect(problems.map((p) => [p.line, p.field, p.message])).toEqual([
      [4, 'services[0].dependson', 'unknown field "dependson"; did you mean "dependsOn"?'],
      [9, 'services[0].checks[0].hedaers', 'unknown field "hedaers"; did you mean "headers"?'],
      [10, 'services[0].checks[0].expect.staus', 'unknown field "staus"; did you mean "status"?'],
      [11, 'services[0].checks[1].port', 'expected a port number'],
      [14, 'services[0].checks[1].prot', 'unknown field "prot"; did you mean "port"?'],
    ]);
  });

  it('a value outside a fixed set suggests the one that was probably meant', () => {
    const [problem] = problemsOf(`services:
  - id: checkout
    name: Checkout
    checks:
      - id: web
        type: http
        url: http://127.0.0.1/
        method: PSOT
`);
    expect(problem).toMatchObject({ line: 8, field: 'services[0].checks[0].method' });
    expect(problem!.message).toMatch(/did you mean "POST"\?$/);
  });

  it('a reference problem in a field the schema already refused is said once', () => {
    const problems = problemsOf(`services:
  - id: a
    name: A
    dependsOn: [Not_A_Slug]
`);
    expect(problems).toHaveLength(1);
    expect(problems[0]!.field).toBe('services[0].dependsOn[0]');
    expect(problems[0]!.message).toMatch(/ids use only/);
  });
});

describe('references when a list is missing or malformed', () => {
  it('a team named by a service in a config without teams is unknown', () => {
    expect(problemsOf('services:\n  - { id: a, name: A, team: payments }\n')).toEqual([
      { line: 2, field: 'services[0].team', message: 'no team with id "payments"' },
    ]);
  });

  it('teams that are not a list are reported once, not as every reference to them', () => {
    const problems = problemsOf('teams: payments\nservices:\n  - { id: a, name: A, team: payments }\n');
    expect(problems.map((p) => p.field)).toEqual(['teams']);
  });
});
