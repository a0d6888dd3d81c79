import { accessSync, constants, statSync } from 'node:fs';
import { dirname } from 'node:path';
import { errorCode, storeErrorCause } from './store-errors';

/** What the file system says about a database path, read when opening it failed. */
export interface PathFacts {
  /** The path is a directory, not a file. */
  isDirectory: boolean;
  /** A file is at the path. */
  fileExists: boolean;
  /** This process may write the file (false when it does not exist). */
  fileWritable: boolean;
  /** The directory the file belongs in exists. */
  dirExists: boolean;
  /** This process may create files in that directory. */
  dirWritable: boolean;
}

const can = (path: string, mode: number) => {
  try {
    accessSync(path, mode);
    return true;
  } catch {
    return false;
  }
};

function statOrNull(path: string) {
  try {
    return statSync(path);
  } catch {
    return null; // missing, or a file where a directory should be
  }
}

/** Reads the facts about `file` that explain most failures to open it. */
export function pathFacts(file: string): PathFacts {
  const info = statOrNull(file);
  const dir = dirname(file);
  return {
    isDirectory: info?.isDirectory() ?? false,
    fileExists: info?.isFile() ?? false,
    fileWritable: info?.isFile() === true && can(file, constants.W_OK),
    dirExists: statOrNull(dir)?.isDirectory() ?? false,
    dirWritable: can(dir, constants.W_OK | constants.X_OK),
  };
}

/**
 * Why the database could not be opened, in words a person can act on: the error's own
 * cause, made precise by the file system (read-only file or directory, a directory in
 * the way, a directory that is missing). Pure.
 */
export function openFailureCause(error: unknown, facts: PathFacts): string {
  const code = errorCode(error) ?? '';
  const tag = code ? ` (${code})` : '';
  if (facts.isDirectory) return `the path is a directory, not a database file${tag}`;
  if (!facts.dirExists) {
    if (code === 'ENOTDIR' || code === 'EEXIST') return `its directory cannot be made: part of the path is a file, not a directory${tag}`;
    return `its directory is missing and cannot be made: ${storeErrorCause(error)}`;
  }
  if (/^SQLITE_(READONLY|CANTOPEN|PERM)|^(EACCES|EPERM|EROFS)$/.test(code)) {
    if (facts.fileExists && !facts.fileWritable) return `the file is read-only${tag}`;
    if (!facts.dirWritable) {
      return facts.fileExists
        ? `its directory is read-only, and SQLite keeps its -wal and -shm files beside the database${tag}`
        : `its directory is read-only, so the database cannot be created${tag}`;
    }
  }
  return storeErrorCause(error);
}
