import type { ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

// Everything a benchmark starts is registered here, so that one call (or the process
// exiting, however it exits) stops every child and removes every temp dir.
const children = new Set<ChildProcess>();
const dirs = new Set<string>();

export function track<T extends ChildProcess>(child: T): T {
  children.add(child);
  child.once('exit', () => children.delete(child));
  return child;
}

export function tempDir(prefix: string): string {
  const dir = mkdtempSync(join(tmpdir(), `greenboard-bench-${prefix}-`));
  dirs.add(dir);
  return dir;
}

/** Keeps a temp dir after the run (CPU profiles the user asked for). */
export function keepDir(dir: string): void {
  dirs.delete(dir);
}

const alive = (child: ChildProcess) => child.exitCode === null && child.signalCode === null;

/** Asks a child to stop, and kills it if it has not stopped within `graceMs`. */
export async function stopChild(child: ChildProcess, graceMs = 5_000): Promise<void> {
  if (!alive(child)) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  await exited;
  clearTimeout(timer);
}

export async function cleanupAll(): Promise<void> {
  await Promise.all([...children].map((child) => stopChild(child)));
  removeDirs();
}

function removeDirs(): void {
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
  dirs.clear();
}

// Last resort when the orchestrator dies: no waiting is possible in 'exit'.
process.once('exit', () => {
  for (const child of children) if (alive(child)) child.kill('SIGKILL');
  removeDirs();
});
