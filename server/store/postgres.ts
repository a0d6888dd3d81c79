import type pg from 'pg';
import type { StoredAccessToken, StoredSession } from '../access/model';
import type { Incident, Page } from '../incidents/model';
import type { StoredMaintenance } from '../maintenance/model';
import type { Interval } from '../uptime/model';
import * as access from './postgres-access';
import { isUnreachable, postgresErrorCause, UNREACHABLE_REASON } from './postgres-errors';
import { loadSourceHealth, SourceHealthWrites } from './postgres-health';
import { allRollupKeys, oldestSample, pruneRollups, rollupFactsOf, rollupsOf, serviceHistoryOf, writeRollupHours } from './postgres-history';
import * as incidents from './postgres-incidents';
import { migrate } from './postgres-migrations';
import { SamplePartitions } from './postgres-partitions';
import { createPool } from './postgres-pool';
import { writeHistoryBatch, type HistoryWrite } from './postgres-results';
import { PgSeries } from './postgres-series';
import { parsePostgresUrl, type PostgresTarget } from './postgres-url';
import { runAlive, runsIn, startRun, uptimeFactsOf } from './postgres-uptime';
import { BufferedWriter } from './postgres-writer';
import { checkStateFromRow, type CheckStateRow } from './result-rows';
import type {
  AttemptCount,
  HistoryLevel,
  HourRollup,
  IncidentQuery,
  ResultWrite,
  RollupFacts,
  RollupKey,
  RollupLevel,
  ServiceHistory,
  ServiceUptimeFacts,
  Store,
  StoreProblem,
  StoredCheckState,
  StoredOncallReading,
  StoredRollup,
  StoredServiceState,
  StoredSourceHealth,
  Transition,
} from './store';
import { oncallReadingFromRow, oncallReadingRow, type OncallReadingRow } from './oncall-rows';

export interface PgStoreOptions {
  /** Writes of history held in memory at most while PostgreSQL is unreachable; past it the oldest are dropped. */
  maxBufferedResults?: number;
}

export const DEFAULT_MAX_BUFFERED_RESULTS = 100_000;
const ROLLUP_MARK = 'rollups.through';

/**
 * The store for several instances sharing one PostgreSQL database: a pool of
 * connections, the schema migrated under an advisory lock, raw results partitioned by
 * day, writes batched per turn of the event loop and held in memory while the server
 * cannot be reached.
 */
export class PgStore implements Store {
  /** `host:port/database`, for messages; never the password. */
  readonly where: string;
  private readonly target: PostgresTarget;
  private readonly pool: pg.Pool;
  private readonly series = new PgSeries();
  private readonly partitions: SamplePartitions;
  private readonly history: BufferedWriter<HistoryWrite>;
  private readonly health: SourceHealthWrites;
  private closing: Promise<void> | null = null;

  constructor(databaseUrl: string | PostgresTarget, options: PgStoreOptions = {}) {
    this.target = typeof databaseUrl === 'string' ? parsePostgresUrl(databaseUrl) : databaseUrl;
    this.where = this.target.where;
    this.pool = createPool(this.target.pool);
    this.partitions = new SamplePartitions(this.pool, this.target.schema);
    this.health = new SourceHealthWrites(this.pool);
    this.history = new BufferedWriter<HistoryWrite>({
      write: (batch) => writeHistoryBatch({ pool: this.pool, series: this.series, partitions: this.partitions }, batch),
      unreachable: isUnreachable,
      cause: (error) => postgresErrorCause(error, this.target.password),
      heldReason: UNREACHABLE_REASON,
      maxHeld: options.maxBufferedResults ?? DEFAULT_MAX_BUFFERED_RESULTS,
    });
  }

  async migrate(): Promise<void> {
    await migrate(this.pool, this.target.schema);
  }

  async loadState(): Promise<{ checks: StoredCheckState[]; services: StoredServiceState[] }> {
    await this.history.drain();
    const [checks, services] = await Promise.all([
      this.pool.query<CheckStateRow>('SELECT * FROM check_state ORDER BY service_id, check_id'),
      this.pool.query<StoredServiceState>('SELECT service_id AS "serviceId", status, since FROM service_state ORDER BY service_id'),
    ]);
    return { checks: checks.rows.map(checkStateFromRow), services: services.rows };
  }

  /**
   * Resolves once written: the results of one turn of the event loop share a
   * transaction. While PostgreSQL is unreachable, once held in memory (see writeProblem).
   */
  writeResult(write: ResultWrite): Promise<void> {
    return this.history.submit({ kind: 'result', write });
  }

  writeServiceTransition(serviceId: string, transition: Transition): Promise<void> {
    return this.history.submit({ kind: 'service', serviceId, transition });
  }

  /** Writes of history held in memory now, waiting for PostgreSQL to be reachable again. */
  bufferedResults(): number {
    return this.history.heldCount();
  }

  /** Writes of history lost since start: dropped past the buffer's bound while PostgreSQL was unreachable. */
  droppedResults(): number {
    return this.history.droppedCount();
  }

  writeProblem(): StoreProblem | null {
    return this.history.problem();
  }

  async serviceHistory(serviceId: string, from: number, to: number, limit: number): Promise<ServiceHistory> {
    await this.history.drain();
    return serviceHistoryOf(this.pool, serviceId, from, to, limit);
  }

  writeSourceHealth(health: StoredSourceHealth): Promise<void> {
    return this.health.submit(health);
  }

  async loadSourceHealth(): Promise<StoredSourceHealth[]> {
    await this.health.flush();
    return loadSourceHealth(this.pool);
  }

  async saveIncident(incident: Incident): Promise<void> {
    // The results queued before it go first: the database never holds an incident without the state that opened it.
    await this.history.drain();
    await incidents.saveIncident(this.pool, incident);
  }

  incident(id: string): Promise<Incident | null> {
    return incidents.incidentById(this.pool, id);
  }

  incidents(query: IncidentQuery): Promise<Incident[]> {
    return incidents.incidentsIn(this.pool, query);
  }

  activeIncidents(resolvedSince: number): Promise<Incident[]> {
    return incidents.activeIncidents(this.pool, resolvedSince);
  }

  addPage(page: Page): Promise<boolean> {
    return incidents.addPage(this.pool, page);
  }

  updatePage(page: Page): Promise<void> {
    return incidents.updatePage(this.pool, page);
  }

  pagesOf(incidentIds: readonly string[]): Promise<Page[]> {
    return incidents.pagesOf(this.pool, incidentIds);
  }

  unfinishedPages(): Promise<Page[]> {
    return incidents.unfinishedPages(this.pool);
  }

  saveMaintenance(window: StoredMaintenance): Promise<void> {
    return incidents.saveMaintenance(this.pool, window);
  }

  deleteMaintenance(id: string): Promise<boolean> {
    return incidents.deleteMaintenance(this.pool, id);
  }

  loadMaintenance(after: number): Promise<StoredMaintenance[]> {
    return incidents.maintenanceAfter(this.pool, after);
  }

  async setting(key: string, value: string): Promise<string> {
    // Two statements: the second reads what whichever instance inserted first committed.
    await this.pool.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO NOTHING', [key, value]);
    const { rows } = await this.pool.query<{ value: string }>('SELECT value FROM settings WHERE key = $1', [key]);
    return rows[0]!.value;
  }

  startRun(at: number): Promise<number> {
    return startRun(this.pool, at);
  }

  runAlive(id: number, at: number): Promise<void> {
    return runAlive(this.pool, id, at);
  }

  runs(from: number, to: number): Promise<Interval[]> {
    return runsIn(this.pool, from, to);
  }

  async uptimeFacts(serviceIds: readonly string[], from: number, to: number): Promise<Map<string, ServiceUptimeFacts>> {
    await this.history.drain();
    return uptimeFactsOf(this.pool, serviceIds, from, to);
  }

  async rollupKeys(): Promise<RollupKey[]> {
    await this.history.drain();
    return allRollupKeys(this.pool);
  }

  async rollupFacts(keys: readonly RollupKey[], from: number, to: number): Promise<RollupFacts[]> {
    await this.history.drain();
    return rollupFactsOf(this.pool, this.series, keys, from, to);
  }

  writeRollups(hours: readonly HourRollup[]): Promise<void> {
    return writeRollupHours(this.pool, this.series, this.target.schema, hours);
  }

  rollups(serviceId: string, level: RollupLevel, from: number, to: number): Promise<StoredRollup[]> {
    return rollupsOf(this.pool, serviceId, level, from, to);
  }

  async rolledUpThrough(): Promise<number | null> {
    const { rows } = await this.pool.query<{ value: string }>('SELECT value FROM settings WHERE key = $1', [ROLLUP_MARK]);
    return rows[0] ? Number(rows[0].value) : null;
  }

  async setRolledUpThrough(at: number): Promise<void> {
    await this.pool.query('INSERT INTO settings (key, value) VALUES ($1, $2) ON CONFLICT (key) DO UPDATE SET value = excluded.value', [
      ROLLUP_MARK,
      String(at),
    ]);
  }

  async oldestResult(): Promise<number | null> {
    await this.history.drain();
    return oldestSample(this.pool);
  }

  async prune(level: HistoryLevel, before: number, maxRows: number): Promise<number> {
    await this.history.drain();
    return level === 'raw' ? this.partitions.prune(before, maxRows) : pruneRollups(this.pool, level, before, maxRows);
  }

  saveAccessToken(token: StoredAccessToken): Promise<void> {
    return access.saveAccessToken(this.pool, token);
  }

  accessTokenByHash(hash: string): Promise<StoredAccessToken | null> {
    return access.accessTokenByHash(this.pool, hash);
  }

  accessTokens(): Promise<StoredAccessToken[]> {
    return access.accessTokens(this.pool);
  }

  revokeAccessToken(id: string, at: number): Promise<boolean> {
    return access.revokeAccessToken(this.pool, id, at);
  }

  touchAccessToken(id: string, at: number): Promise<void> {
    return access.touchAccessToken(this.pool, id, at);
  }

  saveSession(session: StoredSession): Promise<void> {
    return access.saveSession(this.pool, session);
  }

  session(hash: string, now: number): Promise<StoredSession | null> {
    return access.sessionByHash(this.pool, hash, now);
  }

  deleteSession(hash: string): Promise<void> {
    return access.deleteSession(this.pool, hash);
  }

  pruneSessions(before: number): Promise<number> {
    return access.pruneSessions(this.pool, before);
  }

  async saveOncallReading(reading: StoredOncallReading): Promise<void> {
    const row = oncallReadingRow(reading);
    await this.pool.query(
      `INSERT INTO oncall_readings (team_id, layer, feed, shifts, as_of) VALUES ($1, $2, $3, $4, $5)
       ON CONFLICT (team_id, layer) DO UPDATE SET feed = excluded.feed, shifts = excluded.shifts, as_of = excluded.as_of`,
      [row.team_id, row.layer, row.feed, row.shifts, row.as_of],
    );
  }

  async oncallReadings(): Promise<StoredOncallReading[]> {
    const { rows } = await this.pool.query<OncallReadingRow>('SELECT * FROM oncall_readings ORDER BY team_id, layer');
    return rows.map(oncallReadingFromRow);
  }

  countAttempt(key: string, by: 1 | -1, at: number, windowMs: number): Promise<AttemptCount> {
    return access.countAttempt(this.pool, key, by, at, windowMs);
  }

  forgetAttempts(key: string): Promise<void> {
    return access.forgetAttempts(this.pool, key);
  }

  pruneAttempts(before: number): Promise<number> {
    return access.pruneAttempts(this.pool, before);
  }

  /** Rejects while history is held in memory or refused, and when PostgreSQL does not answer. */
  async ping(): Promise<void> {
    const problem = this.history.problem();
    if (problem) throw new Error(`history is not being saved: ${problem.reason}`);
    await this.pool.query('SELECT 1');
  }

  /** Writes what is queued and held (held writes are lost if PostgreSQL is still unreachable), then closes the pool. */
  close(): Promise<void> {
    this.closing ??= (async () => {
      await this.history.close();
      await this.health.flush();
      await this.pool.end();
    })();
    return this.closing;
  }
}
