import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
import { createHash } from 'node:crypto';
import { fileURLToPath } from 'node:url';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// In `npm run dev` the API runs beside Vite; scripts/dev.mjs says where.
const api = process.env.GREENBOARD_API ?? 'http://127.0.0.1:8081';

/** Where each build says how it was made; scripts/build.mjs reads it under the same name. */
const BUILD_RECORD = '.build.json';

/**
 * Writes down whether this build is a production one (React's production bundle, no dev
 * warnings), whoever ran it and under whatever NODE_ENV, so `npm start` can refuse to
 * serve anything else. The file is replaced by every build, so it never outlives one.
 */
function recordBuildMode(): Plugin {
  let production = false;
  let mode = '';
  return {
    name: 'greenboard:record-build-mode',
    apply: 'build',
    configResolved(config) {
      production = config.isProduction;
      mode = config.mode;
    },
    generateBundle() {
      this.emitFile({ type: 'asset', fileName: BUILD_RECORD, source: `${JSON.stringify({ production, mode })}\n` });
    },
  };
}

/**
 * Builds the service worker (client/sw.ts) into /sw.js, after the board, so it can name
 * this release and the files the wall opens with. The release is a hash of every file's
 * (hashed) name and of index.html, so any change to the board makes a new worker, which
 * the browser installs in place of the old one, with a cache of its own. The wall's files
 * are those index.html names; the lazy pages' files are cached when first used. Bundled on
 * its own by esbuild as one classic script, which every browser with service workers runs.
 */
function serviceWorker(): Plugin {
  return {
    name: 'greenboard:service-worker',
    apply: 'build',
    enforce: 'post',
    async generateBundle(_options, bundle) {
      const index = bundle['index.html'];
      if (index?.type !== 'asset') return this.error('the service worker needs index.html in the bundle');
      const html = String(index.source);
      const files = Object.keys(bundle)
        .filter((name) => name !== BUILD_RECORD && !name.endsWith('.map'))
        .sort();
      const release = createHash('sha256').update(files.join('\n')).update(html).digest('hex').slice(0, 16);
      const wallFiles = [...html.matchAll(/(?:src|href)="(\/assets\/[^"]+)"/g)].map((match) => match[1]!);
      const { build } = await import('esbuild');
      const result = await build({
        entryPoints: [here('./client/sw.ts')],
        bundle: true,
        write: false,
        format: 'iife',
        target: 'es2020',
        minify: true,
        legalComments: 'none',
        define: { __GREENBOARD_RELEASE__: JSON.stringify(release), __GREENBOARD_SHELL__: JSON.stringify(['/', ...wallFiles]) },
      });
      this.emitFile({ type: 'asset', fileName: 'sw.js', source: result.outputFiles[0]!.text });
    },
  };
}

// The board is built into dist/client, which the server serves in production.
export default defineConfig({
  root: here('./client'),
  plugins: [react(), recordBuildMode(), serviceWorker()],
  build: { outDir: here('./dist/client'), emptyOutDir: true },
  server: {
    proxy: {
      '/api': api,
      '/healthz': api,
      '/readyz': api,
      '/demo': api,
      '/socket.io': { target: api, ws: true },
    },
  },
});
