import { existsSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { createApp } from './app';
import { sharedBrowsers } from './checks/browser-pool';
import { parseServerArgs } from './cli/server-args';
import { startFailure } from './cli/start-failure';
import { ConfigError, loadConfigFile, parseConfig, type LoadedConfig } from './config/load';
import { watchFile } from './config/watch';
import { edgeOptions } from './http/edge-options';
import { createLogger, maskInLog } from './log';
import { sourceSecrets } from './sources/running';
import { FileArtifacts } from './store/artifacts';
import { openStore } from './store/open';
import { clusterFromEnv } from './cluster/from-env';

const EXAMPLE_CONFIG = fileURLToPath(new URL('../examples/greenboard.yaml', import.meta.url));
const CLIENT_DIR = fileURLToPath(new URL('../dist/client', import.meta.url));

async function main(): Promise<void> {
  const args = parseServerArgs(process.argv.slice(2), process.env);
  const log = createLogger({ level: args.logLevel });
  const file = args.config ?? EXAMPLE_CONFIG;
  const { config, secrets } = await loadConfigFile(file);
  // A source's token written in the file itself is a secret too.
  maskInLog(log, [...secrets, ...sourceSecrets(config)]);
  const cluster = clusterFromEnv(process.env, log);
  const dataDir = process.env.GREENBOARD_DATA_DIR || './data';
  const store = await openStore(process.env.DATABASE_URL, dataDir);
  const artifacts = new FileArtifacts(resolve(dataDir, 'artifacts'));
  const board = createApp({ config, store, log, clientDir: CLIENT_DIR, artifacts, secrets, cluster, ...edgeOptions(file, EXAMPLE_CONFIG, process.env) });
  const port = Number(process.env.PORT ?? 8080);
  const host = process.env.HOST ?? '127.0.0.1';
  // Listen first: the example config probes this very server.
  const address = await board.listen(port, host);
  await board.start();
  log.info({ config: file, services: config.services.length, board: existsSync(CLIENT_DIR) }, `Greenboard serving http://${address.address}:${address.port}`);

  // A changed config (on save, or on SIGHUP) is validated first; a bad one is refused
  // with the same file:line messages and the running config stays in force.
  const reload = async (reason: string, read: () => Promise<LoadedConfig>) => {
    try {
      const next = await read();
      maskInLog(log, [...next.secrets, ...sourceSecrets(next.config)]);
      await board.reload(next.config, next.secrets);
      log.info({ reason, services: next.config.services.length }, 'config reloaded');
    } catch (error) {
      const message = error instanceof ConfigError ? error.message : (error as Error).message;
      log.error({ reason }, `config not reloaded; the running config stays in force: ${message}`);
    }
  };
  // The watcher hands over the text it saw settle, so what is parsed is what was checked.
  const stopWatching = watchFile(file, (text) => void reload('file changed', async () => parseConfig(text, file)), {
    log: log.child({ mod: 'config' }),
  });
  process.on('SIGHUP', () => void reload('SIGHUP', () => loadConfigFile(file)));

  let stopping = false;
  const shutdown = async (signal: string) => {
    if (stopping) return;
    stopping = true;
    log.info({ signal }, 'stopping');
    const force = setTimeout(() => {
      log.error('could not stop within 10 s; exiting anyway');
      process.exit(1);
    }, 10_000);
    force.unref();
    stopWatching();
    let code = 0;
    try {
      await board.stop();
      await sharedBrowsers.closeAll();
    } catch (error) {
      code = 1;
      log.error({ err: error }, 'stopping failed; closing the store all the same');
    }
    // Closing checkpoints the SQLite write-ahead log into the database file and removes it.
    await store.close().catch((error: unknown) => {
      code = 1;
      log.error({ err: error }, 'could not close the store');
    });
    log.info({ signal, code }, 'stopped');
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
}

main().catch((error: unknown) => {
  const failure = startFailure(error);
  process.stderr.write(failure.stderr);
  process.exit(failure.code);
});
