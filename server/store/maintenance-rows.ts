/** Maintenance windows as rows, the same for every SQL backend. Pure. */
import type { StoredMaintenance } from '../maintenance/model';

/** A row of `maintenance`: `from_at` and `until_at` are the window's [from, until). */
export interface MaintenanceRow {
  id: string;
  from_at: number;
  until_at: number;
  services: string;
  reason: string;
  created_by: string | null;
  created_at: number;
}

/** A maintenance window as one row; its services as a JSON list. */
export function maintenanceRow(window: StoredMaintenance): MaintenanceRow {
  return {
    id: window.id,
    from_at: window.from,
    until_at: window.until,
    services: JSON.stringify(window.services),
    reason: window.reason,
    created_by: window.createdBy,
    created_at: window.createdAt,
  };
}

/** The window a row holds. */
export function maintenanceFromRow(row: MaintenanceRow): StoredMaintenance {
  return {
    id: row.id,
    services: JSON.parse(row.services) as string[],
    from: row.from_at,
    until: row.until_at,
    reason: row.reason,
    createdBy: row.created_by,
    createdAt: row.created_at,
  };
}
