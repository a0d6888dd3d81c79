import type { Status } from './status';

/** One check of a service as the board and the API show it. */
export interface CheckView {
  /** Unique within its service. */
  id: string;
  /** The check type (`http`, `tcp`, …) or source type that produced it. */
  type: string;
  /** Status after thresholds and freshness: `unknown` when no fresh result exists. */
  status: Status;
  /** When the check entered `status` (ISO 8601), null when it never had a result. */
  since: string | null;
  /** When the last result arrived (ISO 8601). */
  lastCheckedAt: string | null;
  /** Latency of the last run in milliseconds. */
  latencyMs: number | null;
  /** One human line on the last result: "expected status 200, got 503". */
  message: string;
  /** True when the last result is older than the check's interval + timeout + margin. */
  stale: boolean;
  /** `source` when a monitoring source (`sources:` in the config) feeds it, its `id` being the source's; absent for checks. */
  origin?: 'source';
}

export interface TeamRef {
  id: string;
  name: string;
}

/** How to reach a person; each part only when known. */
export interface Contact {
  email?: string;
  /** A Slack handle (`@alice`) or member id. */
  slack?: string;
  /** In international form: `+441234567890`. */
  phone?: string;
}

/** A person as boards show them. */
export interface OncallPerson {
  /** The id in the config's `people:`, or null for someone only a calendar or a scheduler knows. */
  id: string | null;
  name: string;
  contact: Contact;
}

/** Who is on call for a team right now (its primary layer, on a service view). */
export interface OncallNow {
  /** Null when nobody is — a gap in the rotation, a schedule never read — which is itself a problem. */
  person: OncallPerson | null;
  /** When this person's shift (or the gap) began (ISO 8601); null when not known. */
  since: string | null;
  /** When it ends (ISO 8601); null when not known. */
  until: string | null;
}

/** One layer of a team's on-call: who now, who next, and where that comes from. */
export interface OncallLayerView {
  layer: 'primary' | 'secondary';
  now: OncallNow;
  /** The next person to take over, and when; null when the schedule says nothing further. */
  next: { person: OncallPerson; from: string; until: string | null } | null;
  source: {
    /** `rotation`, `ics`, `pagerduty`, `goalert`… */
    provider: string;
    /** When the schedule was last read successfully (ISO 8601); null when never. */
    asOf: string | null;
    /** Why the latest read failed, in words ("feed unreachable"); null while reads succeed. */
    problem: string | null;
  };
}

/** A team's on-call, primary layer first. */
export interface TeamOncallView {
  team: TeamRef;
  layers: OncallLayerView[];
}

/** `GET /api/oncall`: every team that has an on-call schedule. */
export interface OncallResponse {
  teams: TeamOncallView[];
  generatedAt: string;
}

/** Who runs a service that is not ours, as a status page the board polls says it. */
export interface Upstream {
  /** The provider's name: "GitHub". */
  provider: string;
  /** The provider's public status page (never the API address polled, which may hold a secret); null when there is none to show. */
  url: string | null;
}

/** A service as the board and the API show it. Current state only, never history. */
export interface ServiceView {
  id: string;
  name: string;
  team: TeamRef | null;
  /** Worst status of its checks. */
  status: Status;
  /** When the service entered `status` (ISO 8601). */
  since: string | null;
  /** Services it depends on that are down: the service is impacted by them. */
  impactedBy: string[];
  dependsOn: string[];
  links: Record<string, string>;
  checks: CheckView[];
  /** Its team's primary on-call now; null when the service has no team or the team no schedule. */
  oncall: OncallNow | null;
  /** Set when the service is someone else's (a vendor's component, from its status page): it's not us, it's the provider. */
  upstream: Upstream | null;
  /**
   * The incident the service is part of now: its own, or — when a service it depends on is
   * the cause — that service's (`serviceId` says whose). Null when none is open. Absent
   * from servers older than incidents.
   */
  incident?: IncidentBrief | null;
  /** The maintenance window the service is in now; null outside one. Absent from older servers. */
  maintenance?: MaintenanceNow | null;
  /** Its tags from the config (`tags: [eu, customer-facing]`), for views such as `/?tag=eu`; absent from older servers. */
  tags?: string[];
}

/** A maintenance window a service is in now, as its tile shows it. */
export interface MaintenanceNow {
  /** The window's id (config or API). */
  id: string;
  /** When the window ends (ISO 8601). */
  until: string;
  reason: string;
}

/** `open` until someone acknowledges it, `acknowledged` after, `resolved` once the service is no longer down. */
export type IncidentStatus = 'open' | 'acknowledged' | 'resolved';

/** Who acknowledged an incident, when and how. */
export interface IncidentAck {
  /** The person's name as shown ("Alice Liddell"), or what a script gave. */
  by: string;
  /** Their id in `people:`, when known. */
  personId: string | null;
  at: string;
  /** `link`: the signed link in a page; `api`: `POST /api/incidents/{id}/ack`. */
  via: 'link' | 'api';
}

/** What a tile shows of an incident: who was paged, who acknowledged. */
export interface IncidentBrief {
  id: string;
  /** The service whose incident it is: the tile's own, or the cause it depends on. */
  serviceId: string;
  status: IncidentStatus;
  openedAt: string;
  /** The latest person paged and when (ISO 8601); null before the first page is sent. */
  paged: { name: string; at: string } | null;
  /**
   * True when paging began and reached nobody: the service has no team, nobody is on call,
   * or nobody has a route (the incident's timeline says which). A problem in itself.
   */
  nobodyPaged?: boolean;
  acknowledged: { by: string; at: string } | null;
}

/** Which escalation step a page belongs to: the primary on-call, the secondary layer, the whole team. */
export type EscalationStep = 'primary' | 'secondary' | 'team';

/** One message sent (or being sent) for an incident, with its delivery outcome. */
export interface PageView {
  id: string;
  /** `trigger` pages a person; `resolve` tells them it is over. */
  kind: 'trigger' | 'resolve';
  step: EscalationStep;
  /** A person (by their id in `people:`) or a team (its own channels). */
  recipient: { kind: 'person' | 'team'; id: string; name: string };
  /** The notifier's id in `notifiers:` and its type (`email`, `slack`, …). */
  channel: string;
  channelType: string;
  /** Where it went, as can be shown: "alice@example.com", "Slack", "PagerDuty" — never a secret. */
  address: string;
  /** `pending` until handed over, `retrying` after a failed attempt, `sent` once taken, `failed` when given up. */
  status: 'pending' | 'retrying' | 'sent' | 'failed';
  attempts: number;
  createdAt: string;
  sentAt: string | null;
  nextAttemptAt: string | null;
  /** Why the last attempt failed, in words without secrets. */
  lastError: string | null;
}

/** One line of an incident's story, oldest first. */
export interface IncidentEvent {
  at: string;
  kind: 'opened' | 'reopened' | 'impacted' | 'merged' | 'paged' | 'escalated' | 'nobody-to-page' | 'acknowledged' | 'resolved';
  message: string;
}

/** One incident: a service down, from the moment it went down until it recovered. */
export interface IncidentView {
  id: string;
  serviceId: string;
  serviceName: string;
  team: TeamRef | null;
  status: IncidentStatus;
  openedAt: string;
  acknowledged: IncidentAck | null;
  resolvedAt: string | null;
  /** Why it opened: the failing checks' and sources' lines, "checkout/health: expected 200, got 503". */
  reason: string;
  /** The checks and source entries that were down, with their message (and alerts, for an alert source). */
  causes: Array<{ checkId: string; type: string; origin?: 'source'; message: string; alerts?: string[] }>;
  /** Services that depend on this one and were down with it: symptoms, not causes. They page nobody. */
  impacted: string[];
  /** Set when this incident turned out to be a symptom of another service's (the cause's incident id). */
  partOf: string | null;
  /** How often it failed again within the quiet period after recovering. */
  reopened: number;
  /** The latest escalation step paged; null before the first page. */
  step: EscalationStep | null;
  /** When the next step is paged unless someone acknowledges; null when nothing more will be. */
  nextEscalationAt: string | null;
  pages: PageView[];
  timeline: IncidentEvent[];
}

/** `GET /api/incidents?from&to&service&status` — newest first. */
export interface IncidentsResponse {
  incidents: IncidentView[];
  from: string;
  to: string;
  /** True when the window held more than one answer lists (500): the oldest were left out. */
  truncated: boolean;
}

/** A maintenance window, from the config (`origin: config`) or `POST /api/maintenance`. */
export interface MaintenanceWindowView {
  id: string;
  services: string[];
  /** The current or next occurrence (ISO 8601); a recurring window shows its next one. */
  from: string;
  until: string;
  reason: string;
  origin: 'config' | 'api';
  /** `cron` or `rrule` text for a recurring window; null for a one-off. */
  recurrence: string | null;
}

/** `GET /api/maintenance` — windows in force now or still to come. */
export interface MaintenanceResponse {
  windows: MaintenanceWindowView[];
}

/**
 * Something every board shows above its services that no tile can: the server cannot keep
 * history (the statuses stay live, but a team must know), or alerts arrive for services
 * the board does not have (they must not vanish unseen).
 */
export interface BoardNotice {
  /**
   * Stable code: `history-not-saved` while results cannot be stored (the disk is full,
   * say); `unmapped-alerts` while alert sources hold alerts that fit no service
   * (`GET /api/alerts/unmapped` lists them); `paging-failing` while a notifier's last
   * deliveries failed ("paging via email is failing: connection refused"): a silent pager
   * is the worst failure a status board can have; `partial-view` while this instance of
   * several cannot hear from the others (Redis is unreachable): the board shows only the
   * services this instance checks, and the others go unknown.
   */
  code: 'history-not-saved' | 'unmapped-alerts' | 'paging-failing' | 'partial-view';
  /** One human line: what is wrong and why. */
  message: string;
  /** When it began (ISO 8601). */
  since: string;
}

/** `GET /api/services` */
export interface ServicesResponse {
  services: ServiceView[];
  generatedAt: string;
  /** What is wrong with the server itself now; empty (or absent, from older servers) when nothing is. */
  notices?: BoardNotice[];
}

/** `GET /api/services/{id}` */
export interface ServiceResponse {
  service: ServiceView;
  generatedAt: string;
}

/** `GET /api/cluster`: the instance that answered, among the others. */
export interface ClusterResponse {
  /** Its name (GREENBOARD_INSTANCE_ID, or host and process). */
  instance: string;
  /** No other instance is alive (always true for a single server). */
  alone: boolean;
  /** Instances alive, this one included. */
  members: number;
  /** The shards of the work it holds (0–63). */
  shards: number[];
  /** The services it runs: their checks, incidents and pages. */
  services: string[];
  /** The sources it runs: their polls, and the pushes and webhooks the others hand it. */
  sources: string[];
  /** Whether it reaches the others through Redis; null when it has no Redis to reach them by. */
  linked: boolean | null;
  generatedAt: string;
}

/** Every error the API returns. */
export interface ApiErrorBody {
  error: { code: string; message: string };
}

/**
 * How one run of a check went: `unknown` when the run could not tell (never up, never a
 * failure); `maintenance` when what it watches is out of service on purpose (a vendor's
 * planned work), which is neither a success nor a failure.
 */
export type ResultOutcome = 'ok' | 'degraded' | 'failed' | 'unknown' | 'maintenance';

/** One stored result of one check, as `GET /api/services/{id}/history` returns it. */
export interface HistoryResult {
  /** The check that produced it, unique within the service. */
  checkId: string;
  /** When the result arrived (ISO 8601). */
  at: string;
  /** How the run went, before thresholds: one failure is not yet `down`. */
  outcome: ResultOutcome;
  /** One human line on the result: "expected status 200, got 503". */
  message: string;
  /** Time the run took in milliseconds; null when it did not get that far. */
  latencyMs: number | null;
  /**
   * Structured facts the check reported, by check type: `steps` for a scenario or a
   * browser check, `screenshot` (an artifact id for `GET /api/artifacts/{id}`) for a
   * failed browser check, `statusCode` and `headers` for http. Null when there were none,
   * and for ok results in `results`: those are kept only for each check's `latest`.
   */
  details: Record<string, unknown> | null;
}

/** A status change of the service (checkId null) or of one of its checks. */
export interface HistoryTransition {
  /** The check that changed, or null when the service itself changed. */
  checkId: string | null;
  /** The status before; null for the very first status ever recorded. */
  from: Status | null;
  /** The status after. */
  to: Status;
  /** When it changed (ISO 8601). */
  at: string;
}

/** Most results one history answer carries: the newest of the window. */
export const HISTORY_RESULT_LIMIT = 10_000;

/** `GET /api/services/{id}/history?from&to`: results and status changes in [from, to], oldest first. */
export interface HistoryResponse {
  /** The service asked about. */
  serviceId: string;
  /** Start of the window (ISO 8601). */
  from: string;
  /** End of the window (ISO 8601). */
  to: string;
  /** Raw results in the window, oldest first; only the newest ones when `truncated`. */
  results: HistoryResult[];
  /** Every status change in the window, oldest first. */
  transitions: HistoryTransition[];
  /** The newest result of each check, whenever it was, with its details whatever its outcome. */
  latest: HistoryResult[];
  /** True when the window holds more results than one answer carries; the oldest are left out. */
  truncated: boolean;
  /**
   * Every probing check's runs over the whole window, in slices of `stepMs`, from the
   * rollups (and the raw results not rolled up yet): complete however long the window,
   * where `results` stop at the newest ones and at the raw retention.
   */
  series: HistorySeries[];
}

/** One check's runs over a history window, slice by slice. */
export interface HistorySeries {
  checkId: string;
  /** How long each slice lasts, ms: a minute, an hour, or a multiple, so that a window is at most about 1,500 slices. */
  stepMs: number;
  /** The slices that hold at least one run, oldest first. A slice missing is time nothing was measured: a gap in a chart, not a line across it. */
  buckets: HistoryBucket[];
}

/** The runs of one check in one slice of time. */
export interface HistoryBucket {
  /** Start of the slice (ISO 8601). */
  at: string;
  /** Runs in the slice, by outcome (outcomes without runs left out). */
  runs: Partial<Record<ResultOutcome, number>>;
  /**
   * Median and 95th-percentile response time of the runs that got one, ms, within 2 %
   * (they come from a mergeable histogram, so a week's p95 is worked out from hours);
   * null when no run in the slice got that far.
   */
  p50Ms: number | null;
  p95Ms: number | null;
  /** The slowest response time in the slice, ms (exact to 0.1 ms); null as above. */
  maxMs: number | null;
}

/** How a monitoring source has been doing since the server (or its config) started. */
export interface SourceHealth {
  /** When the last message (push, webhook, poll) was taken (ISO 8601); null before the first. */
  lastReceivedAt: string | null;
  /** Messages taken. */
  received: number;
  /** Messages refused (bad input, too many) and polls that failed. */
  errors: number;
  /** Why the last one was refused or failed, in a few words; null when none was. */
  lastError: string | null;
  /** When that was (ISO 8601). */
  lastErrorAt: string | null;
}

/** One configured source; never holds its token or credentials. */
export interface SourceView {
  id: string;
  /** `push`, … */
  type: string;
  /** The services it reports on. */
  services: string[];
  health: SourceHealth;
}

/** `GET /api/sources` */
export interface SourcesResponse {
  sources: SourceView[];
}

/** One alert as the service page and `GET /api/alerts/unmapped` show it. */
export interface AlertDetail {
  /** The alert's identity across notifications. */
  fingerprint: string;
  /** The `alertname` label, or "(unnamed alert)". */
  alertname: string;
  /** The `summary` annotation; null when the alert has none. */
  summary: string | null;
  /** Every label of the alert. */
  labels: Record<string, string>;
  /** `firing`, or `stale` when it has not been re-sent in time and may have ended unseen. */
  state: 'firing' | 'stale';
  /** What it does to its service: down or degraded from its severity, unknown when stale. */
  status: Status;
  /** When it started firing (ISO 8601), when the sender said. */
  startsAt: string | null;
  /** When it was last received as firing (ISO 8601). */
  lastSeenAt: string;
  /** Where it came from: "Alertmanager http://am:9093". */
  source: string;
  /** Link to the rule that produced it, when the sender gave one. */
  generatorURL: string | null;
}

/** An alert that maps to no service on the board, kept so it is never silently lost. */
export interface UnmappedAlertView extends AlertDetail {
  /** Why it has no service, such as `no service label and no rule matched`. */
  reason: string;
}

/** `GET /api/alerts/unmapped`, across every alert source. */
export interface UnmappedAlertsResponse {
  alerts: UnmappedAlertView[];
}

/** The window an uptime answer covers. */
export interface UptimeWindowView {
  /** ISO 8601. */
  from: string;
  to: string;
  /** The IANA zone its days are counted in. */
  timeZone: string;
  /** In words: `last 30 days`, or the from–to in local times. */
  label: string;
  /** When the board's data begins, when that is after `from`: earlier time was not watched. Null otherwise. */
  dataFrom: string | null;
}

/**
 * A service's uptime over a window, from the time it spent in each status (not from
 * counting results). `uptime` = (up + degraded) ÷ (up + degraded + down): `unknown` time
 * (stale checks, the server not running) and `maintenance` are left out and reported
 * apart, as is time before the service existed.
 */
export interface UptimeFiguresView {
  /** 0–1; null when nothing was watched in the window. */
  uptime: number | null;
  /** Degraded time as a share of monitored time (counted as up in `uptime`). */
  degraded: number | null;
  monitoredMs: number;
  upMs: number;
  degradedMs: number;
  downMs: number;
  unknownMs: number;
  maintenanceMs: number;
  /** Its own incidents opened in the window (not those of a cause it was a symptom of). */
  incidents: number;
  longestOutageMs: number;
  /** Mean opening → resolution of its incidents resolved in the window; null when none. */
  mttrMs: number | null;
  /** Mean opening → acknowledgement of its incidents acknowledged in the window; null when none. */
  mttaMs: number | null;
  /** ISO 8601: where counting starts, the window's start or the service's first appearance. */
  countedFrom: string;
}

export interface ServiceUptimeView extends UptimeFiguresView {
  serviceId: string;
  name: string;
  team: TeamRef | null;
  /** Its objective (`slo:` in the config) over the objective's own window, whatever window was asked; null when it has none. */
  slo: SloView | null;
}

/**
 * A service's objective and how much of its error budget is left: with `slo: 99.9%` over
 * 30 days the budget is 0.1 % of the time watched, about 43 minutes.
 */
export interface SloView {
  /** 0–1, e.g. 0.999. */
  target: number;
  /** The objective's window in words (`30d`). */
  window: string;
  /** Uptime over that window, 0–1; null when nothing was watched. */
  uptime: number | null;
  /** Downtime allowed over the window so far: (1 − target) × monitored time. */
  budgetMs: number;
  /** Budget less downtime; negative once spent. */
  budgetLeftMs: number;
  /** How fast the budget is spent: the share of time down ÷ (1 − target); 1 spends it exactly by the window's end. Null when nothing was watched. */
  burnRate: number | null;
  /** The budget is spent: the objective is broken for this window. */
  breached: boolean;
}

/** `GET /api/uptime`: every service over one window, and the board's overall figure. */
export interface UptimeResponse {
  window: UptimeWindowView;
  /** All services' up time ÷ all their monitored time. */
  overall: { uptime: number | null; monitoredMs: number; downMs: number };
  services: ServiceUptimeView[];
}

/** One local calendar day of a service's uptime (`buckets=day`). */
export interface UptimeDayView extends UptimeFiguresView {
  /** YYYY-MM-DD in the window's time zone. */
  day: string;
  from: string;
  to: string;
}

/** `GET /api/services/{id}/uptime`: one service over one window, and its days when asked. */
export interface ServiceUptimeResponse {
  window: UptimeWindowView;
  service: ServiceUptimeView;
  /** With `buckets=day`: each local day the window touches, oldest first. */
  days?: UptimeDayView[];
}

/** A period a stand-up answer covers (`GET /api/oncall/load`, `GET /api/transitions`). */
export interface PeriodView {
  /** ISO 8601. */
  from: string;
  to: string;
  /** The IANA zone the period was asked in. */
  timeZone: string;
  /** In words: `last 7 days`, or the from–to in local times. */
  label: string;
}

/** Working hours as the on-call load judged time and pages by: `days` from `from` to `to` on the clocks of `timeZone`. */
export interface WorkingHoursView {
  /** `mon` … `sun`. */
  days: string[];
  /** `09:00`; a `to` before `from` runs past midnight. */
  from: string;
  to: string;
  timeZone: string;
}

/** How much on-call weighed on someone over a period (for all their teams, or for one). */
export interface OncallLoadFigures {
  /** Time on call in the period, ms: the union of their shifts on any layer, cut to the period. */
  onCallMs: number;
  /** Of `onCallMs`, the time outside their working hours. */
  onCallOutOfHoursMs: number;
  /** Pages that reached them in the period: one per incident and escalation step, however many channels carried it. */
  pages: number;
  /** Of `pages`, those sent outside their working hours. */
  pagesOutOfHours: number;
  /** Incidents they were paged for and acknowledged themselves. */
  acknowledged: number;
  /** Median time from their first page of an incident to their own acknowledgement of it; null when none. */
  ackMedianMs: number | null;
  /** The longest such time; null when none. */
  ackLongestMs: number | null;
}

/** One team someone was on call for, or paged by, in the period. */
export interface OncallLoadTeamView extends OncallLoadFigures {
  team: TeamRef;
  /** The layers they were on call on for it; empty when they were only paged (the whole team, say). */
  layers: Array<'primary' | 'secondary'>;
}

/** One person's on-call load over a period: for all their teams, and per team. */
export interface OncallLoadPersonView extends OncallLoadFigures {
  person: OncallPerson;
  /** The hours "out of hours" is counted against: their own, else `paging:`'s. */
  workingHours: WorkingHoursView;
  /** By team name. Pages for a service that has no team (any more) count only in the person's own figures. */
  teams: OncallLoadTeamView[];
}

/** Where one layer's shifts for the period came from, and why they are missing when they are. */
export interface OncallLoadSchedule {
  team: TeamRef;
  layer: 'primary' | 'secondary';
  /** `rotation`, `ics`, `pagerduty`, `goalert`… */
  provider: string;
  /** Why its shifts for the period could not be read ("PagerDuty answered HTTP 400"): that time on call is missing from the figures. Null when read. */
  problem: string | null;
}

/** `GET /api/oncall/load?window=…|from=…&to=…&tz=…`: who carried on-call in a period, most paged first. */
export interface OncallLoadResponse {
  window: PeriodView;
  people: OncallLoadPersonView[];
  /** Every layer of every team with an on-call schedule, as asked for the period. */
  schedules: OncallLoadSchedule[];
  /** Each incident open in the period, and whether it opened outside its team's working hours (else `paging:`'s). */
  incidents: Array<{ id: string; outOfHours: boolean }>;
  /** True when the period held more incidents than one answer reads (the newest are read): pages of the oldest are missing. */
  truncated: boolean;
}

/** A service-level status change in a period, with how long the status it began lasted. */
export interface TransitionView {
  serviceId: string;
  serviceName: string;
  team: TeamRef | null;
  /** The status before; null for the first status the service ever had. */
  from: Status | null;
  to: Status;
  /** ISO 8601. */
  at: string;
  /** When the next change came, if it came within the period (ISO 8601); null when `to` still held at the period's end. */
  until: string | null;
}

/** Most state changes one answer of `GET /api/transitions` lists: the newest of the period. */
export const TRANSITION_LIST_LIMIT = 2_000;

/** `GET /api/transitions?window=…|from=…&to=…&tz=…&team=…`: every service's status changes in a period, oldest first. */
export interface TransitionsResponse {
  window: PeriodView;
  transitions: TransitionView[];
  /** True when the period held more than `TRANSITION_LIST_LIMIT`: the oldest were left out. */
  truncated: boolean;
}

/**
 * Which services a view of the wall shows: those matching every list that is not empty
 * (any team of `teams`, and any tag of `tags`, and any status of `statuses`).
 */
export interface WallFilter {
  /** Team ids; empty: any team. */
  teams: string[];
  /** Tags (`ServiceView.tags`); empty: any tags or none. */
  tags: string[];
  /** Statuses; empty: any. `status: problems` in the config is down, degraded and unknown. */
  statuses: Status[];
}

/** A view defined in the config's `views:`, opened by `/?view={id}` or shown in turn by `/?rotate=30s`. */
export interface SavedView extends WallFilter {
  /** `[a-z0-9-]+`, unique among views. */
  id: string;
  /** What the wall calls it: "Payments (EU)". */
  name: string;
}

/** `GET /api/views`: the config's saved views, and where the board's links should point. */
export interface ViewsResponse {
  /** In the config's order; empty when it defines none. */
  views: SavedView[];
  /** `paging.boardUrl` (no trailing slash), for links a phone opens (a tile's QR code); null when not set. */
  boardUrl: string | null;
}

/** What access a principal has: `read` (watch), `respond` (acknowledge, maintenance), `admin` (tokens). */
export type AccessLevel = 'read' | 'respond' | 'admin';

/** `GET /api/session`: how this board is reached, and who is asking. */
export interface SessionResponse {
  /** `public`: anyone who reaches the server watches; `token`: a board token, an API token or a signed-in person. */
  board: 'public' | 'token';
  /** The ways a person can sign in: a password (`access.users`), a reverse proxy's header. */
  signIn: { password: boolean; proxy: boolean };
  /** Anyone may act (there is no way to sign in, and the board is public). */
  actingOpen: boolean;
  /**
   * Who is asking, or null for nobody in particular; `via` is how: a password sign-in (which
   * signing out here ends), the company's sign-in proxy (which it does not), or a token.
   */
  who: { kind: 'board' | 'api' | 'person'; name: string; level: AccessLevel; via: 'password' | 'proxy' | 'token' } | null;
  /** To send back in `X-CSRF-Token` with every change, for a person signed in through the browser; else null. */
  csrfToken: string | null;
}

/** A board token (a wall screen's) or an API token (a script's), as the admin page lists it; never its value. */
export interface AccessTokenView {
  id: string;
  kind: 'board' | 'api';
  name: string;
  /** A board token's is always `read`. */
  scope: AccessLevel;
  createdAt: string;
  createdBy: string;
  /** Last time it was used, to within a minute; null when never. */
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** `GET /api/admin/tokens`: every token, newest first, revoked ones too. */
export interface AccessTokensResponse {
  tokens: AccessTokenView[];
}

/** `POST /api/admin/tokens`: the new token, with its value, shown this once and never again. */
export interface CreatedTokenResponse {
  token: AccessTokenView;
  secret: string;
  /** For a board token: the link a wall screen opens once (at `paging.boardUrl` when set, else a path). */
  boardLink: string | null;
}
