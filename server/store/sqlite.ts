import { setImmediate } from 'node:timers';
import { HOUR_MS } from '../history/hour-rollup';
import Database from 'better-sqlite3';
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import type { Status } from '../../shared/status';
import type { Incident, Page } from '../incidents/model';
import type { StoredMaintenance } from '../maintenance/model';
import type { Interval } from '../uptime/model';
import { incidentFromRow, incidentRow, pageFromRow, pageRow, type IncidentRow, type PageRow } from './incident-rows';
import { maintenanceFromRow, maintenanceRow, type MaintenanceRow } from './maintenance-rows';
import {
  checkStateFromRow,
  latencyTenths,
  newestResults,
  outcomeCode,
  sampleResult,
  sourceHealthFromRow,
  storedResult,
  type CheckStateRow,
  type ResultRow,
  type SampleRow,
  type SourceHealthRow,
} from './result-rows';
import { prepareIncidentStatements } from './sqlite-incidents';
import { prepareMaintenanceStatements } from './sqlite-maintenance';
import { prepareUptimeStatements, runsIn, UPTIME_MIGRATION, uptimeFactsOf } from './sqlite-uptime';
import { ACCESS_MIGRATION, ATTEMPTS_MIGRATION, prepareAccessStatements } from './sqlite-access';
import type { StoredAccessToken, StoredSession } from '../access/model';
import { allRollupKeys, HISTORY_MIGRATION, prepareHistoryStatements, putRollup, rollupFactsOf, rollupsOf, SeriesIds } from './sqlite-history';
import type {
  AttemptCount,
  HistoryLevel,
  HourRollup,
  RollupFacts,
  RollupKey,
  RollupLevel,
  StoredRollup,
  IncidentQuery,
  ResultWrite,
  ServiceHistory,
  ServiceUptimeFacts,
  Store,
  StoreProblem,
  StoredCheckState,
  StoredOncallReading,
  StoredResult,
  StoredServiceState,
  StoredSourceHealth,
  Transition,
} from './store';
import { oncallReadingFromRow, oncallReadingRow, type OncallReadingRow } from './oncall-rows';
import { storeErrorCause } from './store-errors';

// Each entry upgrades the schema by one version; applied in order, recorded in user_version.
export const MIGRATIONS = [
  `
  CREATE TABLE results (
    id INTEGER PRIMARY KEY,
    service_id TEXT NOT NULL,
    check_id TEXT NOT NULL,
    at INTEGER NOT NULL,
    outcome TEXT NOT NULL,
    latency_ms REAL,
    message TEXT NOT NULL,
    details TEXT
  );
  CREATE INDEX results_service_at ON results (service_id, at);
  CREATE INDEX results_at ON results (at);
  CREATE TABLE check_state (
    service_id TEXT NOT NULL,
    check_id TEXT NOT NULL,
    status TEXT NOT NULL,
    since INTEGER,
    failures INTEGER NOT NULL,
    successes INTEGER NOT NULL,
    last_at INTEGER,
    last_outcome TEXT,
    last_message TEXT,
    last_latency_ms REAL,
    PRIMARY KEY (service_id, check_id)
  );
  CREATE TABLE service_state (
    service_id TEXT PRIMARY KEY,
    status TEXT NOT NULL,
    since INTEGER NOT NULL
  );
  CREATE TABLE transitions (
    id INTEGER PRIMARY KEY,
    service_id TEXT NOT NULL,
    check_id TEXT,
    from_status TEXT,
    to_status TEXT NOT NULL,
    at INTEGER NOT NULL
  );
  CREATE INDEX transitions_service_at ON transitions (service_id, at);
  `,
  // The details of each check's newest result; ok results are stored without theirs.
  `
  ALTER TABLE check_state ADD COLUMN last_details TEXT;
  UPDATE check_state SET last_details = (
    SELECT details FROM results r
    WHERE r.service_id = check_state.service_id AND r.check_id = check_state.check_id AND r.at = check_state.last_at
    ORDER BY r.id DESC LIMIT 1
  );
  UPDATE results SET details = NULL WHERE outcome = 'ok';
  `,
  // Each source's health (last message taken, last refusal), so a restart remembers it.
  `
  CREATE TABLE source_health (
    source_id TEXT PRIMARY KEY,
    last_received_at INTEGER,
    received INTEGER NOT NULL,
    errors INTEGER NOT NULL,
    last_error TEXT,
    last_error_at INTEGER
  );
  `,
  // Incidents and their pages, maintenance windows made through the API, and settings
  // the instances share. An incident's fields that no query filters on are JSON in `data`.
  `
  CREATE TABLE incidents (
    id TEXT PRIMARY KEY,
    service_id TEXT NOT NULL,
    status TEXT NOT NULL,
    opened_at INTEGER NOT NULL,
    resolved_at INTEGER,
    part_of TEXT,
    data TEXT NOT NULL
  );
  CREATE INDEX incidents_service_opened ON incidents (service_id, opened_at);
  CREATE INDEX incidents_status ON incidents (status);
  CREATE INDEX incidents_opened ON incidents (opened_at);
  CREATE INDEX incidents_resolved ON incidents (resolved_at);
  CREATE TABLE pages (
    id TEXT PRIMARY KEY,
    key TEXT NOT NULL UNIQUE,
    incident_id TEXT NOT NULL,
    kind TEXT NOT NULL,
    step TEXT NOT NULL,
    recipient_kind TEXT NOT NULL,
    recipient_id TEXT NOT NULL,
    recipient_name TEXT NOT NULL,
    channel TEXT NOT NULL,
    channel_type TEXT NOT NULL,
    route INTEGER NOT NULL,
    address TEXT NOT NULL,
    status TEXT NOT NULL,
    attempts INTEGER NOT NULL,
    created_at INTEGER NOT NULL,
    sent_at INTEGER,
    next_attempt_at INTEGER,
    last_error TEXT
  );
  CREATE INDEX pages_incident ON pages (incident_id, created_at);
  CREATE INDEX pages_status ON pages (status, created_at);
  CREATE TABLE maintenance (
    id TEXT PRIMARY KEY,
    from_at INTEGER NOT NULL,
    until_at INTEGER NOT NULL,
    services TEXT NOT NULL,
    reason TEXT NOT NULL,
    created_by TEXT,
    created_at INTEGER NOT NULL
  );
  CREATE INDEX maintenance_until ON maintenance (until_at);
  CREATE TABLE settings (
    key TEXT PRIMARY KEY,
    value TEXT NOT NULL
  );
  `,
  UPTIME_MIGRATION,
  HISTORY_MIGRATION,
  ACCESS_MIGRATION,
  ATTEMPTS_MIGRATION,
  `
  CREATE TABLE oncall_readings (
    team_id TEXT NOT NULL,
    layer TEXT NOT NULL,
    feed TEXT NOT NULL,
    shifts TEXT NOT NULL,
    as_of INTEGER NOT NULL,
    PRIMARY KEY (team_id, layer)
  );
  `,
];

/** The default store: one SQLite file, WAL mode, prepared statements. */
export class SqliteStore implements Store {
  private readonly db: Database.Database;
  private statements: ReturnType<SqliteStore['prepare']> | null = null;
  /** Set while the latest write of history failed; cleared by the next that succeeds. */
  private problem: StoreProblem | null = null;
  private readonly series = new SeriesIds(() => this.sql);

  constructor(readonly file: string) {
    if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    // WAL + NORMAL survives a process crash without losing committed transactions.
    this.db.pragma('synchronous = NORMAL');
    this.db.pragma('busy_timeout = 5000');
    // Made once: better-sqlite3 wraps the function anew on every transaction() call.
    this.writeResultTx = this.db.transaction((w: ResultWrite) => this.writeResultNow(w));
    this.writeBatchTx = this.db.transaction((batch: ResultWrite[]) => batch.forEach((w) => this.writeResultNow(w)));
    this.writeRollupsTx = this.db.transaction((hours: readonly HourRollup[]) => {
      for (const hour of hours) putRollup(this.sql, this.series, hour);
    });
    this.writeHealthTx = this.db.transaction((batch: StoredSourceHealth[]) =>
      batch.forEach((h) => this.sql.upsertSourceHealth.run(h.sourceId, h.lastReceivedAt, h.received, h.errors, h.lastError, h.lastErrorAt)),
    );
  }

  async migrate(): Promise<void> {
    const version = this.db.pragma('user_version', { simple: true }) as number;
    for (let v = version; v < MIGRATIONS.length; v++) {
      this.db.transaction(() => {
        this.db.exec(MIGRATIONS[v]!);
        this.db.pragma(`user_version = ${v + 1}`);
      })();
    }
    // Written even when no upgrade was due: a file SQLite could open only for reading
    // fails here, at start-up, with the cause, not at the first result.
    this.db.pragma(`user_version = ${MIGRATIONS.length}`);
    this.statements = this.prepare();
  }

  private prepare() {
    const db = this.db;
    return {
      upsertCheck: db.prepare(`INSERT INTO check_state
        (service_id, check_id, status, since, failures, successes, last_at, last_outcome, last_message, last_latency_ms, last_details)
        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
        ON CONFLICT (service_id, check_id) DO UPDATE SET status = excluded.status, since = excluded.since,
        failures = excluded.failures, successes = excluded.successes, last_at = excluded.last_at,
        last_outcome = excluded.last_outcome, last_message = excluded.last_message, last_latency_ms = excluded.last_latency_ms,
        last_details = excluded.last_details`),
      upsertService: db.prepare(`INSERT INTO service_state VALUES (?, ?, ?)
        ON CONFLICT (service_id) DO UPDATE SET status = excluded.status, since = excluded.since`),
      insertTransition: db.prepare('INSERT INTO transitions (service_id, check_id, from_status, to_status, at) VALUES (?, ?, ?, ?, ?)'),
      historyTransitions: db.prepare(
        'SELECT check_id, from_status, to_status, at FROM transitions WHERE service_id = ? AND at BETWEEN ? AND ? ORDER BY at, id',
      ),
      latestResults: db.prepare(
        'SELECT check_id, last_at AS at, last_outcome AS outcome, last_latency_ms AS latency_ms, last_message AS message, last_details AS details FROM check_state WHERE service_id = ? AND last_at IS NOT NULL ORDER BY check_id',
      ),
      upsertSourceHealth: db.prepare(`INSERT INTO source_health VALUES (?, ?, ?, ?, ?, ?)
        ON CONFLICT (source_id) DO UPDATE SET last_received_at = excluded.last_received_at, received = excluded.received,
        errors = excluded.errors, last_error = excluded.last_error, last_error_at = excluded.last_error_at`),
      sourceHealth: db.prepare('SELECT * FROM source_health ORDER BY source_id'),
      upsertOncallReading: db.prepare(`INSERT INTO oncall_readings VALUES (@team_id, @layer, @feed, @shifts, @as_of)
        ON CONFLICT (team_id, layer) DO UPDATE SET feed = excluded.feed, shifts = excluded.shifts, as_of = excluded.as_of`),
      oncallReadings: db.prepare('SELECT * FROM oncall_readings ORDER BY team_id, layer'),
      ...prepareIncidentStatements(db),
      ...prepareMaintenanceStatements(db),
      ...prepareUptimeStatements(db),
      ...prepareHistoryStatements(db),
      access: prepareAccessStatements(db),
      insertSetting: db.prepare('INSERT INTO settings (key, value) VALUES (?, ?) ON CONFLICT (key) DO NOTHING'),
      setting: db.prepare('SELECT value FROM settings WHERE key = ?'),
    };
  }

  private get sql() {
    if (!this.statements) throw new Error('SqliteStore used before migrate()');
    return this.statements;
  }

  async loadState(): Promise<{ checks: StoredCheckState[]; services: StoredServiceState[] }> {
    this.flushResults();
    const checks = (this.db.prepare('SELECT * FROM check_state').all() as CheckStateRow[]).map(checkStateFromRow);
    const services = (
      this.db.prepare('SELECT service_id, status, since FROM service_state').all() as Array<{
        service_id: string;
        status: Status;
        since: number;
      }>
    ).map((r) => ({ serviceId: r.service_id, status: r.status, since: r.since }));
    return { checks, services };
  }

  private readonly writeResultTx: (w: ResultWrite) => void;
  private readonly writeBatchTx: (batch: ResultWrite[]) => void;
  /** Results waiting to be written together, in one transaction, once this turn of the event loop ends. */
  private queued: Array<{ write: ResultWrite; done: (error?: Error) => void }> = [];
  private queuedHealth = new Map<string, { health: StoredSourceHealth; waiting: Array<(error?: Error) => void> }>();
  private readonly writeHealthTx: (batch: StoredSourceHealth[]) => void;

  /** One result and what it changed; run inside `writeResultTx`, one transaction. */
  private writeResultNow(w: ResultWrite): void {
    const { result: r, machine: m } = w;
    const details = r.details ? JSON.stringify(r.details) : null;
    const ok = r.outcome === 'ok';
    const series = this.series.idOf(w.serviceId, w.checkId);
    // The key is (series, time): a second result in the same millisecond (two pushes at
    // once) is stored a millisecond later rather than lost.
    for (let at = r.at; ; at++) {
      if (this.sql.insertSample.run(series, at, outcomeCode(r.outcome), latencyTenths(r.latencyMs), ok ? null : r.message, ok ? null : details).changes === 1)
        break;
    }
    this.sql.upsertCheck.run(w.serviceId, w.checkId, m.status, m.since, m.failures, m.successes, r.at, r.outcome, r.message, r.latencyMs, details);
    if (w.checkTransition) this.insertTransition(w.serviceId, w.checkId, w.checkTransition);
    if (w.serviceTransition) {
      this.sql.upsertService.run(w.serviceId, w.serviceTransition.to, w.serviceTransition.at);
      this.insertTransition(w.serviceId, null, w.serviceTransition);
    }
  }

  private insertTransition(serviceId: string, checkId: string | null, t: Transition) {
    this.sql.insertTransition.run(serviceId, checkId, t.from, t.to, t.at);
    if (checkId === null) {
      this.sql.firstSeen.run(serviceId, t.at);
      // The service's own series, so that its status time is rolled up too.
      this.series.idOf(serviceId, null);
    }
  }

  /**
   * Resolves once the result is written. The results of one turn of the event loop share a
   * transaction: a thousand pushes a second are a few dozen commits, not a thousand.
   */
  writeResult(write: ResultWrite): Promise<void> {
    return new Promise((resolve, reject) => {
      this.queued.push({ write, done: (error) => (error === undefined ? resolve() : reject(error)) });
      // Node's own timer, not the global one a test may fake: a write is I/O, not a timer.
      if (this.queued.length === 1) setImmediate(() => this.flushResults());
    });
  }

  /** Writes the queued results in one transaction; should that fail, each alone, so one bad write sinks no other. */
  private flushResults(): void {
    const batch = this.queued;
    if (batch.length === 0) return;
    this.queued = [];
    try {
      this.writeHistory(() => this.writeBatchTx(batch.map((q) => q.write)));
      for (const q of batch) q.done();
    } catch {
      for (const q of batch) {
        try {
          this.writeHistory(() => this.writeResultTx(q.write));
          q.done();
        } catch (error) {
          q.done(error instanceof Error ? error : new Error(String(error)));
        }
      }
    }
  }

  async writeServiceTransition(serviceId: string, transition: Transition): Promise<void> {
    this.flushResults();
    this.writeHistory(() =>
      this.db.transaction(() => {
        this.sql.upsertService.run(serviceId, transition.to, transition.at);
        this.insertTransition(serviceId, null, transition);
      })(),
    );
  }

  /** Runs one write of history, noting whether history can be saved (see writeProblem). */
  private writeHistory(write: () => void): void {
    try {
      write();
      this.problem = null;
    } catch (error) {
      this.problem = { reason: storeErrorCause(error), since: this.problem?.since ?? Date.now() };
      throw error;
    }
  }

  writeProblem(): StoreProblem | null {
    return this.problem;
  }

  async serviceHistory(serviceId: string, from: number, to: number, limit: number): Promise<ServiceHistory> {
    this.flushResults();
    const results = this.newestResults(serviceId, from, to, limit);
    const transitions = (
      this.sql.historyTransitions.all(serviceId, from, to) as Array<{
        check_id: string | null;
        from_status: Status | null;
        to_status: Status;
        at: number;
      }>
    ).map((r) => ({ checkId: r.check_id, from: r.from_status, to: r.to_status, at: r.at }));
    const latest = (this.sql.latestResults.all(serviceId) as ResultRow[]).map(storedResult);
    return { results, transitions, latest };
  }

  /** The newest `limit` results of the service's checks in [from, to], oldest first. */
  private newestResults(serviceId: string, from: number, to: number, limit: number): StoredResult[] {
    if (limit <= 0) return [];
    const all: StoredResult[] = [];
    for (const s of this.sql.seriesOf.all(serviceId) as Array<{ id: number; check_id: string }>) {
      if (s.check_id === '') continue;
      for (const row of this.sql.samplesNewest.all(s.id, from, to, limit) as SampleRow[]) all.push(sampleResult(s.check_id, row));
    }
    return newestResults(all, limit);
  }

  /** Like results, the healths saved in one turn of the event loop share a transaction; a source's latest wins. */
  writeSourceHealth(h: StoredSourceHealth): Promise<void> {
    return new Promise((resolve, reject) => {
      const waiting = this.queuedHealth.get(h.sourceId)?.waiting ?? [];
      waiting.push((error) => (error === undefined ? resolve() : reject(error)));
      this.queuedHealth.set(h.sourceId, { health: h, waiting });
      if (this.queuedHealth.size === 1 && waiting.length === 1) setImmediate(() => this.flushHealth());
    });
  }

  private flushHealth(): void {
    const batch = [...this.queuedHealth.values()];
    if (batch.length === 0) return;
    this.queuedHealth = new Map();
    let failure: Error | undefined;
    try {
      this.writeHealthTx(batch.map((q) => q.health));
    } catch (error) {
      failure = error instanceof Error ? error : new Error(String(error));
    }
    for (const q of batch) for (const done of q.waiting) done(failure);
  }

  async loadSourceHealth(): Promise<StoredSourceHealth[]> {
    this.flushHealth();
    return (this.sql.sourceHealth.all() as SourceHealthRow[]).map(sourceHealthFromRow);
  }

  async saveIncident(incident: Incident): Promise<void> {
    // The results queued before it go first: after a crash the file never holds an
    // incident without the check state that opened it.
    this.flushResults();
    this.sql.saveIncident.run(incidentRow(incident));
  }

  async incident(id: string): Promise<Incident | null> {
    const row = this.sql.incident.get(id) as IncidentRow | undefined;
    return row ? incidentFromRow(row) : null;
  }

  async incidents(query: IncidentQuery): Promise<Incident[]> {
    return (this.sql.incidentsWindow(query).all(query) as IncidentRow[]).map(incidentFromRow);
  }

  async activeIncidents(resolvedSince: number): Promise<Incident[]> {
    return (this.sql.activeIncidents.all(resolvedSince) as IncidentRow[]).map(incidentFromRow);
  }

  async addPage(page: Page): Promise<boolean> {
    return this.sql.addPage.run(pageRow(page)).changes === 1;
  }

  async updatePage(page: Page): Promise<void> {
    // A page is never deleted, so one missing is a bug to hear of, not a delivery to forget quietly.
    if (this.sql.updatePage.run(pageRow(page)).changes === 0) throw new Error(`no page with id "${page.id}" to update`);
  }

  async pagesOf(incidentIds: readonly string[]): Promise<Page[]> {
    if (incidentIds.length === 0) return [];
    return (this.sql.pagesOf.all(JSON.stringify(incidentIds)) as PageRow[]).map(pageFromRow);
  }

  async unfinishedPages(): Promise<Page[]> {
    return (this.sql.unfinishedPages.all() as PageRow[]).map(pageFromRow);
  }

  async saveMaintenance(window: StoredMaintenance): Promise<void> {
    this.sql.saveMaintenance.run(maintenanceRow(window));
  }

  async deleteMaintenance(id: string): Promise<boolean> {
    return this.sql.deleteMaintenance.run(id).changes === 1;
  }

  async loadMaintenance(after: number): Promise<StoredMaintenance[]> {
    return (this.sql.loadMaintenance.all(after) as MaintenanceRow[]).map(maintenanceFromRow);
  }

  async saveAccessToken(token: StoredAccessToken): Promise<void> {
    this.sql.access.saveAccessToken(token);
  }

  async accessTokenByHash(hash: string): Promise<StoredAccessToken | null> {
    return this.sql.access.accessTokenByHash(hash);
  }

  async accessTokens(): Promise<StoredAccessToken[]> {
    return this.sql.access.accessTokens();
  }

  async revokeAccessToken(id: string, at: number): Promise<boolean> {
    return this.sql.access.revokeAccessToken(id, at);
  }

  async touchAccessToken(id: string, at: number): Promise<void> {
    this.sql.access.touchAccessToken(id, at);
  }

  async saveSession(session: StoredSession): Promise<void> {
    this.sql.access.saveSession(session);
  }

  async session(hash: string, now: number): Promise<StoredSession | null> {
    return this.sql.access.session(hash, now);
  }

  async deleteSession(hash: string): Promise<void> {
    this.sql.access.deleteSession(hash);
  }

  async pruneSessions(before: number): Promise<number> {
    return this.sql.access.pruneSessions(before);
  }

  async saveOncallReading(reading: StoredOncallReading): Promise<void> {
    this.sql.upsertOncallReading.run(oncallReadingRow(reading));
  }

  async oncallReadings(): Promise<StoredOncallReading[]> {
    return (this.sql.oncallReadings.all() as OncallReadingRow[]).map(oncallReadingFromRow);
  }

  async countAttempt(key: string, by: 1 | -1, at: number, windowMs: number): Promise<AttemptCount> {
    return this.sql.access.countAttempt(key, by, at, windowMs);
  }

  async forgetAttempts(key: string): Promise<void> {
    this.sql.access.forgetAttempts(key);
  }

  async pruneAttempts(before: number): Promise<number> {
    return this.sql.access.pruneAttempts(before);
  }

  async setting(key: string, value: string): Promise<string> {
    // Two instances may race here; whichever inserts first, both read back the same row.
    this.sql.insertSetting.run(key, value);
    return (this.sql.setting.get(key) as { value: string }).value;
  }

  async startRun(at: number): Promise<number> {
    return Number(this.sql.startRun.run(at, at).lastInsertRowid);
  }

  async runAlive(id: number, at: number): Promise<void> {
    this.sql.runAlive.run(at, id);
  }

  async runs(from: number, to: number): Promise<Interval[]> {
    return runsIn(this.sql, from, to);
  }

  async uptimeFacts(serviceIds: readonly string[], from: number, to: number): Promise<Map<string, ServiceUptimeFacts>> {
    // Transitions still queued with their results belong in the answer.
    this.flushResults();
    return new Map(serviceIds.map((id) => [id, uptimeFactsOf(this.sql, id, from, to)]));
  }

  async rollupKeys(): Promise<RollupKey[]> {
    this.flushResults();
    return allRollupKeys(this.sql);
  }

  async rollupFacts(keys: readonly RollupKey[], from: number, to: number): Promise<RollupFacts[]> {
    this.flushResults();
    return keys.map((key) => rollupFactsOf(this.sql, this.series, key, from, to));
  }

  async writeRollups(hours: readonly HourRollup[]): Promise<void> {
    this.writeRollupsTx(hours);
  }

  private readonly writeRollupsTx: (hours: readonly HourRollup[]) => void;

  async rollups(serviceId: string, level: RollupLevel, from: number, to: number): Promise<StoredRollup[]> {
    return rollupsOf(this.sql, serviceId, level, from, to);
  }

  async rolledUpThrough(): Promise<number | null> {
    const value = this.sql.mark.get() as string | undefined;
    return value === undefined ? null : Number(value);
  }

  async setRolledUpThrough(at: number): Promise<void> {
    this.sql.setMark.run(String(at));
  }

  async oldestResult(): Promise<number | null> {
    this.flushResults();
    let oldest: number | null = null;
    for (const s of this.sql.allSeries.all() as Array<{ id: number }>) {
      const at = this.sql.oldestSample.get(s.id) as number | undefined;
      if (at !== undefined && (oldest === null || at < oldest)) oldest = at;
    }
    return oldest;
  }

  async prune(level: HistoryLevel, before: number, maxRows: number): Promise<number> {
    this.flushResults();
    if (level === 'minute') return this.sql.pruneMinutes.run({ before: Math.floor(before / HOUR_MS), limit: maxRows }).changes;
    // Hours are kept by the day: a day goes once all of it is past `before`.
    if (level === 'hour') return this.sql.pruneDays.run({ before: Math.floor(before / (24 * HOUR_MS)), limit: maxRows }).changes;
    // Raw results are clustered by series: each series' oldest go, until enough have.
    return this.db.transaction(() => {
      let left = maxRows;
      for (const s of this.sql.allSeries.all() as Array<{ id: number }>) {
        if (left <= 0) break;
        left -= this.sql.pruneSamples.run({ series: s.id, before, limit: left }).changes;
      }
      return maxRows - left;
    })();
  }

  async ping(): Promise<void> {
    this.db.prepare('SELECT 1').get();
    if (this.problem) throw new Error(`history is not being saved: ${this.problem.reason}`);
  }

  async close(): Promise<void> {
    this.flushResults();
    this.flushHealth();
    if (this.db.open) this.db.close();
  }
}
