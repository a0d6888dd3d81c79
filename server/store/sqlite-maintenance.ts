import type Database from 'better-sqlite3';
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

/** The prepared statements of maintenance windows; made once the schema is migrated. */
export function prepareMaintenanceStatements(db: Database.Database) {
  return {
    saveMaintenance: db.prepare(`INSERT INTO maintenance (id, from_at, until_at, services, reason, created_by, created_at)
      VALUES (@id, @from_at, @until_at, @services, @reason, @created_by, @created_at)
      ON CONFLICT (id) DO UPDATE SET from_at = excluded.from_at, until_at = excluded.until_at, services = excluded.services,
      reason = excluded.reason, created_by = excluded.created_by, created_at = excluded.created_at`),
    deleteMaintenance: db.prepare('DELETE FROM maintenance WHERE id = ?'),
    // [from, until): a window that ends at `after` is over.
    loadMaintenance: db.prepare('SELECT * FROM maintenance WHERE until_at > ? ORDER BY from_at, id'),
  };
}
