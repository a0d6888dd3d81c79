import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { track } from './cleanup';

/** The repository root, for running the server and the bench's own child entries. */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** Forks one of bench/lib's TypeScript entries with an IPC channel. */
export function forkEntry(name: string): ChildProcess {
  const file = fileURLToPath(new URL(`./${name}.ts`, import.meta.url));
  return track(fork(file, [], { cwd: ROOT, execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] }));
}

/** The next IPC message from `child` that `accept` maps to a value; rejects on timeout or exit. */
export function nextMessage<T>(child: ChildProcess, accept: (message: unknown) => T | undefined, timeoutMs: number, what: string): Promise<T> {
  return new Promise((resolve, reject) => {
    const done = () => {
      clearTimeout(timer);
      child.off('message', onMessage);
      child.off('exit', onExit);
    };
    const onMessage = (message: unknown) => {
      const value = accept(message);
      if (value === undefined) return;
      done();
      resolve(value);
    };
    const onExit = (code: number | null) => {
      done();
      reject(new Error(`child exited (${code}) while waiting for ${what}`));
    };
    const timer = setTimeout(() => {
      done();
      reject(new Error(`timed out after ${timeoutMs} ms waiting for ${what}`));
    }, timeoutMs);
    child.on('message', onMessage);
    child.once('exit', onExit);
  });
}

/** Picks a type-tagged message. */
export const ofType =
  <T extends { type: string }>(type: T['type']) =>
  (message: unknown): T | undefined =>
    typeof message === 'object' && message !== null && (message as { type?: unknown }).type === type ? (message as T) : undefined;
