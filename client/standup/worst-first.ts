import type { ServiceUptimeView } from '../../shared/api';
import { compareNames } from '../natural-order';

/** Services worst first: lowest uptime, then most downtime; those with no data last; ties by name. */
export function worstFirst(services: readonly ServiceUptimeView[]): ServiceUptimeView[] {
  return [...services].sort((a, b) => {
    if (a.uptime === null || b.uptime === null) {
      if (a.uptime === b.uptime) return compareNames(a.name, b.name);
      return a.uptime === null ? 1 : -1;
    }
    return a.uptime - b.uptime || b.downMs - a.downMs || compareNames(a.name, b.name);
  });
}
