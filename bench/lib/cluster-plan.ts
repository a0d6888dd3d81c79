// The cluster benchmark's load, as values: how many checks, how often, for how long, and
// how many boards; and the board config every instance is started with.
import { quickRun } from './measure';
import type { BoardSpec, ServiceSpec } from './server';

export interface ClusterPlan {
  services: number;
  checksPerService: number;
  intervalS: number;
  /** How long CPU, RSS and the checks' rhythm are sampled, once every shard has settled. */
  sampleS: number;
  /** Socket.IO clients, spread evenly over the instances, for the fan-out. */
  clients: number;
  /**
   * Flips of the fan-out service, down and up. A hundred, so that p99 is the second
   * slowest rather than the slowest of a few; the slowest is shown beside it.
   */
  changes: number;
}

/** The issue's: 20,000 HTTP checks (2,000 services × 10) at 30 s, 3,000 boards. */
const FULL: ClusterPlan = { services: 2_000, checksPerService: 10, intervalS: 30, sampleS: 60, clients: 3_000, changes: 100 };

/** `BENCH_QUICK=1`: a tenth of the load, for trying the benchmark out; not for results. */
const QUICK: ClusterPlan = { services: 200, checksPerService: 10, intervalS: 10, sampleS: 30, clients: 300, changes: 10 };

export const CLUSTER_PLAN: ClusterPlan = quickRun ? QUICK : FULL;

export const totalChecks = (plan: ClusterPlan) => plan.services * plan.checksPerService;

/** The header in which each check names the instance that runs it, for the target to note. */
export const SENDER_HEADER = 'x-bench-instance';

/**
 * The environment variable that header is filled from, set per instance. Its name ends in
 * _HOST because the server masks the value of any other variable the config uses in every
 * message, as a secret: masking "a" would garble every log line and cost every result.
 */
export const SENDER_VARIABLE = 'BENCH_SENDER_HOST';

/** The service whose target the fan-out flips: checked every second, down at the first failure. */
export const FLIPPER = 'flipper';

/** The target path a check asks for. */
export const checkPath = (service: number, check: number) => `/service-${service}/check-${check}`;

/** Every check's path, for judging the rhythm of each. */
export function allCheckPaths(plan: ClusterPlan): string[] {
  return Array.from({ length: plan.services }, (_, s) => Array.from({ length: plan.checksPerService }, (_, c) => checkPath(s, c))).flat();
}

/** The plan's services against the target on `port`, plus the flipper against `flipperUrl`. */
export function clusterBoard(plan: ClusterPlan, port: number, flipperUrl: string): BoardSpec {
  const services: ServiceSpec[] = Array.from({ length: plan.services }, (_, s) => ({
    id: `service-${s}`,
    name: `Service ${s}`,
    checks: Array.from({ length: plan.checksPerService }, (_, c) => ({
      id: `check-${c}`,
      type: 'http' as const,
      url: `http://127.0.0.1:${port}${checkPath(s, c)}`,
      interval: `${plan.intervalS}s`,
      timeout: '5s',
      // Every instance reads the same config; each fills in its own name.
      headers: { [SENDER_HEADER]: `\${${SENDER_VARIABLE}:-?}` },
      expect: { status: 200 },
    })),
  }));
  services.push({
    id: FLIPPER,
    name: 'Flipper',
    checks: [{ id: 'health', type: 'http', url: flipperUrl, interval: '1s', timeout: '900ms', failureThreshold: 1 }],
  });
  return { services };
}
