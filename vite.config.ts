import { defineConfig } from 'vite';
import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';

const here = (p: string) => fileURLToPath(new URL(p, import.meta.url));

// In `npm run dev` the API runs beside Vite; scripts/dev.mjs says where.
const api = process.env.GREENBOARD_API ?? 'http://127.0.0.1:8081';

// The board is built into dist/client, which the server serves in production.
export default defineConfig({
  root: here('./client'),
  plugins: [react()],
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
