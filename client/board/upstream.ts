import type { ServiceView } from '../../shared/api';

/** The small mark on an upstream tile: whose service it is, in a few words. */
export function upstreamMark(service: ServiceView): string | null {
  return service.upstream ? `upstream · ${service.upstream.provider}` : null;
}

/**
 * How a tile names a service that impacts it: an upstream one says so, so that a tile
 * impacted by a provider reads "it's not us, it's the provider" at a glance.
 */
export function impactNamer(services: readonly ServiceView[]): (serviceId: string) => string {
  const byId = new Map(services.map((s) => [s.id, s]));
  return (id) => {
    const other = byId.get(id);
    if (!other) return id;
    return other.upstream ? `${other.name} (upstream)` : other.name;
  };
}
