import type { Incident, Page } from '../incidents/model';
import type { StoredMaintenance } from '../maintenance/model';
import { incidentFromRow, incidentRow, PAGE_COLUMNS, pageFromRow, pageRow, type IncidentRow, type PageRow } from './incident-rows';
import { maintenanceFromRow, maintenanceRow, type MaintenanceRow } from './maintenance-rows';
import type { Sql } from './postgres-pool';
import { pgText } from './postgres-results';
import type { IncidentQuery } from './store';

const INCIDENT_COLUMNS = ['id', 'service_id', 'status', 'opened_at', 'resolved_at', 'part_of', 'data'] as const;
const PAGE_FIELDS = PAGE_COLUMNS.split(', ') as Array<keyof PageRow>;
const MAINTENANCE_COLUMNS = ['id', 'from_at', 'until_at', 'services', 'reason', 'created_by', 'created_at'] as const;

/** `$1, $2, …, $n`. */
const placeholders = (n: number) => Array.from({ length: n }, (_, i) => `$${i + 1}`).join(', ');
/** `a = excluded.a, …` for every column but the key. */
const replaceColumns = (columns: readonly string[]) =>
  columns
    .filter((c) => c !== 'id')
    .map((c) => `${c} = excluded.${c}`)
    .join(', ');

export async function saveIncident(sql: Sql, incident: Incident): Promise<void> {
  const row = incidentRow(incident);
  await sql.query(
    `INSERT INTO incidents (${INCIDENT_COLUMNS.join(', ')}) VALUES (${placeholders(INCIDENT_COLUMNS.length)})
     ON CONFLICT (id) DO UPDATE SET ${replaceColumns(INCIDENT_COLUMNS)}`,
    INCIDENT_COLUMNS.map((c) => row[c]),
  );
}

export async function incidentById(sql: Sql, id: string): Promise<Incident | null> {
  const { rows } = await sql.query<IncidentRow>('SELECT * FROM incidents WHERE id = $1', [id]);
  return rows[0] ? incidentFromRow(rows[0]) : null;
}

/** Incidents open at any time in [from, to], narrowed to a service or a status when asked, newest first. */
export async function incidentsIn(sql: Sql, query: IncidentQuery): Promise<Incident[]> {
  const where = ['opened_at <= $1', '(resolved_at IS NULL OR resolved_at >= $2)'];
  const params: unknown[] = [query.to, query.from];
  if (query.serviceId !== undefined) where.push(`service_id = $${params.push(query.serviceId)}`);
  if (query.status !== undefined) where.push(`status = $${params.push(query.status)}`);
  if (query.ownOnly === true) where.push('part_of IS NULL');
  const { rows } = await sql.query<IncidentRow>(
    `SELECT * FROM incidents WHERE ${where.join(' AND ')} ORDER BY opened_at DESC, id DESC LIMIT $${params.push(query.limit)}`,
    params,
  );
  return rows.map(incidentFromRow);
}

export async function activeIncidents(sql: Sql, resolvedSince: number): Promise<Incident[]> {
  const { rows } = await sql.query<IncidentRow>('SELECT * FROM incidents WHERE resolved_at IS NULL OR resolved_at >= $1 ORDER BY opened_at, id', [
    resolvedSince,
  ]);
  return rows.map(incidentFromRow);
}

/** Stores a page unless one with its key exists, whichever instance stored that; whether it was stored. */
export async function addPage(sql: Sql, page: Page): Promise<boolean> {
  const row = pageRow({ ...page, lastError: page.lastError === null ? null : pgText(page.lastError) });
  const { rowCount } = await sql.query(
    `INSERT INTO pages (${PAGE_COLUMNS}) VALUES (${placeholders(PAGE_FIELDS.length)}) ON CONFLICT (key) DO NOTHING`,
    PAGE_FIELDS.map((f) => row[f]),
  );
  return rowCount === 1;
}

export async function updatePage(sql: Sql, page: Page): Promise<void> {
  const { rowCount } = await sql.query('UPDATE pages SET status = $2, attempts = $3, sent_at = $4, next_attempt_at = $5, last_error = $6 WHERE id = $1', [
    page.id,
    page.status,
    page.attempts,
    page.sentAt,
    page.nextAttemptAt,
    page.lastError === null ? null : pgText(page.lastError),
  ]);
  // A page is never deleted, so one missing is a bug to hear of, not a delivery to forget quietly.
  if (rowCount === 0) throw new Error(`no page with id "${page.id}" to update`);
}

export async function pagesOf(sql: Sql, incidentIds: readonly string[]): Promise<Page[]> {
  if (incidentIds.length === 0) return [];
  const { rows } = await sql.query<PageRow>(`SELECT ${PAGE_COLUMNS} FROM pages WHERE incident_id = ANY($1::text[]) ORDER BY created_at, seq`, [incidentIds]);
  return rows.map(pageFromRow);
}

export async function unfinishedPages(sql: Sql): Promise<Page[]> {
  const { rows } = await sql.query<PageRow>(`SELECT ${PAGE_COLUMNS} FROM pages WHERE status IN ('pending', 'retrying') ORDER BY created_at, seq`);
  return rows.map(pageFromRow);
}

export async function saveMaintenance(sql: Sql, window: StoredMaintenance): Promise<void> {
  const row = maintenanceRow(window);
  await sql.query(
    `INSERT INTO maintenance (${MAINTENANCE_COLUMNS.join(', ')}) VALUES (${placeholders(MAINTENANCE_COLUMNS.length)})
     ON CONFLICT (id) DO UPDATE SET ${replaceColumns(MAINTENANCE_COLUMNS)}`,
    MAINTENANCE_COLUMNS.map((c) => row[c]),
  );
}

export async function deleteMaintenance(sql: Sql, id: string): Promise<boolean> {
  const { rowCount } = await sql.query('DELETE FROM maintenance WHERE id = $1', [id]);
  return rowCount === 1;
}

/** The windows that end after `after` ([from, until): one ending at `after` is over), earliest first. */
export async function maintenanceAfter(sql: Sql, after: number): Promise<StoredMaintenance[]> {
  const { rows } = await sql.query<MaintenanceRow>('SELECT * FROM maintenance WHERE until_at > $1 ORDER BY from_at, id', [after]);
  return rows.map(maintenanceFromRow);
}
