import type { ServiceView } from '../../shared/api';
import { severity } from '../../shared/status';
import { compareNames } from '../natural-order';

const impacted = (s: ServiceView) => (s.impactedBy.length > 0 ? 1 : 0);

/**
 * Problems first (down, degraded, unknown, maintenance, up); within a status, services
 * impacted by a down dependency first; then by name (numbers in order: 2 before 10).
 */
export function sortForWall(services: readonly ServiceView[]): ServiceView[] {
  return [...services].sort(
    (a, b) => severity(b.status) - severity(a.status) || impacted(b) - impacted(a) || compareNames(a.name, b.name) || compareNames(a.id, b.id),
  );
}
