import type { Status } from '../../shared/status';
import type { LastResult } from '../engine/aggregate';
import type { MachineState } from '../engine/state-machine';
import type { Incident, Page } from '../incidents/model';
import type { StoredMaintenance } from '../maintenance/model';
import type { Interval } from '../uptime/model';
import type { RawSample, Rollup } from '../history/rollup';

import type { StoredAccessToken, StoredSession } from '../access/model';
import type { Shift } from '../oncall/types';

/** A check's persisted state: enough to carry on after a restart exactly where it was. */
export interface StoredCheckState {
  serviceId: string;
  checkId: string;
  machine: MachineState;
  last: LastResult | null;
}

export interface StoredServiceState {
  serviceId: string;
  status: Status;
  since: number;
}

export interface Transition {
  from: Status | null;
  to: Status;
  at: number;
}

/** Everything one check result changes, written in one transaction. */
export interface ResultWrite {
  serviceId: string;
  checkId: string;
  result: LastResult & { details?: Record<string, unknown> | undefined };
  machine: MachineState;
  checkTransition?: Transition | undefined;
  serviceTransition?: Transition | undefined;
}

export interface StoredResult extends LastResult {
  checkId: string;
  /** The structured facts the check reported (status code, steps, screenshot id…). */
  details: Record<string, unknown> | null;
}

export interface StoredTransition extends Transition {
  checkId: string | null;
}

export interface ServiceHistory {
  /** Results in the window, oldest first; ok ones without details (they are not stored). */
  results: StoredResult[];
  transitions: StoredTransition[];
  /** The newest result of each of the service's checks, with its details whatever its outcome. */
  latest: StoredResult[];
}

/** Why the store cannot save history now. */
export interface StoreProblem {
  /** The cause in a few words, without paths: "the disk is full". */
  reason: string;
  /** When writes began to fail (epoch ms). */
  since: number;
}

/**
 * A source's own health: when it last took a message and what it last refused. Kept so
 * that a restart neither forgets when the source was last heard from nor why it failed.
 */
/** The last answer an on-call feed (a calendar, PagerDuty, GoAlert) gave for one team's layer. */
export interface StoredOncallReading {
  teamId: string;
  layer: 'primary' | 'secondary';
  /** Which feed answered (a hash of its provider and config, never the config itself, which may hold a token). */
  feed: string;
  /** The shifts as the feed gave them, before the team's overrides and the matching with `people:`. */
  shifts: Shift[];
  /** When it was read (epoch ms). */
  asOf: number;
}

export interface StoredSourceHealth {
  sourceId: string;
  /** When the last message was taken (epoch ms); null before the first. */
  lastReceivedAt: number | null;
  /** Messages taken, over every run. */
  received: number;
  /** Messages refused and polls failed, over every run. */
  errors: number;
  /** Why the last one was refused or failed, without secrets; null when none was. */
  lastError: string | null;
  /** When that was (epoch ms). */
  lastErrorAt: number | null;
}

/** What one service's uptime over a window is worked out from (see `server/uptime/model.ts`). */
export interface ServiceUptimeFacts {
  /** Its status just before the window (its last transition before it), or null. */
  statusBefore: Status | null;
  /** Its own transitions inside the window, oldest first. */
  transitions: Array<{ at: number; to: Status }>;
  /** Its first transition ever, or null when it has none. */
  firstSeenAt: number | null;
}

/** A series of history: one check's runs, or (checkId null) the service's own status. */
export interface RollupKey {
  serviceId: string;
  checkId: string | null;
}

/** What one series' rollups over a slice of time are worked out from. */
export interface RollupFacts extends RollupKey {
  /** Its raw results in the slice, oldest first (none for a service's own series). */
  samples: RawSample[];
  /** Its status just before the slice, or null. */
  statusBefore: Status | null;
  /** Its status changes inside the slice, oldest first. */
  transitions: Array<{ at: number; to: Status }>;
  /** Its first status change ever: time before it is not counted. */
  firstSeenAt: number | null;
}

/** The two sizes of rollup: a minute's and an hour's. */
export type RollupLevel = 'minute' | 'hour';

/** One series' rollup of the slice starting at `at`. */
export interface StoredRollup extends RollupKey {
  at: number;
  rollup: Rollup;
}

/** One series' rollups of one whole hour, written together. */
export interface HourRollup {
  key: RollupKey;
  /** Start of the hour, epoch ms. */
  hour: number;
  rollup: Rollup;
  /** Its minutes by minute of the hour (0–59), those with anything in them. */
  minutes: ReadonlyMap<number, Rollup>;
}

/** What `prune` deletes: raw results, the minutes of rollups, or whole hour rollups. */
export type HistoryLevel = 'raw' | RollupLevel;

/** Which incidents `incidents()` returns: those open at any time in [from, to]. */
export interface IncidentQuery {
  from: number;
  to: number;
  serviceId?: string | undefined;
  status?: Incident['status'] | undefined;
  /** Only incidents of their own: none that joined another's as its symptom (`partOf`). */
  ownOnly?: boolean | undefined;
  /** At most this many, newest `openedAt` first. */
  limit: number;
}

/** Attempts counted against one key (a sign-in from an address, say) in its current window. */
export interface AttemptCount {
  hits: number;
  /** When the window ends and the count starts again from nothing. */
  resetAt: number;
}

/** Where Greenboard keeps state and history. One interface, several backends, one shared test suite. */
export interface Store {
  /** Creates or upgrades the schema; safe to call on every start. */
  migrate(): Promise<void>;
  /** Current state of every check and service, to resume after a restart. */
  loadState(): Promise<{ checks: StoredCheckState[]; services: StoredServiceState[] }>;
  /**
   * Stores a result with the state and transitions it caused, atomically. The details
   * of an ok result are kept only as the check's latest, not with every result: a month
   * of a healthy check's headers would be most of the file and tell nothing.
   */
  writeResult(write: ResultWrite): Promise<void>;
  /** Stores a service status change that no result caused (a check went stale). */
  writeServiceTransition(serviceId: string, transition: Transition): Promise<void>;
  /**
   * Results and transitions of one service in [from, to], oldest first, results capped
   * at `limit`; and the newest result of each of its checks.
   */
  serviceHistory(serviceId: string, from: number, to: number, limit: number): Promise<ServiceHistory>;
  /** Saves a source's health, replacing what was saved under its id. */
  writeSourceHealth(health: StoredSourceHealth): Promise<void>;
  /** The saved health of every source that has any. */
  loadSourceHealth(): Promise<StoredSourceHealth[]>;
  /** Saves an incident whole, replacing what was saved under its id. */
  saveIncident(incident: Incident): Promise<void>;
  /** One incident, or null when there is none with that id. */
  incident(id: string): Promise<Incident | null>;
  /** Incidents open at any time in [from, to] (opened by `to`, not resolved before `from`), newest first. */
  incidents(query: IncidentQuery): Promise<Incident[]>;
  /** Every incident not resolved, and those resolved at or after `resolvedSince` (they may still reopen). */
  activeIncidents(resolvedSince: number): Promise<Incident[]>;
  /**
   * Stores a new page unless one with the same key (`pageKey`) exists; returns whether it
   * was stored. Idempotent, so a page decided twice (a restart, two instances) is sent once.
   */
  addPage(page: Page): Promise<boolean>;
  /** Saves a page's delivery state (status, attempts, times, error), by id. */
  updatePage(page: Page): Promise<void>;
  /** Every page of these incidents, oldest first. */
  pagesOf(incidentIds: readonly string[]): Promise<Page[]>;
  /** Pages not yet sent nor given up (`pending` or `retrying`), oldest first: what a restart must still deliver. */
  unfinishedPages(): Promise<Page[]>;
  /** Saves a maintenance window made through the API, replacing one with its id. */
  saveMaintenance(window: StoredMaintenance): Promise<void>;
  /** Deletes one; returns whether it existed. */
  deleteMaintenance(id: string): Promise<boolean>;
  /** The windows made through the API that end after `after`. */
  loadMaintenance(after: number): Promise<StoredMaintenance[]>;
  /**
   * The value stored under `key`, storing `value` first when there is none: the first
   * writer wins, so every instance ends up with the same (a generated signing key).
   */
  setting(key: string, value: string): Promise<string>;
  /** Begins a run of this server, watching from `at`; returns the run's id. */
  startRun(at: number): Promise<number>;
  /** Records that the run was still watching at `at`. */
  runAlive(id: number, at: number): Promise<void>;
  /** The runs of any instance overlapping [from, to], oldest first: time outside them was watched by nobody. */
  runs(from: number, to: number): Promise<Interval[]>;
  /** For each service asked, what its uptime over [from, to) is worked out from. */
  uptimeFacts(serviceIds: readonly string[], from: number, to: number): Promise<Map<string, ServiceUptimeFacts>>;
  /** Every series that has history (each check's, and each service's own), for rolling up. */
  rollupKeys(): Promise<RollupKey[]>;
  /** For each key, what its rollups over [from, to) are worked out from. */
  rollupFacts(keys: readonly RollupKey[], from: number, to: number): Promise<RollupFacts[]>;
  /** Stores whole hours of rollups, replacing any stored for the same series and hour: doing an hour again is harmless. */
  writeRollups(hours: readonly HourRollup[]): Promise<void>;
  /** A service's rollups (its checks' and its own) over [from, to) at one level, oldest first per series. */
  rollups(serviceId: string, level: RollupLevel, from: number, to: number): Promise<StoredRollup[]>;
  /** The end of the last hour rolled up whole (epoch ms), or null before the first. */
  rolledUpThrough(): Promise<number | null>;
  setRolledUpThrough(at: number): Promise<void>;
  /** The time of the oldest raw result kept, or null when there is none. */
  oldestResult(): Promise<number | null>;
  /**
   * Deletes at most `maxRows` of one level's history older than `before` (raw results,
   * minute rollups by the hour, or hour rollups by the day, each once wholly past
   * `before`); returns how many rows went. Called again
   * until it returns less than `maxRows`, so no transaction holds the file for long.
   * A store that keeps raw results in a partition per day drops a day wholly past
   * `before` at once, whatever its size (dropping costs the same for any size), and
   * counts all its rows. Status changes are kept for ever: uptime is worked out from them.
   */
  prune(level: HistoryLevel, before: number, maxRows: number): Promise<number>;
  /** Keeps a new board or API token (its hash only). */
  saveAccessToken(token: StoredAccessToken): Promise<void>;
  /** The token whose value hashes to `hash`, revoked or not; null when there is none. */
  accessTokenByHash(hash: string): Promise<StoredAccessToken | null>;
  /** Every token, revoked ones too, newest first. */
  accessTokens(): Promise<StoredAccessToken[]>;
  /** Revokes a token at `at`; false when there is no such token or it was revoked already. */
  revokeAccessToken(id: string, at: number): Promise<boolean>;
  /** Records a use of a token at `at` (a later one only: uses may arrive out of order). */
  touchAccessToken(id: string, at: number): Promise<void>;
  /** Keeps a new session of a person signed in. */
  saveSession(session: StoredSession): Promise<void>;
  /** The session whose cookie hashes to `hash`, if it has not expired by `now`. */
  session(hash: string, now: number): Promise<StoredSession | null>;
  /** Ends a session (signing out). */
  deleteSession(hash: string): Promise<void>;
  /** Forgets sessions that expired by `before`; how many. */
  pruneSessions(before: number): Promise<number>;
  /**
   * Counts `by` (1, or -1 to take one back) against `key` in a window of `windowMs` that
   * starts at its first count: the count and when the window ends. One count for every
   * instance on the database, so a limit holds however a load balancer spreads requests.
   */
  countAttempt(key: string, by: 1 | -1, at: number, windowMs: number): Promise<AttemptCount>;
  /** Forgets `key`'s count. */
  forgetAttempts(key: string): Promise<void>;
  /** Forgets the counts whose window ended by `before`; how many. */
  pruneAttempts(before: number): Promise<number>;
  /** Keeps a feed's latest answer for a team's layer, replacing the one before. */
  saveOncallReading(reading: StoredOncallReading): Promise<void>;
  /** Every feed answer kept: what a restart starts from until each feed answers again. */
  oncallReadings(): Promise<StoredOncallReading[]>;
  /**
   * Resolves when the store can serve queries and save history; rejects with the reason
   * otherwise, including while the latest write of history failed (until one succeeds).
   */
  ping(): Promise<void>;
  /** Why the latest write of history failed, or null while writes succeed. */
  writeProblem(): StoreProblem | null;
  close(): Promise<void>;
}
