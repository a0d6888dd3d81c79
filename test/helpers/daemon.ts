import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { requirement } from './requirements';
import type { ProcessExit } from './server-process';
import { stablePort } from './targets';
import { waitFor } from './wait';

/** A monitoring program (Prometheus, Alertmanager) run by a test as its own child process. */
export interface Daemon {
  /** `Prometheus`, `Alertmanager`: for messages. */
  name: string;
  /** `http://127.0.0.1:PORT`, where its web API listens. */
  url: string;
  port: number;
  /** The directory it was given for its config and data; removed when it stops. */
  dir: string;
  /** Everything it wrote to stdout and stderr, for a failing test's message. */
  output(): string;
  /** Stops it (SIGTERM, then SIGKILL if it lingers) and removes its directory. */
  stop(): Promise<ProcessExit>;
}

/** What to start: the binary, its arguments for a port, and what to call it in messages. */
export interface DaemonSpec {
  name: string;
  binary: string;
  /** The command line, given the port it must listen on and its own directory. */
  args(port: number, dir: string): string[];
  /** Writes its config files into `dir` before it starts. */
  prepare(dir: string, port: number): Promise<void>;
  /** A port to listen on; a free one below the ephemeral range when absent. */
  port?: number;
}

/** Skips tests that need these binaries when one is absent; fails instead under CI=true. */
export function binariesRequirement(name: string, binaries: readonly string[], hint: string): { skip: boolean } {
  const missing = binaries.filter((binary) => !existsSync(binary));
  return requirement(name, missing.length === 0, `${hint} (missing: ${missing.join(', ') || 'none'})`);
}

/** Starts the program and resolves once its `/-/ready` answers 200; fails with its output if it exits or never gets ready. */
export async function startDaemon(spec: DaemonSpec): Promise<Daemon> {
  const dir = await mkdtemp(join(tmpdir(), `gb-${spec.name.toLowerCase()}-`));
  const port = spec.port ?? (await stablePort());
  await spec.prepare(dir, port);
  const child = spawn(spec.binary, spec.args(port, dir), { cwd: dir, stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout.on('data', (d) => (output += d));
  child.stderr.on('data', (d) => (output += d));
  child.on('error', (error) => (output += `\n${error.message}`));
  const exited = new Promise<ProcessExit>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  const running = () => child.exitCode === null && child.signalCode === null;
  const url = `http://127.0.0.1:${port}`;

  const stop = async (): Promise<ProcessExit> => {
    if (running()) child.kill('SIGTERM');
    // Both programs stop within milliseconds on SIGTERM; one that does not is killed outright.
    const forced = setTimeout(() => running() && child.kill('SIGKILL'), 5_000);
    const exit = await exited;
    clearTimeout(forced);
    await rm(dir, { recursive: true, force: true });
    return exit;
  };

  try {
    const state = await waitFor(async () => (running() ? (await fetch(`${url}/-/ready`)).ok && 'ready' : 'exited'), `${spec.name} on ${url} to be ready`, {
      timeoutMs: 20_000,
      everyMs: 50,
    });
    if (state === 'exited') throw new Error(`${spec.name} exited before it was ready`);
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message}\n${spec.name} said:\n${output}`);
  }
  return { name: spec.name, url, port, dir, output: () => output, stop };
}
