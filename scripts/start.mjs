// `npm start`: builds the board and the server if their sources changed, then runs
// the server in this very process, so signals reach it directly.
import { pathToFileURL } from 'node:url';
import { buildClient, buildServer, SERVER_BUNDLE } from './build.mjs';

try {
  buildClient();
  await buildServer();
} catch (error) {
  console.error(`greenboard: cannot build: ${error.message}`);
  process.exit(1);
}
process.setSourceMapsEnabled(true); // stack traces name the TypeScript sources
await import(pathToFileURL(SERVER_BUNDLE).href);
