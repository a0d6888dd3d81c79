import type { Upstream } from '../../shared/api';
import type { Config, SourceConfig } from '../config/schema';
import { getSourceType } from '../sources/registry';
import type { CheckFacts } from './aggregate';
import { INITIAL_MACHINE_STATE, type Thresholds } from './state-machine';

/** A source's word is taken as it comes: each report counts at once. */
const SOURCE_THRESHOLDS: Thresholds = { failureThreshold: 1, successThreshold: 1 };

type SourceWithServices = { source: SourceConfig; list: readonly string[]; services: ReadonlySet<string> };

/** Each source with the services it reports on, worked out once per config rather than once per service or request. */
const servicesOfSources = new WeakMap<Config, SourceWithServices[]>();

function sourcesWithServices(config: Config): SourceWithServices[] {
  let found = servicesOfSources.get(config);
  if (!found) {
    const board = config.services.map((service) => service.id);
    found = config.sources.map((source) => {
      const list = getSourceType(source.type).services(source as never, board);
      return { source, list, services: new Set(list) };
    });
    servicesOfSources.set(config, found);
  }
  return found;
}

/** The services one source of the config reports on, in its type's order. */
export function servicesOfSource(config: Config, source: SourceConfig): readonly string[] {
  return sourcesWithServices(config).find((entry) => entry.source === source)?.list ?? [];
}

/**
 * The entries that sources add to a service, beside its checks, keyed by the source's id.
 * A source's report never goes stale by the clock: only the source says when it can no
 * longer tell (unknown), by its own rule (a push's grace, say).
 */
export function sourceEntries(config: Config, serviceId: string): Array<CheckFacts & { config: null; thresholds: Thresholds }> {
  return sourcesWithServices(config)
    .filter(({ services }) => services.has(serviceId))
    .map(({ source }) => ({
      id: source.id,
      type: source.type,
      origin: 'source' as const,
      config: null,
      thresholds: SOURCE_THRESHOLDS,
      machine: INITIAL_MACHINE_STATE,
      last: null,
      freshnessMs: Infinity,
    }));
}

/** The provider a service belongs to when an upstream source (a vendor's status page) feeds it; null for our own. */
export function upstreamOf(config: Config, serviceId: string): Upstream | null {
  for (const { source, services } of sourcesWithServices(config)) {
    const type = getSourceType(source.type);
    if (type.upstream && services.has(serviceId)) return type.upstream(source as never);
  }
  return null;
}
