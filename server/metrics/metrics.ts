import { Counter, Gauge, Histogram, Registry } from 'prom-client';
import { STATUSES, type Status } from '../../shared/status';
import type { Outcome } from '../checks/types';
import { processRegistry } from './process-metrics';
import { STORE_WRITES } from './store-timing';

/** What the gauges read at each scrape, so they are always current and follow a reload. */
export interface MetricReaders {
  /** Every service's status now. */
  statuses(): readonly Status[];
  /** Sockets connected now: each open board or service page holds one. */
  socketsOpen(): number;
  /** Results held in memory while the store cannot be reached, and those dropped past the bound; none for a store that holds none. */
  heldResults?(): { held: number; dropped: number };
  /** This instance among several: instances alive, shards held, whether Redis links them (null without it). */
  cluster?(): { members: number; shards: number; linked: boolean | null };
}

/** What the engine's outputs count: every label a value from a bounded set, never a secret. */
export interface Metrics {
  /** A check ran (not a source's report); `latencyMs` as it reported it, null when it got no answer to time. */
  checkRan(type: string, outcome: Outcome, latencyMs: number | null): void;
  /** A source took (`accepted`) or refused (`rejected`) a message, or polled (`accepted`) or failed to (`rejected`). */
  sourceMessage(sourceId: string, type: string, outcome: 'accepted' | 'rejected'): void;
  /** A message came to a push token or webhook id that no source has. */
  sourceUnaddressed(kind: 'push' | 'webhook'): void;
  /** One socket was sent one event. */
  socketEventSent(event: string): void;
  /** One message took `seconds` to write to every board connected to this instance. */
  boardBroadcast(event: string, seconds: number): void;
  /** One write to the store took `seconds`, and failed or not. */
  storeWrite(operation: string, seconds: number, failed: boolean): void;
  /** One attempt to deliver a page through a notifier. */
  notification(notifier: string, type: string, outcome: 'delivered' | 'failed'): void;
  /** One HTTP request answered; `route` is the route's pattern, never the path asked for. */
  httpRequest(method: string, route: string, status: number, seconds: number): void;
  /** The Content-Type of `scrape()`'s text. */
  readonly contentType: string;
  /** Everything, this app's and the process's, in the Prometheus text format. */
  scrape(): Promise<string>;
}

/** From a fast local probe to the longest timeout worth waiting for. */
const CHECK_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** A SQLite write takes well under a millisecond; a slow disk or a lock, far more. */
const STORE_BUCKETS = [0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5];
const BROADCAST_BUCKETS = [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];
const HTTP_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];

/** The gauges, read at each scrape so that they are always current and follow a reload. */
function registerGauges(registry: Registry, readers: MetricReaders): void {
  new Gauge({
    name: 'greenboard_services',
    help: 'Services on the board, by status.',
    labelNames: ['status'] as const,
    registers: [registry],
    collect() {
      const counts = new Map<string, number>(STATUSES.map((status) => [status, 0]));
      for (const status of readers.statuses()) counts.set(status, (counts.get(status) ?? 0) + 1);
      for (const [status, count] of counts) this.set({ status }, count);
    },
  });
  new Gauge({
    name: 'greenboard_boards_open',
    help: 'Sockets connected: boards and service pages open.',
    registers: [registry],
    collect() {
      this.set(readers.socketsOpen());
    },
  });
  if (readers.heldResults) {
    const held = () => readers.heldResults!();
    new Gauge({
      name: 'greenboard_store_held_results',
      help: 'Results held in memory because the database cannot be reached; written when it is back.',
      registers: [registry],
      collect() {
        this.set(held().held);
      },
    });
    let counted = 0;
    new Counter({
      name: 'greenboard_store_dropped_results_total',
      help: 'Results dropped, oldest first, because more were held than the bound while the database was away.',
      registers: [registry],
      collect() {
        const dropped = held().dropped;
        if (dropped > counted) this.inc(dropped - counted);
        counted = Math.max(counted, dropped);
      },
    });
  }
  if (readers.cluster) {
    const cluster = () => readers.cluster!();
    const gauge = (name: string, help: string, read: (c: { members: number; shards: number; linked: boolean | null }) => number) =>
      new Gauge({
        name,
        help,
        registers: [registry],
        collect() {
          this.set(read(cluster()));
        },
      });
    gauge('greenboard_cluster_members', 'Instances alive in the cluster, this one included.', (c) => c.members);
    gauge('greenboard_cluster_shards_held', 'Shards of the work (of 64) this instance holds.', (c) => c.shards);
    gauge('greenboard_cluster_linked', '1 while this instance reaches the others through Redis; 0 while it cannot (a partial view).', (c) =>
      c.linked === false ? 0 : 1,
    );
  }
}

/** The metrics of one app, in a registry of its own: several apps in one process never share a count. */
export function createMetrics(readers: MetricReaders): Metrics {
  const registry = new Registry();
  const counter = <L extends string>(name: string, help: string, labelNames: readonly L[]) => new Counter<L>({ name, help, labelNames, registers: [registry] });
  const histogram = <L extends string>(name: string, help: string, labelNames: readonly L[], buckets: number[]) =>
    new Histogram<L>({ name, help, labelNames, buckets, registers: [registry] });

  const checkRuns = counter('greenboard_check_runs_total', 'Check runs, by check type and outcome (ok, degraded, failed, unknown, maintenance).', [
    'type',
    'outcome',
  ]);
  const checkDuration = histogram(
    'greenboard_check_duration_seconds',
    'How long check runs that got an answer took (the latency the board shows), by check type.',
    ['type'],
    CHECK_BUCKETS,
  );
  registerGauges(registry, readers);
  const socketEvents = counter(
    'greenboard_socket_events_sent_total',
    'Events sent to sockets, one per socket reached, by event (snapshot, service:update, heartbeat, …).',
    ['event'],
  );
  const socketEventsByName = new Map<string, ReturnType<typeof socketEvents.labels>>();
  const broadcasts = histogram(
    'greenboard_board_broadcast_seconds',
    'How long one message took to write to every board connected to this instance, by event: the part of a change reaching the boards that grows with their number.',
    ['event'],
    BROADCAST_BUCKETS,
  );
  const storeWrites = histogram(
    'greenboard_store_write_seconds',
    'How long writes to the store took, failed ones included, by operation.',
    ['operation'],
    STORE_BUCKETS,
  );
  const storeErrors = counter('greenboard_store_errors_total', 'Writes to the store that failed, by operation.', ['operation']);
  // At zero from the start, so an alert on their increase has a series to watch before the first failure.
  for (const operation of STORE_WRITES) storeErrors.inc({ operation }, 0);
  const sourceEvents = counter(
    'greenboard_source_events_total',
    'Messages and polls of monitoring sources, by source, its type, and outcome (accepted, rejected).',
    ['source', 'type', 'outcome'],
  );
  const unaddressed = counter(
    'greenboard_source_unknown_address_total',
    'Messages to a push token or webhook id that no source has, by kind (push, webhook).',
    ['kind'],
  );
  const notifications = counter('greenboard_notifications_total', 'Attempts to deliver a page, by notifier id, its type, and outcome (delivered, failed).', [
    'notifier',
    'type',
    'outcome',
  ]);
  const httpRequests = counter('greenboard_http_requests_total', 'HTTP requests answered, by method, route pattern and status code.', [
    'method',
    'route',
    'status',
  ]);
  const httpDuration = histogram(
    'greenboard_http_request_duration_seconds',
    'How long HTTP requests took to answer, by route pattern.',
    ['route'],
    HTTP_BUCKETS,
  );

  return {
    checkRan(type, outcome, latencyMs) {
      checkRuns.inc({ type, outcome });
      if (latencyMs !== null) checkDuration.observe({ type }, latencyMs / 1_000);
    },
    sourceMessage: (source, type, outcome) => sourceEvents.inc({ source, type, outcome }),
    sourceUnaddressed: (kind) => unaddressed.inc({ kind }),
    socketEventSent(event) {
      // Called once per socket for every broadcast: the labelled child is found once per event name.
      let child = socketEventsByName.get(event);
      if (!child) socketEventsByName.set(event, (child = socketEvents.labels({ event })));
      child.inc();
    },
    boardBroadcast: (event, seconds) => broadcasts.observe({ event }, seconds),
    storeWrite(operation, seconds, failed) {
      storeWrites.observe({ operation }, seconds);
      if (failed) storeErrors.inc({ operation });
    },
    notification: (notifier, type, outcome) => notifications.inc({ notifier, type, outcome }),
    httpRequest(method, route, status, seconds) {
      httpRequests.inc({ method, route, status });
      httpDuration.observe({ route }, seconds);
    },
    contentType: registry.contentType,
    scrape: () => Registry.merge([registry, processRegistry()]).metrics(),
  };
}
