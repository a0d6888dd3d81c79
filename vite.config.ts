import { defineConfig, type Plugin } from 'vite';
import react from '@vitejs/plugin-react';
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

// The board is built into dist/client, which the server serves in production.
export default defineConfig({
  root: here('./client'),
  plugins: [react(), recordBuildMode()],
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
