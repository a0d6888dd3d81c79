// Causes by error code, SQLite's and the file system's; an extended code
// (SQLITE_IOERR_WRITE, SQLITE_READONLY_DBMOVED) takes its primary code's.
const CAUSES: Record<string, string> = {
  SQLITE_FULL: 'the disk is full',
  SQLITE_READONLY: 'the database is read-only',
  SQLITE_IOERR: 'the disk reported an input/output error',
  SQLITE_CORRUPT: 'the database file is damaged',
  SQLITE_NOTADB: 'the file is not a SQLite database',
  SQLITE_BUSY: 'another process holds the database locked',
  SQLITE_LOCKED: 'the database is locked',
  SQLITE_PERM: 'permission denied',
  SQLITE_CANTOPEN: 'the file cannot be opened',
  ENOSPC: 'the disk is full',
  EDQUOT: 'the disk quota is used up',
  EROFS: 'the file system is read-only',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOTDIR: 'part of the path is a file, not a directory',
  EISDIR: 'the path is a directory',
};

/** The code of a SQLite or file-system error (`SQLITE_FULL`, `ENOSPC`), if it has one. */
export function errorCode(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/**
 * What a failing store error means to the person who has to fix it, in a few words
 * with the code: "the disk is full (SQLITE_FULL)". Pure.
 */
export function storeErrorCause(error: unknown): string {
  const code = errorCode(error);
  const primary = code?.match(/^SQLITE_[A-Z]+/)?.[0] ?? code;
  const cause = primary === undefined ? undefined : CAUSES[primary];
  if (cause) return `${cause} (${code})`;
  return error instanceof Error ? error.message : String(error);
}
