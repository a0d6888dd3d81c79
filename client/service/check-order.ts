import type { CheckView } from '../../shared/api';
import { severity } from '../../shared/status';
import { compareNames } from '../natural-order';

/** Problems first (down, degraded, unknown, maintenance, up), then stale ones, then by id. */
export function sortChecks(checks: readonly CheckView[]): CheckView[] {
  return [...checks].sort((a, b) => severity(b.status) - severity(a.status) || Number(b.stale) - Number(a.stale) || compareNames(a.id, b.id));
}
