import type Database from 'better-sqlite3';
import { PAGE_COLUMNS } from './incident-rows';
import type { IncidentQuery } from './store';

/** The SQL of `Store.incidents` for the filters given: one statement per shape, so each can use its index. */
function incidentsSql(byService: boolean, byStatus: boolean, ownOnly: boolean): string {
  const where = ['opened_at <= @to', '(resolved_at IS NULL OR resolved_at >= @from)'];
  if (byService) where.push('service_id = @serviceId');
  if (byStatus) where.push('status = @status');
  if (ownOnly) where.push('part_of IS NULL');
  return `SELECT * FROM incidents WHERE ${where.join(' AND ')} ORDER BY opened_at DESC, id DESC LIMIT @limit`;
}

/** The prepared statements of incidents and pages; made once the schema is migrated. */
export function prepareIncidentStatements(db: Database.Database) {
  // Made on first use: at most eight shapes, each free to use the index its filters suit.
  const windows = new Map<string, Database.Statement>();
  const incidentsWindow = (query: IncidentQuery): Database.Statement => {
    const sql = incidentsSql(query.serviceId !== undefined, query.status !== undefined, query.ownOnly === true);
    const statement = windows.get(sql) ?? db.prepare(sql);
    windows.set(sql, statement);
    return statement;
  };
  return {
    saveIncident: db.prepare(`INSERT INTO incidents (id, service_id, status, opened_at, resolved_at, part_of, data)
      VALUES (@id, @service_id, @status, @opened_at, @resolved_at, @part_of, @data)
      ON CONFLICT (id) DO UPDATE SET service_id = excluded.service_id, status = excluded.status, opened_at = excluded.opened_at,
      resolved_at = excluded.resolved_at, part_of = excluded.part_of, data = excluded.data`),
    incident: db.prepare('SELECT * FROM incidents WHERE id = ?'),
    incidentsWindow,
    activeIncidents: db.prepare('SELECT * FROM incidents WHERE resolved_at IS NULL OR resolved_at >= ? ORDER BY opened_at, id'),
    addPage: db.prepare(`INSERT INTO pages (${PAGE_COLUMNS}) VALUES (${PAGE_COLUMNS.replace(/\w+/g, '@$&')}) ON CONFLICT (key) DO NOTHING`),
    updatePage: db.prepare(`UPDATE pages SET status = @status, attempts = @attempts, sent_at = @sent_at, next_attempt_at = @next_attempt_at,
      last_error = @last_error WHERE id = @id`),
    // The ids as one JSON list: one statement for any number of incidents.
    pagesOf: db.prepare('SELECT * FROM pages WHERE incident_id IN (SELECT value FROM json_each(?)) ORDER BY created_at, rowid'),
    unfinishedPages: db.prepare("SELECT * FROM pages WHERE status IN ('pending', 'retrying') ORDER BY created_at, rowid"),
  };
}
