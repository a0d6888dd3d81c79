// Builds what `npm start` runs: the board (Vite) and the server (one ES module bundle).
// Each is rebuilt only when its sources are newer than the last build.
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CLIENT_INDEX = join(ROOT, 'dist/client/index.html');
/** Next to `server/` in depth, so the server's own relative paths (../examples, ../dist/client) hold. */
export const SERVER_BUNDLE = join(ROOT, 'dist/server.mjs');

function newestMtime(path) {
  if (!existsSync(path)) return 0;
  const stats = statSync(path);
  if (!stats.isDirectory()) return stats.mtimeMs;
  let newest = 0;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

const builtAfter = (output, sources) => existsSync(output) && statSync(output).mtimeMs >= Math.max(...sources.map((s) => newestMtime(join(ROOT, s))));

export function buildClient({ force = false } = {}) {
  if (!force && builtAfter(CLIENT_INDEX, ['client', 'shared', 'vite.config.ts', 'package-lock.json'])) return false;
  console.log('Building the board…');
  const vite = join(ROOT, 'node_modules/vite/bin/vite.js');
  const build = spawnSync(process.execPath, [vite, 'build', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'inherit' });
  if (build.status !== 0) throw new Error('the board did not build');
  return true;
}

// Compiled ahead of time, so a start does not pay for compiling TypeScript on the fly.
export async function buildServer({ force = false } = {}) {
  if (!force && builtAfter(SERVER_BUNDLE, ['server', 'shared', 'package-lock.json'])) return false;
  const { build } = await import('esbuild');
  await build({
    entryPoints: [join(ROOT, 'server/main.ts')],
    outfile: SERVER_BUNDLE,
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    packages: 'external',
    sourcemap: 'linked',
    logLevel: 'warning',
  });
  return true;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const force = process.argv.includes('--force');
  buildClient({ force });
  await buildServer({ force });
}
