import type { CheckView } from '../../shared/api';
import type { Status } from '../../shared/status';
import type { Incident } from './model';

/** What the policy needs to know of a service whose status or impact changed. */
export interface ServiceFacts {
  id: string;
  status: Status;
  /** When it entered `status` (epoch ms). */
  since: number;
  /** The down services it depends on, directly or not (`ServiceView.impactedBy`). */
  impactedBy: readonly string[];
  checks: readonly CheckView[];
}

export interface PolicyContext {
  /** The latest incident of a service (open, or resolved and perhaps still in its quiet period). */
  latest(serviceId: string): Incident | undefined;
  /** Another service's status now: a dependency in maintenance explains its dependents too. */
  statusOf(serviceId: string): Status | undefined;
  /** Whether the service was a symptom (a cause listed) when last seen. */
  wasSymptom: boolean;
  /** How long a check of the service takes to tell again (its longest interval + timeout), in ms. */
  settleMs: number;
  at: number;
  /** A service failing again this soon after recovering reopens its incident. */
  quietPeriodMs: number;
  newId(): string;
}

/** Statuses that end an incident: the service works again, or is in planned maintenance. */
const RECOVERED: ReadonlySet<Status> = new Set(['up', 'degraded', 'maintenance']);

function withEvent(incident: Incident, at: number, kind: Incident['timeline'][number]['kind'], message: string): Incident {
  return { ...incident, timeline: [...incident.timeline, { at, kind, message }] };
}

const isActive = (incident: Incident | undefined): boolean => incident !== undefined && incident.status !== 'resolved';

/** The lines that say why a service is down: its checks and sources that are down. */
export function causesOf(checks: readonly CheckView[]): Incident['causes'] {
  return checks
    .filter((check) => check.status === 'down')
    .map((check) => ({ checkId: check.id, type: check.type, ...(check.origin ? { origin: check.origin } : {}), message: check.message }));
}

export function reasonOf(causes: Incident['causes']): string {
  return causes.length === 0 ? 'down' : causes.map((cause) => `${cause.checkId}: ${cause.message}`).join('; ');
}

/**
 * What a change of one service does to incidents: the incidents it opens, reopens,
 * resolves or attaches, as new objects (the ones passed in are left as they were). Pure.
 *
 * - Down with a down dependency that has an incident: a symptom. It is listed as
 *   impacted on the cause's incident and pages nobody; an incident of its own, opened a
 *   moment before the cause failed, becomes part of the cause's.
 * - Down otherwise: its own incident — the one still open, the one resolved within the
 *   quiet period (reopened, paging nobody anew), or a new one.
 * - Up, degraded or in maintenance: its incident is resolved. Unknown changes nothing:
 *   losing sight of a service is not its recovery.
 */
export function incidentChanges(facts: ServiceFacts, context: PolicyContext): Incident[] {
  const own = context.latest(facts.id);
  const active = own && isActive(own) ? own : undefined;
  const { at } = context;
  if (facts.status === 'down') {
    // Planned work on what it depends on explains it: nobody is paged for a known cause.
    if (facts.impactedBy.some((id) => context.statusOf(id) === 'maintenance')) return [];
    const cause = rootCause(facts, context);
    if (cause) {
      const changed: Incident[] = [];
      if (!cause.impacted.includes(facts.id)) {
        changed.push(
          withEvent({ ...cause, impacted: [...cause.impacted, facts.id] }, at, 'impacted', `${facts.id} is down too; it depends on ${cause.serviceId}`),
        );
      }
      if (active && active.partOf !== cause.id) {
        changed.push(
          withEvent(
            { ...active, partOf: cause.id },
            at,
            'merged',
            `part of ${cause.serviceId}'s incident: ${cause.serviceId} is down and ${facts.id} depends on it`,
          ),
        );
      }
      return changed;
    }
    // Its cause has just recovered: its own checks may not have run since. It is paged only
    // if it is still down once they have had the time to tell.
    const settled = at + context.settleMs;
    if (active) {
      if (active.partOf === null) return [];
      const detached = { ...active, partOf: null, pageFrom: settled };
      return [withEvent(detached, at, 'opened', `${facts.id} is still down though what it depends on is not: its own incident again`)];
    }
    const causes = causesOf(facts.checks);
    if (own && own.resolvedAt !== null && at - own.resolvedAt <= context.quietPeriodMs) {
      const status = own.acknowledged ? 'acknowledged' : 'open';
      // The escalation clock starts again from now: nobody is paged at once for a flap.
      const reopened = {
        ...own,
        status,
        resolvedAt: null,
        partOf: null,
        reopened: own.reopened + 1,
        stepAt: own.step === null ? null : at,
        pageFrom: at,
      } as const;
      return [withEvent(reopened, at, 'reopened', `down again ${minutes(at - own.resolvedAt)} after recovering: ${reasonOf(causes)}`)];
    }
    const opened: Incident = {
      id: context.newId(),
      serviceId: facts.id,
      status: 'open',
      openedAt: Math.min(facts.since, at),
      acknowledged: null,
      resolvedAt: null,
      reason: reasonOf(causes),
      causes,
      impacted: [],
      partOf: null,
      reopened: 0,
      pageFrom: context.wasSymptom ? settled : at,
      step: null,
      stepAt: null,
      timeline: [],
    };
    return [withEvent(opened, opened.openedAt, 'opened', `${facts.id} is down: ${opened.reason}`)];
  }
  if (RECOVERED.has(facts.status) && active) {
    const how = facts.status === 'maintenance' ? 'maintenance began' : `${facts.id} is ${facts.status}`;
    return [withEvent({ ...active, status: 'resolved', resolvedAt: at }, at, 'resolved', `resolved: ${how}`)];
  }
  return [];
}

/**
 * The incident a down service is a symptom of: among the down services it depends on,
 * one whose own incident is active and is itself no symptom (the root). The one opened
 * first when there are several, so the choice is stable.
 */
function rootCause(facts: ServiceFacts, context: PolicyContext): Incident | undefined {
  const roots = facts.impactedBy
    .filter((id) => id !== facts.id)
    .map((id) => context.latest(id))
    .filter((incident): incident is Incident => incident !== undefined && isActive(incident) && incident.partOf === null);
  return roots.sort((a, b) => a.openedAt - b.openedAt || a.id.localeCompare(b.id))[0];
}

function minutes(ms: number): string {
  const s = Math.round(ms / 1000);
  return s < 90 ? `${s}s` : `${Math.round(s / 60)} min`;
}
