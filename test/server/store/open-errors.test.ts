import { spawn } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openFailureCause, type PathFacts } from '../../../server/store/open-errors';
import { openStore } from '../../../server/store/open';

const root = join(import.meta.dirname, '..', '..', '..');

/** A fresh directory other users may enter, as a data directory usually is. */
function place(): string {
  const dir = mkdtempSync(join(tmpdir(), 'gb-open-errors-'));
  chmodSync(dir, 0o755);
  return dir;
}

/** Why opening `sqlite:{file}` fails, as `greenboard` would print it; '' when it opens. */
async function openFailure(file: string): Promise<string> {
  try {
    const store = await openStore(`sqlite:${file}`);
    await store.close();
    return '';
  } catch (error) {
    return (error as Error).message;
  }
}

/**
 * The same, from a process that file permissions bind. They bind every process but one
 * with root's capabilities, so as root the open runs under `setpriv` with every capability
 * dropped: still uid 0, still owner of the files, but held to their owner's bits — the
 * project's own files stay readable wherever it is checked out.
 */
async function openFailureAsUser(file: string): Promise<string> {
  const asRoot = process.getuid?.() === 0;
  const script = `
    const { openStore } = await import(${JSON.stringify(join(root, 'server/store/open.ts'))});
    try { await (await openStore(${JSON.stringify(`sqlite:${file}`)})).close(); } catch (error) { process.stdout.write(error.message); }`;
  const node = [process.execPath, '--import', 'tsx', '--input-type=module', '-e', script];
  const [command, ...args] = asRoot ? ['setpriv', '--inh-caps=-all', '--bounding-set=-all', '--', ...node] : node;
  const child = spawn(command!, args, { cwd: root, env: { ...process.env, HOME: tmpdir() } });
  let out = '';
  let err = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (err += d));
  const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
  if (code !== 0) throw new Error(`the opening process failed (${code}): ${err}`);
  return out;
}

describe('when the database cannot be opened at start-up, the message names the file and the cause', () => {
  it('a file that is not a database', async () => {
    const file = join(place(), 'greenboard.db');
    writeFileSync(file, 'these are my notes, not a database '.repeat(200));
    expect(await openFailure(file)).toBe(`cannot open the database ${file}: the file is not a SQLite database (SQLITE_NOTADB)`);
  });

  it('a directory where the file should be', async () => {
    const file = join(place(), 'greenboard.db');
    mkdirSync(file);
    expect(await openFailure(file)).toMatch(new RegExp(`^cannot open the database ${file}: the path is a directory, not a database file`));
  });

  it('a directory that cannot be made because a file is in the way', async () => {
    const dir = place();
    writeFileSync(join(dir, 'data'), '');
    const file = join(dir, 'data', 'greenboard.db');
    expect(await openFailure(file)).toMatch(
      new RegExp(`^cannot open the database ${file}: its directory cannot be made: part of the path is a file, not a directory \\((ENOTDIR|EEXIST)\\)$`),
    );
  });

  it('a read-only file', async () => {
    const dir = place();
    const file = join(dir, 'greenboard.db');
    await (await openStore(`sqlite:${file}`)).close();
    chmodSync(file, 0o444);
    expect(await openFailureAsUser(file)).toBe(`cannot open the database ${file}: the file is read-only (SQLITE_READONLY)`);
  });

  it('a read-only directory, with no database yet', async () => {
    const dir = place();
    const file = join(dir, 'greenboard.db');
    chmodSync(dir, 0o555);
    expect(await openFailureAsUser(file)).toBe(
      `cannot open the database ${file}: its directory is read-only, so the database cannot be created (SQLITE_CANTOPEN)`,
    );
  });

  it('a read-only directory holding a writable database', async () => {
    const dir = place();
    const file = join(dir, 'greenboard.db');
    await (await openStore(`sqlite:${file}`)).close();
    chmodSync(dir, 0o555);
    expect(await openFailureAsUser(file)).toMatch(
      new RegExp(
        `^cannot open the database ${file}: its directory is read-only, and SQLite keeps its -wal and -shm files beside the database \\(SQLITE_READONLY`,
      ),
    );
  });
});

describe('starting greenboard on a database it cannot open', () => {
  it('prints the file and the cause, and exits non-zero', async () => {
    const file = join(place(), 'greenboard.db');
    writeFileSync(file, 'not a database '.repeat(500));
    const child = spawn(process.execPath, ['--import', 'tsx', join(root, 'server/main.ts')], {
      cwd: root,
      env: { ...process.env, DATABASE_URL: `sqlite:${file}`, PORT: '8080', LOG_LEVEL: 'warn' },
    });
    let stderr = '';
    child.stderr.on('data', (d) => (stderr += d));
    const code = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    expect(code).toBe(1);
    expect(stderr).toContain(`greenboard: cannot start: cannot open the database ${file}: the file is not a SQLite database (SQLITE_NOTADB)`);
  });
});

describe('the cause of a failure to open', () => {
  const facts = (overrides: Partial<PathFacts> = {}): PathFacts => ({
    isDirectory: false,
    fileExists: true,
    fileWritable: true,
    dirExists: true,
    dirWritable: true,
    ...overrides,
  });
  const error = (code: string, message = 'x') => Object.assign(new Error(message), { code });

  it.each<[string, Error, PathFacts, string]>([
    ['a full disk', error('SQLITE_FULL'), facts(), 'the disk is full (SQLITE_FULL)'],
    [
      'a full disk making the directory',
      error('ENOSPC'),
      facts({ dirExists: false, fileExists: false }),
      'its directory is missing and cannot be made: the disk is full (ENOSPC)',
    ],
    [
      'a missing directory on a read-only file system',
      error('EROFS'),
      facts({ dirExists: false, fileExists: false }),
      'its directory is missing and cannot be made: the file system is read-only (EROFS)',
    ],
    [
      'a missing directory it may not make',
      error('EACCES'),
      facts({ dirExists: false, fileExists: false }),
      'its directory is missing and cannot be made: permission denied (EACCES)',
    ],
    ['a read-only file', error('SQLITE_READONLY'), facts({ fileWritable: false }), 'the file is read-only (SQLITE_READONLY)'],
    [
      'a read-only directory',
      error('SQLITE_CANTOPEN'),
      facts({ fileExists: false, fileWritable: false, dirWritable: false }),
      'its directory is read-only, so the database cannot be created (SQLITE_CANTOPEN)',
    ],
    ['a damaged file', error('SQLITE_CORRUPT'), facts(), 'the database file is damaged (SQLITE_CORRUPT)'],
    ['an I/O error', error('SQLITE_IOERR_SHORT_READ'), facts(), 'the disk reported an input/output error (SQLITE_IOERR_SHORT_READ)'],
    ['a locked database', error('SQLITE_BUSY'), facts(), 'another process holds the database locked (SQLITE_BUSY)'],
    ['anything else', error('SQLITE_WEIRD', 'something odd'), facts(), 'something odd'],
  ])('%s', (_name, failure, pathFacts, cause) => {
    expect(openFailureCause(failure, pathFacts)).toBe(cause);
  });
});
