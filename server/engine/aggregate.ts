import type { CheckView, IncidentBrief, MaintenanceNow, OncallNow, ServiceView, TeamRef, Upstream } from '../../shared/api';
import { worstStatus, type Status } from '../../shared/status';
import type { Outcome } from '../checks/types';
import { isFresh } from './freshness';
import type { MachineState } from './state-machine';

/** The last result a check produced. */
export interface LastResult {
  at: number;
  outcome: Outcome;
  message: string;
  latencyMs: number | null;
}

/** Everything needed to show one check, as plain values. */
export interface CheckFacts {
  id: string;
  type: string;
  machine: MachineState;
  last: LastResult | null;
  /** How long a result stays fresh; Infinity for a source, which says itself when it cannot tell. */
  freshnessMs: number;
  /** 'source' for an entry fed by a monitoring source rather than run as a check. */
  origin?: 'source';
}

const iso = (ms: number | null) => (ms === null ? null : new Date(ms).toISOString());

/** A check as people see it at `now`: a stale result makes it unknown. Pure. */
export function viewCheck(check: CheckFacts, now: number): CheckView {
  const stale = !isFresh(check.last?.at ?? null, check.freshnessMs, now);
  const neverRan = check.last === null;
  const status: Status = stale ? 'unknown' : check.machine.status;
  const since = stale ? (neverRan ? null : check.last!.at + check.freshnessMs) : check.machine.since;
  const waiting = check.origin ? 'nothing received yet' : 'no result yet';
  return {
    id: check.id,
    type: check.type,
    status,
    since: iso(since),
    lastCheckedAt: iso(check.last?.at ?? null),
    latencyMs: check.last?.latencyMs === null || check.last === null ? null : Math.round(check.last.latencyMs * 10) / 10,
    message: neverRan ? waiting : stale ? `no fresh result since ${iso(check.last!.at)}` : check.last!.message,
    stale,
    ...(check.origin ? { origin: check.origin } : {}),
  };
}

/** A check's status at `now`, as `viewCheck` would show it, without building the view. Pure. */
export function checkStatusAt(check: CheckFacts, now: number): Status {
  return isFresh(check.last?.at ?? null, check.freshnessMs, now) ? check.machine.status : 'unknown';
}

/**
 * What a board shows of a check at `now` (its status, since, message and staleness), as a
 * short key built without the view: equal keys, equal tiles. Pure.
 */
export function checkBoardKey(check: CheckFacts, now: number): string {
  if (check.last === null) return 'never';
  if (!isFresh(check.last.at, check.freshnessMs, now)) return `stale@${check.last.at}`;
  return `${check.machine.status}@${check.machine.since}:${check.last.message}`;
}

/** A service's own status: the worst of its checks; with no checks it is unknown. */
export function serviceStatusOf(checks: readonly CheckView[]): Status {
  return worstStatus(checks.map((c) => c.status));
}

/**
 * The down services that a service depends on, directly or through other services:
 * the root causes that make it impacted. Pure; tolerates cycles.
 */
export function impactedBy(serviceId: string, dependsOn: (id: string) => readonly string[], statusOf: (id: string) => Status | undefined): string[] {
  const causes = new Set<string>();
  const seen = new Set<string>([serviceId]);
  const queue = [...dependsOn(serviceId)];
  while (queue.length > 0) {
    const id = queue.shift()!;
    if (seen.has(id)) continue;
    seen.add(id);
    if (statusOf(id) === 'down') causes.add(id);
    queue.push(...dependsOn(id));
  }
  return [...causes].sort();
}

export interface ServiceFacts {
  id: string;
  name: string;
  team: TeamRef | null;
  dependsOn: string[];
  links: Record<string, string>;
  status: Status;
  since: number | null;
  impactedBy: string[];
  checks: CheckView[];
  upstream: Upstream | null;
  /** Its team's primary on-call now; null without a team or a schedule. */
  oncall: OncallNow | null;
  /** The incident its tile shows; null when none is open. */
  incident: IncidentBrief | null;
  /** The maintenance window it is in now; null outside one. */
  maintenance: MaintenanceNow | null;
  /** Its tags from the config, for views of the wall. */
  tags: string[];
}

export function viewService(facts: ServiceFacts): ServiceView {
  return {
    id: facts.id,
    name: facts.name,
    team: facts.team,
    status: facts.status,
    since: iso(facts.since),
    impactedBy: facts.impactedBy,
    dependsOn: facts.dependsOn,
    links: facts.links,
    checks: facts.checks,
    oncall: facts.oncall,
    upstream: facts.upstream,
    incident: facts.incident,
    maintenance: facts.maintenance,
    tags: facts.tags,
  };
}

/**
 * What a board shows of a service, as a string: a delta is sent only when this
 * changes, so latency and timestamps alone never cause broadcast traffic.
 */
export function boardFingerprint(view: ServiceView): string {
  return JSON.stringify([
    view.status,
    view.since,
    view.impactedBy,
    view.checks.map((c) => [c.id, c.status, c.since, c.message, c.stale]),
    view.oncall,
    view.incident,
    view.maintenance,
  ]);
}
