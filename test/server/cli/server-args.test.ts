import { spawn } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ArgumentError, parseServerArgs, UsageError } from '../../../server/cli/server-args';
import { stablePort } from '../../helpers/targets';
import { waitFor } from '../../helpers/wait';

const root = join(import.meta.dirname, '..', '..', '..');

/** The server as `npm start` runs it, with these flags and environment; its config has one service. */
function runServer(args: string[], env: Record<string, string>) {
  const dir = mkdtempSync(join(tmpdir(), 'gb-args-'));
  const config = join(dir, 'board.yaml');
  writeFileSync(config, 'services:\n  - { id: api, name: API }\n');
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'server/main.ts'), '--config', config, ...args], {
    cwd: root,
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', DATABASE_URL: `sqlite:${join(dir, 'gb.db')}`, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  // 'close', not 'exit': by then everything the server wrote has been read.
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  return { child, exited, out: () => stdout, err: () => stderr };
}

describe('the server command line', () => {
  it('--log-level decides over LOG_LEVEL: debug shows each request, with its id', async () => {
    const run = runServer(['--log-level', 'debug'], { LOG_LEVEL: 'error' });
    try {
      const url = await waitFor(() => /serving (http:\/\/[\d.:]+)/.exec(run.out())?.[1], 'the server to say where it listens', { timeoutMs: 30_000 });
      await fetch(`${url}/healthz`, { headers: { 'X-Request-Id': 'probe-from-test' } });
      const line = await waitFor(
        () =>
          run
            .out()
            .split('\n')
            .find((l) => l.includes('"probe-from-test"')),
        'the request to be logged',
      );
      expect(JSON.parse(line)).toMatchObject({ level: 20, msg: 'GET /healthz 200', req: { id: 'probe-from-test' } });
    } finally {
      run.child.kill('SIGTERM');
    }
    expect(await run.exited).toBe(0);
  });

  it('LOG_LEVEL still sets the level when the flag is absent', async () => {
    const port = await stablePort();
    const run = runServer([], { LOG_LEVEL: 'warn', PORT: String(port) });
    try {
      await waitFor(async () => (await fetch(`http://127.0.0.1:${port}/readyz`)).ok, 'the server to be ready', { timeoutMs: 30_000 });
      expect((await fetch(`http://127.0.0.1:${port}/api/nothing-here`)).status).toBe(404);
    } finally {
      run.child.kill('SIGTERM');
    }
    expect(await run.exited).toBe(0);
    // `serving …`, the 404 and `stopping` are info lines: at warn, a server that runs well says nothing.
    expect(run.out()).toBe('');
  });

  it('an unknown --log-level stops start-up with exit 1 and the levels there are', async () => {
    const run = runServer(['--log-level', 'loud'], {});
    expect(await run.exited).toBe(1);
    expect(run.err()).toBe('greenboard: --log-level "loud" is not a log level; use one of fatal, error, warn, info, debug, trace, silent\n');
  });

  it('an unknown flag is a usage error: exit 2 with the usage', async () => {
    const run = runServer(['--verbose'], {});
    expect(await run.exited).toBe(2);
    expect(run.err()).toMatch(/^greenboard: Unknown option '--verbose'.*\nusage: greenboard start \[--config FILE\] \[--log-level LEVEL\]\n$/s);
  });
});

describe('reading the server command line', () => {
  it.each([
    [[], {}, { config: undefined, logLevel: 'info' }],
    [['--config', 'a.yaml'], { GREENBOARD_CONFIG: 'b.yaml' }, { config: 'a.yaml', logLevel: 'info' }],
    [['-c', 'a.yaml'], {}, { config: 'a.yaml', logLevel: 'info' }],
    [[], { GREENBOARD_CONFIG: 'b.yaml', LOG_LEVEL: 'debug' }, { config: 'b.yaml', logLevel: 'debug' }],
    [['--log-level', 'warn'], { LOG_LEVEL: 'debug' }, { config: undefined, logLevel: 'warn' }],
    [['--log-level=TRACE'], {}, { config: undefined, logLevel: 'trace' }],
    [[], { LOG_LEVEL: '' }, { config: undefined, logLevel: 'info' }],
    [['--log-level', 'silent'], {}, { config: undefined, logLevel: 'silent' }],
  ])('%j with %j gives %j', (args, env, expected) => {
    expect(parseServerArgs(args, env)).toEqual(expected);
  });

  it('a level pino does not know is refused, naming where it came from', () => {
    expect(() => parseServerArgs(['--log-level', 'verbose'], {})).toThrow(ArgumentError);
    expect(() => parseServerArgs([], { LOG_LEVEL: 'warning' })).toThrow('LOG_LEVEL "warning" is not a log level');
  });

  it('an unknown flag or a stray word is a usage error', () => {
    expect(() => parseServerArgs(['--port', '80'], {})).toThrow(UsageError);
    expect(() => parseServerArgs(['board.yaml'], {})).toThrow(UsageError);
    expect(() => parseServerArgs(['--config'], {})).toThrow(UsageError);
  });
});
