import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configSummary } from '../../../server/cli/check-config';
import { configFromYaml } from '../../helpers/config';

const root = join(import.meta.dirname, '..', '..', '..');
const BIN = join(root, 'bin/greenboard.mjs');

interface Ran {
  code: number | null;
  stdout: string;
  stderr: string;
}

/** Runs a command to its end, as a CI step or a shell would, with `env` over a copy of this one. */
function run(command: string, args: string[], env: Record<string, string | undefined> = {}): Promise<Ran> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

const greenboard = (args: string[], env?: Record<string, string | undefined>) => run(process.execPath, [BIN, ...args], env);

/** The server's own start-up with this config, on a port and database of its own; it fails before listening. */
const startServer = (file: string, env?: Record<string, string | undefined>) =>
  run(process.execPath, ['--import', 'tsx', join(root, 'server/main.ts'), '--config', file], {
    PORT: '0',
    DATABASE_URL: `sqlite:${join(mkdtempSync(join(tmpdir(), 'gb-check-db-')), 'gb.db')}`,
    ...env,
  });

function configFile(text: string): string {
  const file = join(mkdtempSync(join(tmpdir(), 'gb-check-')), 'board.yaml');
  writeFileSync(file, text);
  return file;
}

const GOOD = `teams:
  - { id: payments, name: Payments }
services:
  - id: checkout
    name: Checkout
    team: payments
    checks:
      - { id: health, type: http, url: "http://127.0.0.1:1/health", interval: 30s }
      - { id: port, type: tcp, host: 127.0.0.1, port: 1 }
  - id: orders-db
    name: Orders DB
`;

describe('greenboard check-config FILE', () => {
  it('a valid config exits 0 and says what it holds', async () => {
    const file = configFile(GOOD);
    const result = await greenboard(['check-config', file]);
    expect(result).toMatchObject({ code: 0, stderr: '' });
    expect(result.stdout).toBe(`${file}: ok — 2 services, 2 checks, 1 team\n`);
  });

  it('a broken config exits 1 with the very message start-up gives, file, line and field', async () => {
    const file = configFile(GOOD.replace('interval: 30s', 'interval: 30 seconds').replace('team: payments', 'team: paymnets'));
    const [checked, started] = await Promise.all([greenboard(['check-config', file]), startServer(file)]);
    expect(checked.code).toBe(1);
    expect(checked.stdout).toBe('');
    expect(checked.stderr).toContain(`greenboard: invalid config ${file} (2 problems):`);
    expect(checked.stderr).toContain(`${file}:6: services[0].team: no team with id "paymnets"; did you mean "payments"?`);
    expect(checked.stderr).toContain(`${file}:8: services[0].checks[0].interval: "30 seconds" is not a duration`);
    expect(started.code).toBe(1);
    expect(checked.stderr).toBe(started.stderr);
  });

  it('an unset ${VAR} is the same error as at start-up, and a set one passes', async () => {
    const file = configFile(GOOD.replace('http://127.0.0.1:1/health', 'http://127.0.0.1:1/health?key=${CHECKOUT_KEY}'));
    const [checked, started] = await Promise.all([
      greenboard(['check-config', file], { CHECKOUT_KEY: undefined }),
      startServer(file, { CHECKOUT_KEY: undefined }),
    ]);
    expect(checked.code).toBe(1);
    expect(checked.stderr).toContain(`${file}:8: services[0].checks[0].url: environment variable CHECKOUT_KEY is not set`);
    expect(checked.stderr).toBe(started.stderr);

    const withKey = await greenboard(['check-config', file], { CHECKOUT_KEY: 'k-123456' });
    expect(withKey.code).toBe(0);
  });

  it('a missing file exits 1 naming the file and why', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'gb-check-')), 'nowhere.yaml');
    const result = await greenboard(['check-config', file]);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain(`${file}:?: cannot read file: ENOENT: no such file or directory`);
  });

  it('runs as an npm script: npm run check-config -- FILE', async () => {
    const file = configFile(GOOD);
    const result = await run('npm', ['run', '--silent', 'check-config', '--', file]);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain(`${file}: ok — 2 services`);
  });
});

describe('greenboard usage', () => {
  it.each([
    ['no command', []],
    ['an unknown command', ['chek-config', 'board.yaml']],
    ['check-config without a file', ['check-config']],
    ['check-config with two files', ['check-config', 'a.yaml', 'b.yaml']],
    ['check-config with an unknown option', ['check-config', '--strict']],
  ])('%s is a usage error: exit 2 and the usage on stderr', async (_what, args) => {
    const result = await greenboard(args);
    expect(result.code).toBe(2);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^greenboard: .+\nusage: greenboard <command>/);
  });

  it('--help prints the usage with the exit codes and exits 0', async () => {
    const result = await greenboard(['--help']);
    expect(result.code).toBe(0);
    expect(result.stdout).toContain('check-config FILE');
    expect(result.stdout).toContain('exit codes: 0 ok, 1 invalid config (or password), or the server failed, 2 usage error');
    expect(result.stdout).toContain('hash-password');
  });
});

describe('the summary of a valid config', () => {
  it('counts services and checks always, the rest only when there are some, in the singular for one', () => {
    expect(configSummary('a.yaml', configFromYaml('services: []'))).toBe('a.yaml: ok — 0 services, 0 checks');
    const config = configFromYaml(`
people:
  - { id: ann, name: Ann }
  - { id: bo, name: Bo }
services:
  - { id: api, name: API, checks: [{ id: h, type: tcp, host: 127.0.0.1, port: 1 }] }
views:
  - { id: trouble, name: Trouble, status: problems }
`);
    expect(configSummary('b.yaml', config)).toBe('b.yaml: ok — 1 service, 1 check, 2 people, 1 view');
  });
});
