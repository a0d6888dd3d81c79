import type { Upstream } from '../../shared/api';
import type { Config } from '../config/schema';
import { getSourceType } from '../sources/registry';
import type { CheckFacts } from './aggregate';
import { INITIAL_MACHINE_STATE, type Thresholds } from './state-machine';

/** A source's word is taken as it comes: each report counts at once. */
const SOURCE_THRESHOLDS: Thresholds = { failureThreshold: 1, successThreshold: 1 };

/**
 * The entries that sources add to a service, beside its checks, keyed by the source's id.
 * A source's report never goes stale by the clock: only the source says when it can no
 * longer tell (unknown), by its own rule (a push's grace, say).
 */
export function sourceEntries(config: Config, serviceId: string): Array<CheckFacts & { config: null; thresholds: Thresholds }> {
  return config.sources
    .filter((source) =>
      getSourceType(source.type)
        .services(
          source as never,
          config.services.map((service) => service.id),
        )
        .includes(serviceId),
    )
    .map((source) => ({
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
  const board = config.services.map((service) => service.id);
  for (const source of config.sources) {
    const type = getSourceType(source.type);
    if (type.upstream && type.services(source as never, board).includes(serviceId)) return type.upstream(source as never);
  }
  return null;
}
