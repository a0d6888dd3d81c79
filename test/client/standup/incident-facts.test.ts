import { describe, expect, it } from 'vitest';
import { inOpeningOrder } from '../../../client/standup/incident-facts';
import { incidentsOfTeam } from '../../../client/standup/team-filter';
import { incidentView } from '../fixtures';

describe('the incidents of a period, in order', () => {
  it('lists them oldest first, and a dependent that joined its cause only under the cause', () => {
    const db = incidentView('orders-db', { id: 'i-db', openedAt: '2026-11-30T13:00:05.000Z', impacted: ['checkout', 'search'] });
    const joined = incidentView('checkout', { id: 'i-checkout', openedAt: '2026-11-30T13:00:01.000Z', partOf: 'i-db' });
    const later = incidentView('search', { id: 'i-search', openedAt: '2026-11-30T15:00:00.000Z' });
    expect(inOpeningOrder([later, joined, db]).map((i) => i.id)).toEqual(['i-db', 'i-search']);
  });
});

describe('the incidents of one team', () => {
  const teamOf = (id: string) => ({ 'orders-db': 'data', checkout: 'payments', search: 'discovery' })[id] ?? null;
  const db = incidentView('orders-db', { id: 'i-db', team: { id: 'data', name: 'Data' }, impacted: ['checkout'] });
  const search = incidentView('search', { id: 'i-search', team: { id: 'discovery', name: 'Discovery' } });

  it("keeps another team's incident that took one of the team's services down with it", () => {
    expect(incidentsOfTeam([db, search], 'payments', teamOf).map((i) => i.id)).toEqual(['i-db']);
    expect(incidentsOfTeam([db, search], 'data', teamOf).map((i) => i.id)).toEqual(['i-db']);
    expect(incidentsOfTeam([db, search], 'discovery', teamOf).map((i) => i.id)).toEqual(['i-search']);
    expect(incidentsOfTeam([db, search], null, teamOf)).toHaveLength(2);
  });
});
