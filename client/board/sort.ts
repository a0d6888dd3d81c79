import type { ServiceView } from '../../shared/api';
import { severity } from '../../shared/status';

/** Problems first (down, degraded, unknown, maintenance, up), then by name. */
export function sortForWall(services: readonly ServiceView[]): ServiceView[] {
  return [...services].sort(
    (a, b) => severity(b.status) - severity(a.status) || a.name.localeCompare(b.name) || a.id.localeCompare(b.id),
  );
}
