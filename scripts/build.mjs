// Builds what `npm start` runs: the board (Vite) and the server (one ES module bundle).
// Each is rebuilt only when its sources are newer than the last build, and the board
// also whenever the one in dist/client is not a production build.
// Usage: node scripts/build.mjs [--force] [client|server]…  (no target: both)
import { spawn } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = fileURLToPath(new URL('..', import.meta.url));
export const CLIENT_INDEX = join(ROOT, 'dist/client/index.html');
/** Written by every Vite build (see vite.config.ts): `{ production, mode }`. */
export const CLIENT_BUILD_RECORD = join(ROOT, 'dist/client/.build.json');
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

/** True when dist/client holds a board built for production; a missing or unreadable record is not. */
export function isProductionClient() {
  try {
    return JSON.parse(readFileSync(CLIENT_BUILD_RECORD, 'utf8')).production === true;
  } catch {
    return false;
  }
}

/** Runs a Node.js script to its end; rejects when it fails or `signal` stops it (its process is then killed). */
function runNode(args, { env, signal }) {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: 'inherit', env, signal });
    child.on('error', () => {}); // an abort or a failed spawn ends in 'close' too, reported there
    child.on('close', (code, killedBy) => (code === 0 ? resolve() : reject(new Error(`${args[0]} ended with ${killedBy ?? `exit code ${code}`}`))));
  });
}

/**
 * Builds the board into dist/client, for production whatever NODE_ENV the caller runs
 * under (the test runner sets `test`, which would give React's development build).
 */
export async function buildClient({ force = false, signal } = {}) {
  const production = isProductionClient();
  if (!force && production && builtAfter(CLIENT_INDEX, ['client', 'shared', 'vite.config.ts', 'package-lock.json'])) return false;
  const why = existsSync(CLIENT_INDEX) && !production ? ' (the one in dist/client is a development build)' : '';
  console.log(`Building the board${why}…`);
  const vite = join(ROOT, 'node_modules/vite/bin/vite.js');
  await runNode([vite, 'build', '--mode', 'production', '--logLevel', 'warn'], { env: { ...process.env, NODE_ENV: 'production' }, signal });
  if (!isProductionClient()) throw new Error('the board was built, but not as a production build');
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
  const args = process.argv.slice(2);
  const force = args.includes('--force');
  const targets = args.filter((arg) => !arg.startsWith('--'));
  const wants = (target) => targets.length === 0 || targets.includes(target);
  try {
    const unknown = targets.filter((target) => target !== 'client' && target !== 'server');
    if (unknown.length > 0) throw new Error(`unknown target ${unknown.join(', ')}: say client, server or nothing for both`);
    if (wants('client')) await buildClient({ force });
    if (wants('server')) await buildServer({ force });
  } catch (error) {
    console.error(`greenboard: cannot build: ${error.message}`);
    process.exitCode = 1;
  }
}
