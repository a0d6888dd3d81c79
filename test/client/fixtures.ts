import type { CheckView, IncidentBrief, IncidentView, OncallLayerView, OncallPerson, PageView, ServiceView, TeamOncallView } from '../../shared/api';
import type { SnapshotPayload } from '../../shared/events';
import type { Status } from '../../shared/status';

export function check(overrides: Partial<CheckView> = {}): CheckView {
  return {
    id: 'health',
    type: 'http',
    status: 'up',
    since: '2026-01-05T09:00:00.000Z',
    lastCheckedAt: '2026-01-05T09:00:00.000Z',
    latencyMs: 12,
    message: 'OK',
    stale: false,
    ...overrides,
  };
}

export function service(id: string, status: Status = 'up', overrides: Partial<ServiceView> = {}): ServiceView {
  return {
    id,
    name: id,
    team: { id: 'payments', name: 'Payments' },
    status,
    since: '2026-01-05T09:00:00.000Z',
    impactedBy: [],
    dependsOn: [],
    links: {},
    checks: [check({ status })],
    oncall: null,
    upstream: null,
    ...overrides,
  };
}

export function snapshot(services: ServiceView[], seq = 0, epoch = 'e1'): SnapshotPayload {
  return { epoch, seq, generatedAt: '2026-01-05T09:00:00.000Z', services };
}

export function person(id: string, name: string, contact: OncallPerson['contact'] = {}): OncallPerson {
  return { id, name, contact };
}

/** A team's on-call with one primary layer: `who` now (null: nobody) until `until`. */
export function teamOncall(
  teamId: string,
  teamName: string,
  who: OncallPerson | null,
  until: string | null = null,
  overrides: Partial<OncallLayerView> = {},
): TeamOncallView {
  return {
    team: { id: teamId, name: teamName },
    layers: [
      {
        layer: 'primary',
        now: { person: who, since: null, until },
        next: null,
        source: { provider: 'rotation', asOf: '2026-01-05T09:00:00.000Z', problem: null },
        ...overrides,
      },
    ],
  };
}

/** What a tile is told of an open incident of `serviceId`, not yet paged unless overridden. */
export function incidentBrief(serviceId: string, overrides: Partial<IncidentBrief> = {}): IncidentBrief {
  return { id: `inc-${serviceId}`, serviceId, status: 'open', openedAt: '2026-01-05T09:00:00.000Z', paged: null, acknowledged: null, ...overrides };
}

/** One page of an incident, sent by email to Alice as the primary on-call. */
export function page(overrides: Partial<PageView> = {}): PageView {
  return {
    id: 'page-1',
    kind: 'trigger',
    step: 'primary',
    recipient: { kind: 'person', id: 'alice', name: 'Alice Liddell' },
    channel: 'mail',
    channelType: 'email',
    address: 'alice@example.com',
    status: 'sent',
    attempts: 1,
    createdAt: '2026-01-05T09:00:05.000Z',
    sentAt: '2026-01-05T09:00:06.000Z',
    nextAttemptAt: null,
    lastError: null,
    ...overrides,
  };
}

/** An open incident of `serviceId`, paged to Alice, with its story so far. */
export function incidentView(serviceId: string, overrides: Partial<IncidentView> = {}): IncidentView {
  return {
    id: `inc-${serviceId}`,
    serviceId,
    serviceName: serviceId,
    team: { id: 'payments', name: 'Payments' },
    status: 'open',
    openedAt: '2026-01-05T09:00:00.000Z',
    acknowledged: null,
    resolvedAt: null,
    reason: `${serviceId}/health: expected status 200, got 503`,
    causes: [{ checkId: 'health', type: 'http', message: 'expected status 200, got 503' }],
    impacted: [],
    partOf: null,
    reopened: 0,
    step: 'primary',
    nextEscalationAt: null,
    pages: [page()],
    timeline: [
      { at: '2026-01-05T09:00:00.000Z', kind: 'opened', message: `${serviceId} went down: health: expected status 200, got 503` },
      { at: '2026-01-05T09:00:06.000Z', kind: 'paged', message: 'Paged Alice Liddell by email (primary on-call)' },
    ],
    ...overrides,
  };
}
