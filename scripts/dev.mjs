// `npm run dev`: Vite with hot reload on PORT (8080) and the API, restarted on change, on PORT + 1.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const bin = (path) => fileURLToPath(new URL(`../node_modules/${path}`, import.meta.url));

const port = Number(process.env.PORT ?? 8080);
const apiPort = String(port + 1);

const children = [
  spawn(process.execPath, [bin('tsx/dist/cli.mjs'), 'watch', '--clear-screen=false', 'server/main.ts', ...process.argv.slice(2)], {
    stdio: 'inherit',
    env: { ...process.env, PORT: apiPort },
  }),
  spawn(process.execPath, [bin('vite/bin/vite.js'), '--port', String(port), '--strictPort'], {
    stdio: 'inherit',
    env: { ...process.env, GREENBOARD_API: `http://127.0.0.1:${apiPort}` },
  }),
];

// One stopping stops both, so a failed start never leaves half a dev setup running.
const stop = () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGTERM');
};
process.on('SIGINT', stop);
process.on('SIGTERM', stop);
for (const child of children) {
  child.on('exit', (code) => {
    stop();
    process.exitCode ||= code ?? 0;
  });
}
