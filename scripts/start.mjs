// `npm start`: builds the board and the server if their sources changed (or the board is
// not a production build), then runs the server in this very process, so signals reach it
// directly. package.json runs this with `exec`, so no shell stands between npm and us:
// npm forwards SIGTERM and SIGINT to this process, and a shell in between would die of
// them and leave the server running on without a parent.
import { pathToFileURL } from 'node:url';
import { buildClient, buildServer, SERVER_BUNDLE } from './build.mjs';

// A stop during the build ends the build (and Vite's process) first, then this process
// by the same signal, so whoever sent it sees it was obeyed.
const stop = new AbortController();
let stoppedBy;
const onSignal = (signal) => {
  stoppedBy = signal;
  stop.abort();
};
process.on('SIGINT', onSignal);
process.on('SIGTERM', onSignal);

try {
  await buildClient({ signal: stop.signal });
  if (!stoppedBy) await buildServer();
} catch (error) {
  if (!stoppedBy) {
    console.error(`greenboard: cannot build: ${error.message}`);
    process.exit(1);
  }
}
process.off('SIGINT', onSignal);
process.off('SIGTERM', onSignal);
if (stoppedBy) process.kill(process.pid, stoppedBy);
else {
  process.setSourceMapsEnabled(true); // stack traces name the TypeScript sources
  await import(pathToFileURL(SERVER_BUNDLE).href);
}
