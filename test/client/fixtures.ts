import type { CheckView, OncallLayerView, OncallPerson, ServiceView, TeamOncallView } from '../../shared/api';
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
