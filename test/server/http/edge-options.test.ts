import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';
import { edgeOptions } from '../../../server/http/edge-options';
import { DEFAULT_SERVER_LIMITS } from '../../../server/http/server-limits';
import { startServerProcess } from '../../helpers/server-process';
import { stablePort } from '../../helpers/targets';

const root = join(import.meta.dirname, '..', '..', '..');
const example = join(root, 'examples', 'greenboard.yaml');

describe('what the HTTP edge takes from how the server was started', () => {
  it.each([
    ['the bundled example config', example, {}, true],
    ['the example named by a relative path', relative(process.cwd(), example), {}, true],
    ['a config of its own', '/etc/greenboard/board.yaml', {}, false],
    ['a config of its own with GREENBOARD_DEMO=1', '/etc/greenboard/board.yaml', { GREENBOARD_DEMO: '1' }, true],
    ['a config of its own with GREENBOARD_DEMO=0', '/etc/greenboard/board.yaml', { GREENBOARD_DEMO: '0' }, false],
  ])('the demo with %s: %s', (_what, file, env, demo) => {
    expect(edgeOptions(file, example, env).demo).toBe(demo);
  });

  it('server limits come from the environment, defaults otherwise', () => {
    expect(edgeOptions('board.yaml', example, {}).serverLimits).toEqual(DEFAULT_SERVER_LIMITS);
    expect(edgeOptions('board.yaml', example, { GREENBOARD_MAX_CONNECTIONS: '50' }).serverLimits.maxConnections).toBe(50);
  });
});

describe('a server started from the command line', () => {
  async function demoAnswers(config: string, env: Record<string, string> = {}): Promise<number> {
    const dir = mkdtempSync(join(tmpdir(), 'gb-edge-'));
    const server = await startServerProcess({ config, dbFile: join(dir, 'greenboard.db'), port: await stablePort(), env });
    try {
      return (await fetch(`${server.url}/demo/ok`)).status;
    } finally {
      await server.kill();
    }
  }

  it('with the example config mounts the demo it probes', async () => {
    expect(await demoAnswers(example)).toBe(200);
  });

  it.each([
    ['has no demo', {}, 404],
    ['has the demo with GREENBOARD_DEMO=1', { GREENBOARD_DEMO: '1' }, 200],
  ])('with a config of its own %s', async (_what, env, status) => {
    const config = join(mkdtempSync(join(tmpdir(), 'gb-edge-')), 'board.yaml');
    writeFileSync(config, 'services:\n  - { id: api, name: API }\n');
    expect(await demoAnswers(config, env)).toBe(status);
  });
});
