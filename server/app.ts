import compression from 'compression';
import express, { type Express } from 'express';
import { mkdtempSync, rmSync } from 'node:fs';
import type { Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Server } from 'socket.io';
import { HEARTBEAT_INTERVAL_MS } from '../shared/events';
import { createRedactor } from './checks/redact';
import type { Config } from './config/schema';
import { EventBus, type ClusterProblem } from './engine/bus';
import type { Engine } from './engine/engine';
import { demoRoutes } from './http/demo-routes';
import { artifactRoutes } from './http/artifact-routes';
import { jsonBody } from './http/body-limit';
import { apiNotFound, errorHandler, notFoundHandler } from './http/error-handler';
import { healthRoutes } from './http/health-routes';
import { metricsRoute } from './http/metrics-route';
import { countBusEvents } from './metrics/bus-counts';
import { countRequests } from './metrics/http-requests';
import { createMetrics, type Metrics } from './metrics/metrics';
import { measureStoreWrites } from './metrics/store-timing';
import { requestLog } from './http/request-log';
import { createHttpServer } from './http/http-server';
import type { ServerLimits } from './http/server-limits';
import { servicesRoutes } from './http/services-routes';
import { oncallRoutes } from './http/oncall-routes';
import type { Roster } from './oncall/roster';
import { sourceListRoutes, sourceMessageRoutes } from './http/source-routes';
import type { SourceSet } from './sources/running';
import { staticClient } from './http/static-client';
import { trackForShutdown } from './http-shutdown';
import type { Logger } from './log';
import type { MonitorDeps } from './monitor';
import { attachGateway, type BoardServer } from './realtime/gateway';
import { FileArtifacts } from './store/artifacts';
import type { Store } from './store/store';
import type { PgStore } from './store/postgres';
import { Supervisor } from './supervisor';
import { randomBytes } from 'node:crypto';
import type { BoardNotice, SourceView, UnmappedAlertView } from '../shared/api';
import { PeerViews } from './cluster/peer-views';
import { attachViewExchange, VIEW_TTL_MS } from './cluster/view-exchange';
import { mergePaging } from './realtime/notices';
import { IncidentBook } from './incidents/book';
import { HistoryRoller } from './history/roller';
import { RunClock } from './uptime/run-clock';
import { Pager, type PagerDeps } from './notify/pager';
import { incidentRoutes } from './http/incident-routes';
import { ackRoutes } from './http/ack-routes';
import { MaintenanceBook } from './maintenance/book';
import { maintenanceRoutes } from './http/maintenance-routes';
import { uptimeRoutes } from './http/uptime-routes';
import { oncallLoadRoutes } from './http/oncall-load-routes';
import { transitionRoutes } from './http/transitions-routes';
import { viewsRoutes } from './http/views-routes';
import { AccessGate } from './access/gate';
import { accessGuard, boardTokenExchange } from './access/guard';
import { sessionRoutes } from './access/session-routes';
import { guardSockets } from './access/socket-guard';
import { tokenRoutes } from './access/token-routes';
import { corsPolicy, securityHeaders } from './http/security-headers';
import { LEAD_SHARD, SOLE_OWNER, workMap, type Ownership } from './cluster/ownership';
import { forwardToLeader } from './cluster/forward-message';
import { WEBHOOK_BODY_LIMIT } from './sources/webhook-endpoint';
import { clusterRoutes } from './http/cluster-routes';
import { linkInstances, type ClusterLink, type RedisAdapterKind } from './cluster/redis-link';
import { attachRelay, type Relay } from './cluster/relay';

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
  /** Raw results older than this are pruned once rolled up; transitions are kept for ever. Default the config's `retention.raw`. */
  resultRetentionMs?: number;
  /** Bound on the first-run spread of checks (see Scheduler). */
  maxInitialSpreadMs?: number;
  /** Where checks keep screenshots and other files of their results; default a temporary directory, removed on stop. */
  artifacts?: FileArtifacts;
  /** Values from the environment that must never be shown (see config loading). */
  secrets?: string[];
  /** How long requests in flight may take to finish once stopping begins; default 3 s. */
  shutdownGraceMs?: number;
  /** Mounts the demo endpoints and shop under `/demo` (default false: they have a fixed login). */
  demo?: boolean;
  /** Timeouts and the connection cap of the HTTP server; defaults in `DEFAULT_SERVER_LIMITS`. */
  serverLimits?: Partial<ServerLimits>;
  /** How paging ticks, times out and retries (tests shorten them). */
  paging?: Partial<Pick<PagerDeps, 'tickMs' | 'timeoutMs' | 'retry'>>;
  /** Several instances sharing one board (PostgreSQL store, Redis): see `server/cluster/`. */
  cluster?: AppCluster;
}

/** What an instance of several needs: who holds which shards, and how to reach the others. */
export interface AppCluster {
  /** The shards this instance holds, taken and given back as instances come and go. */
  leases: Ownership & { start(): Promise<void>; stop(): Promise<void> };
  /** Where the instances tell each other every change; without it each board shows only its instance's services. */
  redisUrl?: string | undefined;
  /** Which Redis pub/sub the Socket.IO adapter uses (default `pubsub`). */
  redisAdapter?: RedisAdapterKind | undefined;
  /** Instances with the same namespace are one cluster. */
  namespace: string;
  /** This instance's name among the others. */
  instance: string;
}

export interface Greenboard {
  httpServer: HttpServer;
  /** Every HTTP route, in the order they are matched (the access test holds each to a rule). */
  httpApp: Express;
  io: BoardServer;
  /** The engine of the config in force. */
  readonly engine: Engine;
  /** Restores state from the store and starts checking. */
  start(): Promise<void>;
  /**
   * Puts a new, already validated config in force: services that stay keep their state
   * and history; every board gets a fresh snapshot. Rejects, with the running config
   * still in force and its checks running, when the new one cannot be put in force or
   * would empty a board that has services; later reloads and stop() are not affected.
   */
  reload(config: Config, secrets?: string[]): Promise<void>;
  listen(port: number, host?: string): Promise<AddressInfo>;
  /**
   * Stops checks, closes sockets and the HTTP server: idle keep-alive connections at once,
   * requests in flight after a short grace. Does not close the store.
   */
  stop(): Promise<void>;
}

/** What the HTTP side needs from the rest of the server, besides its deps. */
interface HttpParts {
  artifacts: FileArtifacts;
  /** The engine of the config in force, which changes on reload. */
  engine: () => Engine;
  /** The sources of the config in force, which change on reload. */
  sources: () => SourceSet;
  /** Every team's on-call under the config in force. */
  roster: () => Roster;
  /** Resolves when a handover between configs is over; null when none is under way. */
  handover: () => Promise<void> | null;
  /** Whether the server can serve a correct board (started, not stopping). */
  ready: () => boolean;
  /** The config in force. */
  config: () => Config;
  book: IncidentBook;
  /** The key acknowledge links are signed with. */
  ackKey: () => string;
  /** Notifiers failing to deliver, as notices (on any instance). */
  pagingNotices: () => BoardNotice[];
  /** The alerts that fit no service, held by any instance's sources. */
  unmapped: () => UnmappedAlertView[];
  /** Every source with its health, told by the instance that runs it. */
  sourceList: () => SourceView[];
  maintenance: MaintenanceBook;
  /** When this server's own run began (null before it started): it watches from then. */
  watchingSince: () => number | null;
  /** Values from the environment in the config in force, never to be shown. */
  secrets: () => string[];
  /** Who a request is from and what it may do. */
  gate: AccessGate;
  /** Lets go of the sockets of a token just revoked. */
  revokeSockets: (tokenId: string) => void;
  /** What requests are counted into, and `/metrics` shows. */
  metrics: Metrics;
  /** Whether this instance reaches the others through Redis; null without Redis. */
  clusterLinked: () => boolean | null;
  /** Why this instance cannot hear from the others, if it cannot. */
  clusterProblem: () => ClusterProblem | null;
}

/** The Express app: every HTTP route of Greenboard, in the order they are matched. */
function buildHttpApp(
  deps: AppDeps,
  {
    artifacts,
    engine,
    sources,
    roster,
    handover,
    ready,
    config,
    book,
    ackKey,
    pagingNotices,
    unmapped,
    sourceList,
    maintenance,
    watchingSince,
    secrets,
    gate,
    revokeSockets,
    metrics,
    clusterLinked,
    clusterProblem,
  }: HttpParts,
): Express {
  const { store, log } = deps;
  const access = () => config().access;
  const app = express();
  app.disable('x-powered-by');
  app.use(requestLog(log, secrets)); // first, so every answer carries an X-Request-Id and is logged
  app.use(countRequests(metrics));
  // X-Forwarded-For and -Proto are believed from the proxy the config names, and from no one else.
  app.set('trust proxy', (address: string) => gate.trustsProxy(address));
  app.use(securityHeaders(access));
  app.use(corsPolicy(access));
  // Every request is held to its rule (server/access/rules.ts) before anything else reads it.
  app.use(boardTokenExchange(gate));
  app.use(accessGuard(gate, () => ({ password: access().users.length > 0, proxy: access().proxy !== undefined })));
  // Sources read their own bodies, each to its own limit (an Alertmanager webhook may be
  // up to 1 MB), so they come before the parser that holds every other request to 256 KB;
  // and before compression, which costs more than it saves on their few-byte answers.
  const cluster = deps.cluster;
  const forward = cluster
    ? forwardToLeader({
        addressOf: (sourceId) => cluster.leases.addressOf(workMap(config()).ofSource(sourceId)),
        bodyLimit: WEBHOOK_BODY_LIMIT,
        log: log.child({ mod: 'cluster' }),
      })
    : undefined;
  app.use('/api', sourceMessageRoutes(sources, handover, forward));
  // JSON lists and the board's scripts shrink about tenfold; images are left alone.
  app.use(compression());
  app.use('/api', sourceListRoutes(sourceList, unmapped));
  app.use(jsonBody(256 * 1024));
  app.use(sessionRoutes({ gate, store, access, log: log.child({ mod: 'access' }) }));
  app.use(
    healthRoutes({
      check: async () => {
        if (!ready()) throw new Error('checks are not running (starting or stopping)');
        await store.ping();
      },
    }),
  );
  app.use(metricsRoute({ metrics, token: () => config().metrics.token }));
  app.use(
    '/api',
    servicesRoutes(engine, store, unmapped, pagingNotices, () => config().retention, clusterProblem),
    oncallRoutes(roster),
    oncallLoadRoutes({ store, config, log, now: Date.now }),
    incidentRoutes({ book: () => book, store, config }),
    maintenanceRoutes({ book: () => maintenance, serviceIds: () => new Set(config().services.map((s) => s.id)) }),
    uptimeRoutes({
      store,
      watchingSince,
      now: Date.now,
      services: () => {
        const teams = new Map(config().teams.map((t) => [t.id, { id: t.id, name: t.name }]));
        return config().services.map((s) => ({ id: s.id, name: s.name, team: (s.team && teams.get(s.team)) || null, slo: s.slo ?? null }));
      },
      defaultTimeZone: () => config().paging.timezone,
    }),
    transitionRoutes({ store, config, now: Date.now }),
    viewsRoutes(config, secrets),
    tokenRoutes({ store, boardUrl: () => config().paging.boardUrl, onRevoked: revokeSockets }),
    clusterRoutes({
      instance: deps.cluster?.instance ?? 'single',
      ownership: () => deps.cluster?.leases ?? SOLE_OWNER,
      engine,
      sources: () => sources().runningHere(),
      connected: () => clusterLinked(),
    }),
  );
  app.use('/api', artifactRoutes(artifacts));
  app.use('/api', apiNotFound);
  // The link in every page, outside /api as people open it; its form post carries no fields.
  app.use(ackRoutes({ book: () => book, config, ackKey }));
  if (deps.demo) app.use('/demo', demoRoutes());
  if (deps.clientDir) app.use(staticClient(deps.clientDir));
  app.use(notFoundHandler);
  app.use(errorHandler(log.child({ mod: 'http' })));
  return app;
}

/** Builds Greenboard from its parts without listening, so tests can run it on port 0. */
export function createApp(deps: AppDeps): Greenboard {
  const { log } = deps;
  // Gauges read the state in force at each scrape; everything else is counted as it happens.
  const holding = deps.store as Partial<Pick<PgStore, 'bufferedResults' | 'droppedResults'>>;
  const metrics = createMetrics({
    statuses: () => supervisor.engine.statuses(),
    socketsOpen: () => io.of('/').sockets.size,
    ...(holding.bufferedResults && holding.droppedResults
      ? { heldResults: () => ({ held: holding.bufferedResults!(), dropped: holding.droppedResults!() }) }
      : {}),
    ...(deps.cluster
      ? {
          cluster: () => ({
            members: deps.cluster!.leases.members ?? 1,
            shards: deps.cluster!.leases.held().length,
            linked: link ? link.connected() : null,
          }),
        }
      : {}),
  });
  const store = measureStoreWrites(deps.store, metrics);
  const bus = new EventBus();
  countBusEvents(bus, metrics);
  const ownArtifactsDir = deps.artifacts ? null : mkdtempSync(join(tmpdir(), 'greenboard-artifacts-'));
  const artifacts = deps.artifacts ?? new FileArtifacts(join(ownArtifactsDir!, 'artifacts'));
  // Set once the socket server exists: how this instance reaches the others, if it has any.
  let relay: Relay | null = null;
  const book: IncidentBook = new IncidentBook({
    store,
    bus,
    log: log.child({ mod: 'incidents' }),
    refresh: (ids) => supervisor.engine.refreshServices(ids),
    owns: (serviceId) => supervisor.engine.owns(serviceId),
    forwardAck: (id, who) => relay?.forwardAck(id, who) ?? Promise.resolve(null),
  });
  bus.on('service.changed', (view) => book.observe(view));
  let pagingNotices: BoardNotice[] = [];
  bus.on('paging.health', (notices) => (pagingNotices = notices));
  let clusterProblem: ClusterProblem | null = null;
  bus.on('cluster.health', (problem) => (clusterProblem = problem));
  // What the other instances see that this one cannot: told by them, through Redis.
  const peers = deps.cluster ? new PeerViews({ self: deps.cluster.instance, ttlMs: VIEW_TTL_MS, now: Date.now }) : null;
  const seenByPeers = () => peers?.seen() ?? { unmapped: [], paging: [] };
  // Windows change statuses: the engine in force judges every service again at its next sweep.
  let maintenanceFromPeers = false;
  const maintenance = new MaintenanceBook({
    store,
    onChange: () => {
      supervisor.engine.maintenanceChanged();
      if (!maintenanceFromPeers) relay?.maintenanceChanged();
    },
  });
  let secretsInForce = deps.secrets ?? [];
  let startedAt = Infinity;
  // A service is heard from again once one of its checks ran since the start, or once it had the time to.
  const checkedSinceStart = (serviceId: string) => {
    const checks = supervisor.engine.view(serviceId)?.checks ?? [];
    return checks.some((c) => c.lastCheckedAt !== null && Date.parse(c.lastCheckedAt) >= startedAt) || Date.now() - startedAt > book.settleFor(serviceId);
  };
  let ackKey = '';
  let accessKey = '';
  const gate = new AccessGate({
    access: () => supervisor.configInForce.access,
    personName: (id) => supervisor.configInForce.people.find((p) => p.id === id)?.name,
    store,
    key: () => accessKey,
  });
  let revokeSockets: (tokenId: string) => void = () => undefined;
  const monitorDeps = (secrets: string[]): MonitorDeps => ({
    store,
    bus,
    log,
    context: { artifacts },
    redact: createRedactor(secrets),
    secrets,
    concurrency: deps.concurrency ?? 100,
    sweepMs: deps.sweepMs ?? 1_000,
    maxInitialSpreadMs: deps.maxInitialSpreadMs,
    incident: (serviceId) => book.brief(serviceId),
    maintenance: () => maintenance.calendar(),
    cluster: deps.cluster && {
      ownership: deps.cluster.leases,
      forward: (...args) => relay?.forward(...args) ?? Promise.resolve(false),
      taking: (ids) => book.take(ids),
      taken: (ids) => pager.takeOver(ids),
      toldOncall: (reading) => relay?.toldOncall(reading),
    },
  });
  const supervisor: Supervisor = new Supervisor({
    config: deps.config,
    secrets: deps.secrets ?? [],
    monitorDeps,
    // The store's history is pruned by the roller, level by level, once rolled up.
    prune: (before) => artifacts.prune(before),
    // Read at every prune, so a reload that changes `retention.raw` applies from the next one.
    get resultRetentionMs() {
      return deps.resultRetentionMs ?? supervisor.configInForce.retention.raw;
    },
    onReplaced: () => {
      maintenance.setConfig(supervisor.configInForce);
      book.setConfig(supervisor.configInForce);
      book.observeAll(supervisor.engine.views());
      gateway.broadcastSnapshot();
    },
    log,
  });
  maintenance.setConfig(deps.config);
  const runClock = new RunClock({ store, log: log.child({ mod: 'uptime' }) });
  const roller = new HistoryRoller({
    store,
    log: log.child({ mod: 'history' }),
    leads: () => (deps.cluster ? deps.cluster.leases.holds(LEAD_SHARD) : true),
    retention: () => ({ ...supervisor.configInForce.retention, raw: deps.resultRetentionMs ?? supervisor.configInForce.retention.raw }),
  });
  const pager = new Pager({
    book,
    store,
    bus,
    log: log.child({ mod: 'paging' }),
    config: () => supervisor.configInForce,
    secrets: () => secretsInForce,
    roster: () => supervisor.roster,
    ackKey: () => ackKey,
    checkedSinceStart,
    metrics,
    ...deps.paging,
  });

  const app = buildHttpApp(deps, {
    artifacts,
    engine: () => supervisor.engine,
    sources: () => supervisor.sources,
    roster: () => supervisor.roster,
    handover: () => supervisor.handover,
    ready: () => supervisor.running,
    config: () => supervisor.configInForce,
    book,
    ackKey: () => ackKey,
    pagingNotices: () => mergePaging(pagingNotices, seenByPeers().paging),
    unmapped: () => [...supervisor.sources.unmapped(), ...seenByPeers().unmapped],
    sourceList: () => peers?.sources(supervisor.sources.list(), supervisor.sources.runningHere()) ?? supervisor.sources.list(),
    maintenance,
    watchingSince: () => runClock.startedAt,
    secrets: () => secretsInForce,
    gate,
    revokeSockets: (tokenId) => revokeSockets(tokenId),
    metrics,
    clusterLinked: () => (link ? link.connected() : null),
    clusterProblem: () => clusterProblem,
  });
  const httpServer = createHttpServer(app, deps.serverLimits, log.child({ mod: 'http' }));
  const io: BoardServer = new Server(httpServer, {
    serveClient: false,
    // No per-socket compression: the gateway compresses each snapshot once for every
    // board, deltas and heartbeats are a few hundred bytes, and without it socket.io
    // encodes a broadcast once for all sockets instead of once per socket.
    perMessageDeflate: false,
  });
  const sockets = guardSockets(io, gate, () => supervisor.configInForce.access);
  revokeSockets = (tokenId) => {
    sockets.revoke(tokenId);
    relay?.revoked(tokenId);
  };
  const link: ClusterLink | null = deps.cluster?.redisUrl
    ? linkInstances({
        io,
        url: deps.cluster.redisUrl,
        namespace: deps.cluster.namespace,
        bus,
        log: log.child({ mod: 'cluster' }),
        adapter: deps.cluster.redisAdapter,
      })
    : null;
  if (link) {
    relay = attachRelay({
      io,
      link,
      bus,
      log: log.child({ mod: 'cluster' }),
      engine: () => supervisor.engine,
      book,
      revokeSockets: (tokenId) => sockets.revoke(tokenId),
      learnOncall: (reading) => supervisor.roster.learn(reading),
      reloadMaintenance: async () => {
        maintenanceFromPeers = true;
        try {
          await maintenance.load();
        } finally {
          maintenanceFromPeers = false;
        }
      },
    });
  }
  const exchange =
    link && peers
      ? attachViewExchange({
          io,
          link,
          bus,
          peers,
          own: () => {
            const running = supervisor.sources.runningHere();
            return {
              instance: deps.cluster!.instance,
              sources: supervisor.sources.list().filter((source) => running.has(source.id)),
              unmapped: supervisor.sources.unmapped(),
              paging: pagingNotices,
            };
          },
        })
      : null;
  // After socket.io, which takes over the server's request listeners.
  const http = trackForShutdown(httpServer);
  const gateway = attachGateway({
    io,
    bus,
    views: () => supervisor.engine.views(),
    oncall: () => supervisor.roster.views(),
    heartbeatMs: deps.heartbeatMs ?? HEARTBEAT_INTERVAL_MS,
    log: log.child({ mod: 'realtime' }),
    metrics,
  });

  return {
    httpServer,
    httpApp: app,
    io,
    get engine() {
      return supervisor.engine;
    },
    async start() {
      // A key of our own unless the config gives one; the first instance to start writes it.
      ackKey = deps.config.paging.secret ?? (await store.setting('ack-link-key', randomBytes(32).toString('hex')));
      // The CSRF tokens' key: one for every instance, so a page may talk to any of them.
      accessKey = await store.setting('csrf-key', randomBytes(32).toString('hex'));
      await store.pruneSessions(Date.now());
      await Promise.all([book.load(deps.config), maintenance.load()]);
      startedAt = Date.now();
      await runClock.start();
      await supervisor.start();
      if (deps.cluster) {
        if (!link) warnWithoutRedis(deps.cluster.leases, bus);
        await deps.cluster.leases.start();
      }
      roller.start();
      // What was down while the server was away has its incident, before changes come one by one.
      book.observeAll(supervisor.engine.views());
      await pager.start();
      if (deps.config.notifiers.length > 0 && !deps.config.paging.boardUrl) {
        log.warn('paging.boardUrl is not set: pages carry no link to the board and no acknowledge link');
      }
    },
    async reload(config, secrets) {
      await supervisor.reload(config, secrets);
      if (secrets) secretsInForce = secrets;
      if (config.paging.secret) ackKey = config.paging.secret;
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
      // Stop taking requests first: readiness fails and clients are told to go, while checks wind down.
      const closed = http.close(deps.shutdownGraceMs ?? 3_000);
      // The shards go first, their checks stopped: the other instances take them at once.
      await deps.cluster?.leases.stop();
      pager.stop();
      await supervisor.stop();
      await roller.stop();
      await runClock.stop();
      await book.flushed();
      gateway.stop();
      relay?.stop();
      exchange?.stop();
      io.local.disconnectSockets(true);
      // Ends the WebSockets and long polls; it closes the HTTP server too, which is already closing.
      await Promise.all([io.close(), closed]);
      await link?.close();
      if (ownArtifactsDir) rmSync(ownArtifactsDir, { recursive: true, force: true });
    },
  };
}

/**
 * Without Redis, instances share the work but not what they see: while another instance
 * is alive, every board says it shows only its own instance's services. The shards move
 * whenever an instance comes or goes, so that is when it is judged again.
 */
function warnWithoutRedis(leases: Ownership, bus: EventBus): void {
  let since: number | null = null;
  leases.onChange(() => {
    if (leases.alone === (since === null)) return;
    since = leases.alone ? null : Date.now();
    bus.emit('cluster.health', since === null ? null : { reason: 'REDIS_URL is not set', since });
  });
}
