import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfigFile, parseConfig } from '../../../server/config/load';

function problemsOf(yaml: string, env: Record<string, string> = {}) {
  try {
    parseConfig(yaml, 'board.yaml', env);
  } catch (error) {
    expect(error).toBeInstanceOf(ConfigError);
    return (error as ConfigError).problems;
  }
  throw new Error('expected the config to be rejected');
}

const service = (checkLines: string) => `services:
  - id: checkout
    name: Checkout
    checks:
      - id: health
${checkLines}`;

describe('a valid config', () => {
  it('fills in defaults and turns durations into milliseconds', () => {
    const { config } = parseConfig(service('        type: http\n        url: http://127.0.0.1:9000/health\n        interval: 10s\n'), 'board.yaml', {});
    expect(config.services[0]!.checks[0]).toMatchObject({
      type: 'http',
      interval: 10_000,
      timeout: 10_000,
      failureThreshold: 2,
      successThreshold: 1,
      method: 'GET',
    });
  });

  it('a check that says only how often gets a timeout no longer than its interval', () => {
    const timeoutOf = (interval: string) =>
      parseConfig(service(`        type: tcp\n        host: 127.0.0.1\n        port: 5432\n        interval: ${interval}\n`), 'board.yaml', {}).config
        .services[0]!.checks[0]!.timeout;
    expect(timeoutOf('2s')).toBe(2_000);
    expect(timeoutOf('1m')).toBe(10_000);
  });

  it('an empty file is an empty board', () => {
    expect(parseConfig('', 'board.yaml', {}).config.services).toEqual([]);
  });
});

describe('config errors name file, line and field', () => {
  it('an unknown key is an error at its own line, so a typo never disables a check', () => {
    const problems = problemsOf(service('        type: http\n        url: http://127.0.0.1:9000/\n        intervall: 10s\n'));
    expect(problems).toEqual([{ line: 8, field: 'services[0].checks[0].intervall', message: 'unknown field "intervall"; did you mean "interval"?' }]);
  });

  it('a malformed duration names the field and shows the accepted forms', () => {
    const [problem] = problemsOf(service('        type: tcp\n        host: 127.0.0.1\n        port: 5432\n        timeout: 2 seconds\n'));
    expect(problem).toMatchObject({ line: 9, field: 'services[0].checks[0].timeout' });
    expect(problem!.message).toContain('"2 seconds" is not a duration');
  });

  it('an interval under one second is refused', () => {
    const [problem] = problemsOf(service('        type: tcp\n        host: 127.0.0.1\n        port: 5432\n        interval: 500ms\n'));
    expect(problem).toMatchObject({ line: 9, field: 'services[0].checks[0].interval' });
    expect(problem!.message).toContain('at least 1s');
  });

  it('an interval beyond a week, or a timeout beyond an hour, is refused', () => {
    const [interval] = problemsOf(service('        type: tcp\n        host: 127.0.0.1\n        port: 5432\n        interval: 30d\n'));
    expect(interval).toMatchObject({ line: 9, field: 'services[0].checks[0].interval' });
    expect(interval!.message).toContain('at most 7d');
    const [timeout] = problemsOf(service('        type: tcp\n        host: 127.0.0.1\n        port: 5432\n        interval: 2d\n        timeout: 2h\n'));
    expect(timeout).toMatchObject({ line: 10, field: 'services[0].checks[0].timeout' });
    expect(timeout!.message).toContain('at most 1h');
  });

  it('a timeout longer than the interval is refused, since runs would overlap', () => {
    const problems = problemsOf(service('        type: tcp\n        host: 127.0.0.1\n        port: 5432\n        interval: 1s\n        timeout: 1500ms\n'));
    expect(problems).toEqual([{ line: 10, field: 'services[0].checks[0].timeout', message: 'must not be longer than the interval (1s); got 1500ms' }]);
  });

  it('a check without a type says the type is missing, and a port out of range says the range', () => {
    const [missing] = problemsOf(service('        url: http://127.0.0.1:9000/\n'));
    expect(missing).toMatchObject({ field: 'services[0].checks[0].type' });
    expect(missing!.message).toMatch(/^missing field "type"; one of: .*http/);
    const [port] = problemsOf(service('        type: tcp\n        host: 127.0.0.1\n        port: 70000\n'));
    expect(port).toEqual({ line: 8, field: 'services[0].checks[0].port', message: 'must be a port from 1 to 65535' });
  });

  it('a number where a duration belongs is refused', () => {
    const [problem] = problemsOf(service('        type: tcp\n        host: 127.0.0.1\n        port: 5432\n        interval: 10\n'));
    expect(problem!.message).toContain('expected a duration string');
  });

  it('an unknown check type lists the known ones', () => {
    const [problem] = problemsOf(service('        type: htp\n'));
    expect(problem).toMatchObject({ line: 6, field: 'services[0].checks[0].type' });
    expect(problem!.message).toMatch(/^unknown check type "htp"; known types: http, tcp, .*; did you mean "http"\?$/);
  });

  it("a check type's own rules apply when the config loads, not only when it runs", () => {
    const problems = problemsOf(service('        type: http\n        url: http://127.0.0.1/\n        body: raw\n        json: { a: 1 }\n'));
    expect(problems.length).toBeGreaterThan(0);
    expect(problems.map((p) => p.message).join(' ')).toMatch(/only one of/);
  });

  it('a missing required field points at the object that lacks it', () => {
    const [problem] = problemsOf(service('        type: http\n'));
    expect(problem).toMatchObject({ line: 5, field: 'services[0].checks[0].url' });
  });

  it('every problem is reported at once, in line order', () => {
    const problems = problemsOf(`services:
  - id: Bad_Id
    name: ""
    checks:
      - id: a
        type: tcp
        host: 127.0.0.1
        port: 99999
`);
    expect(problems.map((p) => [p.line, p.field])).toEqual([
      [2, 'services[0].id'],
      [3, 'services[0].name'],
      [8, 'services[0].checks[0].port'],
    ]);
  });

  it('references to unknown teams and services and duplicate ids are errors', () => {
    const problems = problemsOf(`teams:
  - { id: payments, name: Payments }
services:
  - id: checkout
    name: Checkout
    team: paymnts
    dependsOn: [orders-db, checkout]
  - id: checkout
    name: Checkout again
`);
    expect(problems.map((p) => [p.line, p.message])).toEqual([
      [6, 'no team with id "paymnts"; did you mean "payments"?'],
      [7, 'no service with id "orders-db"'],
      [7, 'a service cannot depend on itself'],
      [8, 'duplicate service id "checkout"'],
    ]);
  });

  it('broken YAML is reported with its line', () => {
    const [problem] = problemsOf('services:\n  - id: a\n   name: b\n');
    expect(problem!.line).toBe(3);
  });

  it('a duplicate key is an error rather than a silent override, and names the key', () => {
    const [problem] = problemsOf('services: []\nservices: []\n');
    expect(problem).toEqual({ line: 2, field: '', message: 'duplicate key "services"' });
  });

  it('the error message puts every problem on its own file:line line', () => {
    try {
      parseConfig(service('        type: http\n        url: http://127.0.0.1/\n        bogus: 1\n'), 'conf/board.yaml', {});
    } catch (error) {
      expect((error as Error).message).toContain('conf/board.yaml:8: services[0].checks[0].bogus: unknown field "bogus"');
      return;
    }
    throw new Error('expected a ConfigError');
  });
});

describe('${VAR} from the environment', () => {
  const yaml = service('        type: http\n        url: http://${HOST_AND_PORT}/health\n        headers: { authorization: "Bearer ${API_TOKEN}" }\n');

  it('replaces references and reports the values as secrets', () => {
    const loaded = parseConfig(yaml, 'board.yaml', { HOST_AND_PORT: '127.0.0.1:9000', API_TOKEN: 's3cret-token' });
    const check = loaded.config.services[0]!.checks[0]!;
    expect(check.type === 'http' && check.url).toBe('http://127.0.0.1:9000/health');
    expect(check.type === 'http' && check.headers.authorization).toBe('Bearer s3cret-token');
    expect(loaded.secrets).toContain('s3cret-token');
  });

  it('a variable that is not set is an error at its line, naming the field', () => {
    const problems = problemsOf(yaml, { HOST_AND_PORT: '127.0.0.1:9000' });
    expect(problems).toEqual([{ line: 8, field: 'services[0].checks[0].headers.authorization', message: 'environment variable API_TOKEN is not set' }]);
  });

  it('a variable that is not set is reported with every other problem, not alone', () => {
    const problems = problemsOf(service('        type: http\n        url: "${CHECK_URL}"\n        intervall: 10s\n        timeout: soon\n'), {});
    expect(problems.map((p) => [p.line, p.field, p.message.split(';')[0]])).toEqual([
      [7, 'services[0].checks[0].url', 'environment variable CHECK_URL is not set'],
      [8, 'services[0].checks[0].intervall', 'unknown field "intervall"'],
      [9, 'services[0].checks[0].timeout', '"soon" is not a duration'],
    ]);
  });

  it('a problem message never shows a value that came from the environment', () => {
    const problems = problemsOf(service('        type: tcp\n        host: 127.0.0.1\n        port: 5432\n        timeout: "${DB_PASSWORD}"\n'), {
      DB_PASSWORD: 's3cr3t-pass',
    });
    expect(problems).toHaveLength(1);
    expect(problems[0]!.field).toBe('services[0].checks[0].timeout');
    expect(problems[0]!.message).not.toContain('s3cr3t-pass');
  });

  it('ports, hosts and bare numbers from the environment are not treated as secrets', () => {
    const yamlOf = service('        type: tcp\n        host: ${DB_HOST}\n        port: ${DB_PORT}\n        failureThreshold: ${RETRIES}\n');
    const loaded = parseConfig(`${yamlOf}        name: "\${LABEL}"\n`, 'board.yaml', {
      DB_HOST: 'db.internal',
      DB_PORT: '5432',
      RETRIES: '3',
      LABEL: 'primary-db',
    });
    expect(loaded.secrets).toEqual(['primary-db']);
  });

  it('a default applies when the variable is unset, and a bare number stays a number', () => {
    const { config } = parseConfig(service('        type: tcp\n        host: 127.0.0.1\n        port: ${DB_PORT:-5432}\n'), 'board.yaml', {});
    const check = config.services[0]!.checks[0]!;
    expect(check.type === 'tcp' && check.port).toBe(5432);
  });

  it('a value cannot change the YAML structure', () => {
    const { config } = parseConfig(service('        type: tcp\n        host: ${EVIL}\n        port: 1\n'), 'board.yaml', { EVIL: 'x\n        port: 2' });
    const check = config.services[0]!.checks[0]!;
    expect(check.type === 'tcp' && check.host).toBe('x\n        port: 2');
  });

  it('$${ is a literal ${', () => {
    const { config } = parseConfig('services:\n  - id: a\n    name: "costs $${PRICE}"\n', 'board.yaml', {});
    expect(config.services[0]!.name).toBe('costs ${PRICE}');
  });
});

describe('loading a file', () => {
  it('a missing file is a ConfigError naming the file', async () => {
    await expect(loadConfigFile('/nonexistent/board.yaml')).rejects.toThrow(/\/nonexistent\/board.yaml/);
  });

  it('reads and validates a file from disk', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'gb-config-'));
    const file = join(dir, 'board.yaml');
    await writeFile(file, 'teams:\n  - { id: web, name: Web }\n');
    const loaded = await loadConfigFile(file, {});
    expect(loaded.config.teams).toMatchObject([{ id: 'web', name: 'Web' }]);
    expect(loaded.file).toBe(file);
  });
});

describe('dependencies', () => {
  const services = (...lines: string[]) => `services:\n${lines.join('')}`;
  const svc = (id: string, deps: string[]) => `  - id: ${id}\n    name: ${id}\n    dependsOn: [${deps.join(', ')}]\n`;

  it('a cycle is an error at the dependency that closes it, naming the services', () => {
    const problems = problemsOf(services(svc('a', ['b']), svc('b', ['c']), svc('c', ['a']), svc('d', ['a'])));
    expect(problems).toEqual([{ line: 4, field: 'services[0].dependsOn[0]', message: 'dependencies go round in a circle: a → b → c → a' }]);
  });

  it('a chain, a diamond and a service depended on by many are fine', () => {
    expect(() => parseConfig(services(svc('a', ['b', 'c']), svc('b', ['d']), svc('c', ['d']), svc('d', [])), 'board.yaml', {})).not.toThrow();
  });

  it('a service depending on itself is said once, as such', () => {
    expect(problemsOf(services(svc('a', ['a'])))).toEqual([{ line: 4, field: 'services[0].dependsOn[0]', message: 'a service cannot depend on itself' }]);
  });
});
