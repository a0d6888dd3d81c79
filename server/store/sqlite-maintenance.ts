import type Database from 'better-sqlite3';

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
