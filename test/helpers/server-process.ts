import { spawn, type ChildProcess } from 'node:child_process';
import { join } from 'node:path';
import { waitFor } from './wait';

const root = join(import.meta.dirname, '..', '..');

/** How a process ended: its exit code, or the signal that killed it. */
export interface ProcessExit {
  code: number | null;
  signal: NodeJS.Signals | null;
}

export interface ServerProcess {
  child: ChildProcess;
  url: string;
  /** Everything the process wrote, for a failing test's message. */
  output(): string;
  /** Sends `signal` (SIGTERM by default) and resolves with how the process ended. */
  kill(signal?: NodeJS.Signals): Promise<ProcessExit>;
}

/** Greenboard as users run it: its own process, a config file, a SQLite file, a fixed port. */
export async function startServerProcess(options: { config: string; dbFile: string; port: number; env?: Record<string, string> }): Promise<ServerProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'server/main.ts'), '--config', options.config], {
    cwd: root,
    env: { ...process.env, PORT: String(options.port), HOST: '127.0.0.1', DATABASE_URL: `sqlite:${options.dbFile}`, LOG_LEVEL: 'warn', ...options.env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  const exited = new Promise<ProcessExit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const url = `http://127.0.0.1:${options.port}`;
  await waitFor(async () => child.exitCode === null && (await fetch(`${url}/readyz`)).ok, `the server on ${url} to be ready`, { timeoutMs: 30_000 }).catch(
    (error: Error) => {
      child.kill('SIGKILL');
      throw new Error(`${error.message}\n${output}`);
    },
  );
  return {
    child,
    url,
    output: () => output,
    async kill(signal = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      return exited;
    },
  };
}
