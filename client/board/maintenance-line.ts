import type { MaintenanceNow } from '../../shared/api';
import { formatUntil } from './oncall-entries';

/**
 * "Maintenance until 14:00 · Nightly backup", in the browser's local time and the
 * on-call strip's words for a far end ("until Tue 09:00"). Pure.
 */
export function maintenanceLine(maintenance: MaintenanceNow, now: number): string {
  const until = Date.parse(maintenance.until);
  const head = Number.isFinite(until) ? `Maintenance ${formatUntil(until, now)}` : 'Maintenance';
  const reason = maintenance.reason.trim();
  return reason === '' ? head : `${head} · ${reason}`;
}
