import { describe, expect, it } from 'vitest';
import { escalationDue } from '../../../server/incidents/escalation';
import { nextStep } from '../../../server/notify/routing';
import type { Incident } from '../../../server/incidents/model';

const options = { groupWaitMs: 10_000, ackTimeoutMs: 600_000, hasSecondary: true };

function incident(overrides: Partial<Incident> = {}): Incident {
  return {
    id: 'i1',
    serviceId: 'checkout',
    status: 'open',
    openedAt: 1_000,
    acknowledged: null,
    resolvedAt: null,
    reason: 'down',
    causes: [],
    impacted: [],
    partOf: null,
    reopened: 0,
    step: null,
    stepAt: null,
    timeline: [],
    ...overrides,
  };
}

describe('escalation steps', () => {
  it('goes primary → secondary → team, skipping the secondary when the team has none', () => {
    expect([null, 'primary', 'secondary', 'team'].map((s) => nextStep(s as never, { secondary: true }))).toEqual(['primary', 'secondary', 'team', null]);
    expect(nextStep('primary', { secondary: false })).toBe('team');
  });

  it('pages the primary once the group wait is over', () => {
    expect(escalationDue(incident(), options)).toEqual({ step: 'primary', at: 11_000 });
  });

  it('pages the next step an ack timeout after the last one', () => {
    expect(escalationDue(incident({ step: 'primary', stepAt: 20_000 }), options)).toEqual({ step: 'secondary', at: 620_000 });
    expect(escalationDue(incident({ step: 'secondary', stepAt: 620_000 }), options)).toEqual({ step: 'team', at: 1_220_000 });
  });

  it('pages nobody more once acknowledged, resolved, part of another incident, or after the whole team', () => {
    expect(escalationDue(incident({ status: 'acknowledged', step: 'primary', stepAt: 0 }), options)).toBeNull();
    expect(escalationDue(incident({ status: 'resolved', resolvedAt: 5 }), options)).toBeNull();
    expect(escalationDue(incident({ partOf: 'i0' }), options)).toBeNull();
    expect(escalationDue(incident({ step: 'team', stepAt: 0 }), options)).toBeNull();
  });
});
