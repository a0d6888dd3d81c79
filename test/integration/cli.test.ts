import { spawn } from 'node:child_process';
import { mkdtempSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { startHttpTarget } from '../helpers/targets';
import { waitFor } from '../helpers/wait';

const root = join(import.meta.dirname, '..', '..');

function runMain(args: string[], env: Record<string, string> = {}) {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'server/main.ts'), ...args], {
    cwd: root,
    env: { ...process.env, LOG_LEVEL: 'info', PORT: '0', DATABASE_URL: `sqlite:${join(mkdtempSync(join(tmpdir(), 'gb-cli-')), 'gb.db')}`, ...env },
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  return { child, exited, out: () => stdout, err: () => stderr };
}

describe('starting greenboard from the command line', () => {
  it('a bad config stops start-up with file, line and field, and a non-zero exit', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'gb-bad-'));
    const file = join(dir, 'board.yaml');
    writeFileSync(
      file,
      'services:\n  - id: api\n    name: API\n    checks:\n      - { id: h, type: http, url: "http://127.0.0.1:1/", interval: 10 seconds }\n',
    );
    const run = runMain(['--config', file]);
    expect(await run.exited).toBe(1);
    expect(run.err()).toContain(`${file}:5: services[0].checks[0].interval: "10 seconds" is not a duration`);
  });

  it('GREENBOARD_CONFIG names the config when --config is absent', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'gb-env-')), 'board.yaml');
    writeFileSync(file, 'services:\n  - id: api\n    nam: API\n');
    const run = runMain([], { GREENBOARD_CONFIG: file });
    expect(await run.exited).toBe(1);
    expect(run.err()).toContain(`${file}:3: services[0].nam: unknown field "nam"`);
  });

  it('a good config starts a server that answers, and SIGTERM stops it cleanly', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'gb-good-')), 'board.yaml');
    writeFileSync(file, 'services:\n  - id: api\n    name: API\n');
    const run = runMain(['--config', file]);
    const url = await waitFor(() => /serving (http:\/\/[\d.:]+)/.exec(run.out())?.[1], 'the server to say where it listens', { timeoutMs: 15_000 });
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  });
});

describe('changing the config of a running server', () => {
  it('a good change is put in force; a bad one is refused with its line and the running config stays', async () => {
    const file = join(mkdtempSync(join(tmpdir(), 'gb-reload-')), 'board.yaml');
    writeFileSync(file, 'services:\n  - id: api\n    name: API\n');
    const run = runMain(['--config', file]);
    const url = await waitFor(() => /serving (http:\/\/[\d.:]+)/.exec(run.out())?.[1], 'the server to start', { timeoutMs: 15_000 });
    const ids = async () => ((await (await fetch(`${url}/api/services`)).json()) as { services: Array<{ id: string }> }).services.map((s) => s.id);

    writeFileSync(file, 'services:\n  - id: api\n    name: API\n  - id: web\n    name: Web\n');
    await waitFor(async () => (await ids()).includes('web'), 'the new service to appear');

    writeFileSync(file, 'services:\n  - id: api\n    name: API\n    colour: red\n');
    await waitFor(() => run.out().includes('config not reloaded'), 'the bad config to be refused');
    expect(run.out()).toContain(`${file}:4: services[0].colour: unknown field`);
    expect(await ids()).toEqual(['api', 'web']);

    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
  });

  it('emptying the file (`: > file`) leaves the board as it was and says why; a good change after it still applies', async () => {
    const target = await startHttpTarget('up');
    const file = join(mkdtempSync(join(tmpdir(), 'gb-empty-')), 'board.yaml');
    writeFileSync(
      file,
      `services:\n  - id: api\n    name: API\n    checks: [{ id: h, type: http, url: "${target.url}/", interval: 1s, timeout: 500ms }]\n  - id: web\n    name: Web\n`,
    );
    const run = runMain(['--config', file]);
    const url = await waitFor(() => /serving (http:\/\/[\d.:]+)/.exec(run.out())?.[1], 'the server to start', { timeoutMs: 15_000 });
    const ids = async () => ((await (await fetch(`${url}/api/services`)).json()) as { services: Array<{ id: string }> }).services.map((s) => s.id);

    truncateSync(file, 0);
    await waitFor(() => run.out().includes('config not reloaded'), 'the empty config to be refused');
    expect(run.out()).toContain('the new config has no services and the running one has 2');
    expect(await ids()).toEqual(['api', 'web']);
    expect((await fetch(`${url}/readyz`)).status).toBe(200);
    // Its checks keep running.
    const hits = target.hits;
    await waitFor(() => target.hits >= hits + 2, 'the check of api to keep probing');

    writeFileSync(file, 'services:\n  - id: api\n    name: API\n');
    await waitFor(async () => (await ids()).join() === 'api', 'the next good change to apply');

    run.child.kill('SIGTERM');
    expect(await run.exited).toBe(0);
    await target.close();
  });
});
