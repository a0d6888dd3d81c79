import { randomBytes } from 'node:crypto';
import { mkdir, readdir, readFile, stat, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { ArtifactSink } from '../checks/types';

const ID = /^[a-f0-9]{24}\.[a-z0-9]{1,8}$/;

const CONTENT_TYPES: Record<string, string> = { png: 'image/png', jpg: 'image/jpeg', txt: 'text/plain; charset=utf-8', html: 'text/plain; charset=utf-8' };

/** Most bytes of artifacts kept by default: a browser check failing all month must not fill the disk the database is on. */
export const DEFAULT_ARTIFACTS_MAX_BYTES = 512 * 1024 * 1024;

/** Files that belong with results (screenshots of failures), kept in a directory beside the database. */
export class FileArtifacts implements ArtifactSink {
  constructor(
    private readonly dir: string,
    /** Past this many bytes in all, pruning deletes the oldest files first. */
    private readonly maxBytes = DEFAULT_ARTIFACTS_MAX_BYTES,
  ) {}

  async save(data: Buffer, options: { extension: string; contentType: string }): Promise<string> {
    const id = `${randomBytes(12).toString('hex')}.${options.extension}`;
    if (!ID.test(id)) throw new Error(`bad artifact extension "${options.extension}"`);
    await mkdir(this.dir, { recursive: true });
    await writeFile(join(this.dir, id), data);
    return id;
  }

  /**
   * Deletes artifacts written before `before` (epoch ms), as raw results of that age are,
   * then the oldest of the rest while they add up to more than the byte limit. Returns
   * how many went.
   */
  async prune(before: number): Promise<number> {
    const names = await readdir(this.dir).catch(() => [] as string[]);
    const files: Array<{ path: string; mtimeMs: number; size: number }> = [];
    for (const name of names.filter((n) => ID.test(n))) {
      const path = join(this.dir, name);
      const info = await stat(path).catch(() => null);
      if (info) files.push({ path, mtimeMs: info.mtimeMs, size: info.size });
    }
    files.sort((a, b) => a.mtimeMs - b.mtimeMs);
    let total = files.reduce((sum, f) => sum + f.size, 0);
    let removed = 0;
    for (const file of files) {
      if (file.mtimeMs >= before && total <= this.maxBytes) break;
      await unlink(file.path).catch(() => undefined);
      total -= file.size;
      removed += 1;
    }
    return removed;
  }

  /** The bytes and content type of an artifact, or null for an id that is malformed or unknown. */
  async load(id: string): Promise<{ data: Buffer; contentType: string } | null> {
    if (!ID.test(id)) return null;
    try {
      const data = await readFile(join(this.dir, id));
      return { data, contentType: CONTENT_TYPES[id.split('.')[1]!] ?? 'application/octet-stream' };
    } catch {
      return null;
    }
  }
}
