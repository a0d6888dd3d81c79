import type { ServiceView } from '../../shared/api';
import { severity } from '../../shared/status';
import { compareNames } from '../natural-order';

/** Problems first (down, degraded, unknown, maintenance, up), then by name (numbers in order: 2 before 10). */
export function sortForWall(services: readonly ServiceView[]): ServiceView[] {
  return [...services].sort(
    (a, b) => severity(b.status) - severity(a.status) || compareNames(a.name, b.name) || compareNames(a.id, b.id),
  );
}
