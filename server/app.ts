import compression from 'compression';
import express from 'express';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Server } from 'socket.io';
import { HEARTBEAT_INTERVAL_MS } from '../shared/events';
import { createRedactor } from './checks/redact';
import type { Config } from './config/schema';
import { EventBus } from './engine/bus';
import { Engine } from './engine/engine';
import { demoRoutes } from './http/demo-routes';
import { artifactRoutes } from './http/artifact-routes';
import { jsonBody } from './http/body-limit';
import { apiNotFound, errorHandler, notFoundHandler } from './http/error-handler';
import { healthRoutes } from './http/health-routes';
import { createHttpServer } from './http/http-server';
import type { ServerLimits } from './http/server-limits';
import { servicesRoutes } from './http/services-routes';
import { staticClient } from './http/static-client';
import type { Logger } from './log';
import { startMonitor, type Monitor, type MonitorDeps } from './monitor';
import { attachGateway, type BoardServer } from './realtime/gateway';
import { FileArtifacts } from './store/artifacts';
import type { Store } from './store/store';

export interface AppDeps {
  config: Config;
  store: Store;
  log: Logger;
  /** Directory of the built board; omitted in tests that need only the API. */
  clientDir?: string;
  /** Most check runs in flight at once. */
  concurrency?: number;
  heartbeatMs?: number;
  /** How often freshness is re-evaluated. */
  sweepMs?: number;
  /** Raw results older than this are pruned hourly; transitions are kept for ever. */
  resultRetentionMs?: number;
  /** Bound on the first-run spread of checks (see Scheduler). */
  maxInitialSpreadMs?: number;
  /** Where checks keep screenshots and other files of their results; default a temporary directory, removed on stop. */
  artifacts?: FileArtifacts;
  /** Values from the environment that must never be shown (see config loading). */
  secrets?: string[];
  /** Mounts the demo endpoints and shop under `/demo` (default false: they have a fixed login). */
  demo?: boolean;
  /** Timeouts and the connection cap of the HTTP server; defaults in `DEFAULT_SERVER_LIMITS`. */
  serverLimits?: Partial<ServerLimits>;
}

export interface Greenboard {
  httpServer: HttpServer;
  io: BoardServer;
  /** The engine of the config in force. */
  readonly engine: Engine;
  /** Restores state from the store and starts checking. */
  start(): Promise<void>;
  /**
   * Puts a new, already validated config in force: services that stay keep their
   * state and history; every board gets a fresh snapshot.
   */
  reload(config: Config, secrets?: string[]): Promise<void>;
  listen(port: number, host?: string): Promise<AddressInfo>;
  /** Stops checks, closes sockets and the HTTP server. Does not close the store. */
  stop(): Promise<void>;
}

const HOUR_MS = 3_600_000;

/** Builds Greenboard from its parts without listening, so tests can run it on port 0. */
export function createApp(deps: AppDeps): Greenboard {
  const { store, log } = deps;
  const bus = new EventBus();
  const ownArtifactsDir = deps.artifacts ? null : mkdtempSync(join(tmpdir(), 'greenboard-artifacts-'));
  const artifacts = deps.artifacts ?? new FileArtifacts(join(ownArtifactsDir!, 'artifacts'));
  const monitorDeps = (secrets: string[]): MonitorDeps => ({
    store,
    bus,
    log,
    context: { artifacts },
    redact: createRedactor(secrets),
    concurrency: deps.concurrency ?? 100,
    sweepMs: deps.sweepMs ?? 1_000,
    maxInitialSpreadMs: deps.maxInitialSpreadMs,
  });
  // Until start() the engine has the config but nothing runs; views already exist (all unknown).
  let monitor: Monitor = { engine: new Engine({ config: deps.config, store, bus, log }), stop: async () => undefined };
  let started = false;

  const app = express();
  app.disable('x-powered-by');
  // JSON lists and the board's scripts shrink about tenfold; images are left alone.
  app.use(compression());
  app.use(jsonBody(256 * 1024));
  app.use(
    healthRoutes({
      check: async () => {
        if (!started) throw new Error('starting');
        await store.ping();
      },
    }),
  );
  app.use('/api', servicesRoutes(() => monitor.engine, store));
  app.use('/api', artifactRoutes(artifacts));
  app.use('/api', apiNotFound);
  if (deps.demo) app.use('/demo', demoRoutes());
  if (deps.clientDir) app.use(staticClient(deps.clientDir));
  app.use(notFoundHandler);
  app.use(errorHandler(log.child({ mod: 'http' })));

  const httpServer = createHttpServer(app, deps.serverLimits, log.child({ mod: 'http' }));
  const io: BoardServer = new Server(httpServer, {
    serveClient: false,
    // No per-socket compression: the gateway compresses each snapshot once for every
    // board, deltas and heartbeats are a few hundred bytes, and without it socket.io
    // encodes a broadcast once for all sockets instead of once per socket.
    perMessageDeflate: false,
  });
  const gateway = attachGateway({
    io,
    bus,
    views: () => monitor.engine.views(),
    heartbeatMs: deps.heartbeatMs ?? HEARTBEAT_INTERVAL_MS,
    log: log.child({ mod: 'realtime' }),
  });

  let pruneTimer: ReturnType<typeof setInterval> | undefined;
  // Reloads queue behind one another so two quick edits never run two monitors.
  let reloading: Promise<void> = Promise.resolve();

  return {
    httpServer,
    io,
    get engine() {
      return monitor.engine;
    },
    async start() {
      monitor = await startMonitor(deps.config, monitorDeps(deps.secrets ?? []));
      const retention = deps.resultRetentionMs ?? 30 * 24 * HOUR_MS;
      const prune = () => {
        const before = Date.now() - retention;
        Promise.all([store.pruneResults(before), artifacts.prune(before)]).catch((error: unknown) =>
          log.error({ err: error }, 'pruning old results failed'),
        );
      };
      // Once at start as well, so a server restarted more often than hourly still prunes.
      prune();
      pruneTimer = setInterval(prune, HOUR_MS);
      pruneTimer.unref();
      started = true;
    },
    reload(config, secrets) {
      reloading = reloading.then(async () => {
        await monitor.stop();
        monitor = await startMonitor(config, monitorDeps(secrets ?? deps.secrets ?? []));
        gateway.broadcastSnapshot();
      });
      return reloading;
    },
    listen(port, host = '127.0.0.1') {
      return new Promise((resolve, reject) => {
        httpServer.once('error', reject);
        httpServer.listen(port, host, () => {
          httpServer.off('error', reject);
          resolve(httpServer.address() as AddressInfo);
        });
      });
    },
    async stop() {
      started = false;
      clearInterval(pruneTimer);
      await reloading;
      gateway.stop();
      await monitor.stop();
      io.disconnectSockets(true);
      await new Promise<void>((resolve) => {
        io.close(() => resolve());
      });
      httpServer.closeAllConnections();
      if (ownArtifactsDir) rmSync(ownArtifactsDir, { recursive: true, force: true });
    },
  };
}
