import { mkdtempSync, utimesSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileArtifacts } from '../../../server/store/artifacts';

const fresh = () => new FileArtifacts(join(mkdtempSync(join(tmpdir(), 'gb-artifacts-')), 'artifacts'));

describe('artifacts kept with results', () => {
  it('a saved file comes back with its content type', async () => {
    const artifacts = fresh();
    const id = await artifacts.save(Buffer.from('png bytes'), { extension: 'png', contentType: 'image/png' });
    expect(id).toMatch(/^[a-f0-9]{24}\.png$/);
    expect(await artifacts.load(id)).toEqual({ data: Buffer.from('png bytes'), contentType: 'image/png' });
  });

  it('an id that tries to leave the directory, or does not exist, finds nothing', async () => {
    const artifacts = fresh();
    expect(await artifacts.load('../../etc/passwd')).toBeNull();
    expect(await artifacts.load('aaaaaaaaaaaaaaaaaaaaaaaa.png')).toBeNull();
  });

  it('pruning deletes only files older than the cut-off', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'gb-artifacts-')), 'artifacts');
    const artifacts = new FileArtifacts(dir);
    const old = await artifacts.save(Buffer.from('old'), { extension: 'png', contentType: 'image/png' });
    const recent = await artifacts.save(Buffer.from('new'), { extension: 'png', contentType: 'image/png' });
    const longAgo = new Date(Date.now() - 40 * 86_400_000);
    utimesSync(join(dir, old), longAgo, longAgo);
    expect(await artifacts.prune(Date.now() - 30 * 86_400_000)).toBe(1);
    expect(await artifacts.load(old)).toBeNull();
    expect(await artifacts.load(recent)).not.toBeNull();
  });

  it('past the byte limit, pruning deletes the oldest files until the rest fit', async () => {
    const dir = join(mkdtempSync(join(tmpdir(), 'gb-artifacts-')), 'artifacts');
    const artifacts = new FileArtifacts(dir, 250);
    const ids: string[] = [];
    for (let i = 0; i < 4; i++) {
      ids.push(await artifacts.save(Buffer.alloc(100, i), { extension: 'png', contentType: 'image/png' }));
      const at = new Date(Date.now() - (4 - i) * 60_000); // one a minute, oldest first
      utimesSync(join(dir, ids[i]!), at, at);
    }
    expect(await artifacts.prune(Date.now() - 86_400_000)).toBe(2);
    expect(await Promise.all(ids.map(async (id) => (await artifacts.load(id)) !== null))).toEqual([false, false, true, true]);
  });
});
