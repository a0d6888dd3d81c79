import { describe, expect, it } from 'vitest';
import type { CheckView } from '../../../shared/api';
import type { Status } from '../../../shared/status';
import type { Incident } from '../../../server/incidents/model';
import { escalationDue } from '../../../server/incidents/escalation';
import { incidentChanges, type ServiceFacts } from '../../../server/incidents/policy';

const QUIET = 5 * 60_000;
const SETTLE = 40_000;

function check(status: Status, message = 'expected status 200, got 503'): CheckView {
  return { id: 'health', type: 'http', status, since: null, lastCheckedAt: null, latencyMs: null, message, stale: false };
}

/** A tiny world: the latest incident per service, changed only by what the policy returns. */
function world() {
  const latest = new Map<string, Incident>();
  const statuses = new Map<string, Status>();
  let ids = 0;
  return {
    latest,
    statuses,
    change(id: string, status: Status, at: number, impactedBy: string[] = [], wasSymptom = false): Incident[] {
      statuses.set(id, status);
      const facts: ServiceFacts = { id, status, since: at, impactedBy, checks: [check(status)] };
      const changed = incidentChanges(facts, {
        latest: (s) => latest.get(s),
        statusOf: (s) => statuses.get(s),
        wasSymptom,
        settleMs: SETTLE,
        at,
        quietPeriodMs: QUIET,
        newId: () => `i${++ids}`,
      });
      for (const incident of changed) latest.set(incident.serviceId, incident);
      return changed;
    },
  };
}

describe('one incident per outage', () => {
  it('opens an incident when a service goes down, with the failing checks as its reason', () => {
    const w = world();
    const [opened] = w.change('checkout', 'down', 1_000);
    expect(opened).toMatchObject({ serviceId: 'checkout', status: 'open', openedAt: 1_000, reason: 'health: expected status 200, got 503', step: null });
    expect(opened!.causes).toEqual([{ checkId: 'health', type: 'http', message: 'expected status 200, got 503' }]);
    expect(opened!.timeline.map((e) => e.kind)).toEqual(['opened']);
  });

  it('does not open a second incident while the first is open, whatever else changes', () => {
    const w = world();
    w.change('checkout', 'down', 1_000);
    expect(w.change('checkout', 'down', 2_000)).toEqual([]);
    expect(w.change('checkout', 'unknown', 3_000)).toEqual([]);
    expect(w.latest.get('checkout')!.status).toBe('open');
  });

  it('resolves it when the service is up, degraded or in maintenance again, not when it is merely unknown', () => {
    for (const status of ['up', 'degraded', 'maintenance'] as const) {
      const w = world();
      w.change('checkout', 'down', 1_000);
      const [resolved] = w.change('checkout', status, 9_000);
      expect(resolved).toMatchObject({ status: 'resolved', resolvedAt: 9_000 });
    }
  });

  it('never opens an incident for degraded, unknown or maintenance', () => {
    const w = world();
    for (const status of ['degraded', 'unknown', 'maintenance', 'up'] as const) expect(w.change('checkout', status, 1_000)).toEqual([]);
  });
});

describe('flapping', () => {
  it('reopens the same incident when the service fails again within the quiet period, and starts its escalation clock again', () => {
    const w = world();
    const [opened] = w.change('checkout', 'down', 0);
    w.latest.set('checkout', { ...opened!, step: 'primary', stepAt: 10_000 });
    w.change('checkout', 'up', 60_000);
    const [reopened] = w.change('checkout', 'down', 60_000 + QUIET);
    expect(reopened).toMatchObject({ id: opened!.id, status: 'open', resolvedAt: null, reopened: 1, step: 'primary', stepAt: 60_000 + QUIET });
    expect(reopened!.timeline.at(-1)!.kind).toBe('reopened');
  });

  it('keeps an acknowledged incident acknowledged when it reopens', () => {
    const w = world();
    const [opened] = w.change('checkout', 'down', 0);
    w.latest.set('checkout', { ...opened!, status: 'acknowledged', acknowledged: { by: 'Alice', personId: 'alice', at: 5, via: 'link' } });
    w.change('checkout', 'up', 1_000);
    expect(w.change('checkout', 'down', 2_000)[0]).toMatchObject({ status: 'acknowledged', reopened: 1 });
  });

  it('opens a new incident after the quiet period', () => {
    const w = world();
    const [first] = w.change('checkout', 'down', 0);
    w.change('checkout', 'up', 1_000);
    const [second] = w.change('checkout', 'down', 1_000 + QUIET + 1);
    expect(second!.id).not.toBe(first!.id);
    expect(second!.reopened).toBe(0);
  });
});

describe('page the cause, not the symptoms', () => {
  it('lists a dependent that goes down after its dependency as impacted, opening nothing of its own', () => {
    const w = world();
    const [db] = w.change('orders-db', 'down', 0);
    const changed = w.change('checkout', 'down', 100, ['orders-db']);
    expect(changed).toHaveLength(1);
    expect(changed[0]).toMatchObject({ id: db!.id, impacted: ['checkout'] });
    expect(w.latest.has('checkout')).toBe(false);
  });

  it('thirty dependents make one incident with thirty impacted services', () => {
    const w = world();
    w.change('orders-db', 'down', 0);
    for (let i = 0; i < 30; i++) w.change(`svc-${i}`, 'down', 100 + i, ['orders-db']);
    expect([...w.latest.values()]).toHaveLength(1);
    expect(w.latest.get('orders-db')!.impacted).toHaveLength(30);
  });

  it('makes the incident of a dependent that failed first part of its dependency’s, once that fails too', () => {
    const w = world();
    const [own] = w.change('checkout', 'down', 0);
    const [db] = w.change('orders-db', 'down', 500);
    const changed = w.change('checkout', 'down', 500, ['orders-db']);
    expect(changed.find((i) => i.id === own!.id)).toMatchObject({ partOf: db!.id });
    expect(changed.find((i) => i.id === db!.id)).toMatchObject({ impacted: ['checkout'] });
  });

  it('gives a dependent its own incident back when it stays down after its dependency recovers', () => {
    const w = world();
    w.change('checkout', 'down', 0);
    w.change('orders-db', 'down', 500);
    w.change('checkout', 'down', 500, ['orders-db']);
    w.change('orders-db', 'up', 900);
    const [own] = w.change('checkout', 'down', 900, []);
    expect(own).toMatchObject({ serviceId: 'checkout', partOf: null, status: 'open' });
  });

  it('attaches a symptom to the root of a chain, not to a service in between that is itself a symptom', () => {
    const w = world();
    const [root] = w.change('db', 'down', 0);
    w.change('api', 'down', 10, ['db']);
    const changed = w.change('web', 'down', 20, ['api', 'db']);
    expect(changed.map((i) => i.id)).toEqual([root!.id]);
    expect(w.latest.get('db')!.impacted).toEqual(['api', 'web']);
  });

  it('gives a dependent still down when its cause recovers a check interval before anyone is paged for it', () => {
    const w = world();
    w.change('checkout', 'down', 0);
    w.change('orders-db', 'down', 500);
    w.change('checkout', 'down', 500, ['orders-db']);
    w.change('orders-db', 'up', 600_000);
    const [own] = w.change('checkout', 'down', 600_000, [], true);
    expect(own).toMatchObject({ partOf: null, pageFrom: 600_000 + SETTLE });
    expect(escalationDue(own!, { groupWaitMs: 10_000, ackTimeoutMs: 60_000, hasSecondary: false })!.at).toBe(600_000 + SETTLE + 10_000);
  });

  it('does the same for a symptom that had no incident of its own', () => {
    const w = world();
    w.change('orders-db', 'down', 0);
    w.change('checkout', 'down', 100, ['orders-db']);
    w.change('orders-db', 'up', 600_000);
    const [own] = w.change('checkout', 'down', 600_000, [], true);
    expect(own).toMatchObject({ serviceId: 'checkout', pageFrom: 600_000 + SETTLE });
  });

  it('pages a former symptom that fails again on its own within the quiet period', () => {
    const w = world();
    w.change('checkout', 'down', 0);
    w.change('orders-db', 'down', 500);
    w.change('checkout', 'down', 500, ['orders-db']);
    w.change('orders-db', 'up', 60_000);
    w.change('checkout', 'up', 60_000, []);
    const [reopened] = w.change('checkout', 'down', 120_000);
    expect(reopened).toMatchObject({ status: 'open', partOf: null, reopened: 1 });
    expect(escalationDue(reopened!, { groupWaitMs: 0, ackTimeoutMs: 60_000, hasSecondary: false })).toEqual({ step: 'primary', at: 120_000 });
  });

  it('opens nothing for a service down while what it depends on is in maintenance', () => {
    const w = world();
    w.change('orders-db', 'maintenance', 0);
    expect(w.change('checkout', 'down', 100, ['orders-db'])).toEqual([]);
    expect(w.latest.size).toBe(0);
  });
});
