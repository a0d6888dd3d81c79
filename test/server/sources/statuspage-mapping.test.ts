import { describe, expect, it } from 'vitest';
import { componentObservation, findComponent } from '../../../server/sources/statuspage-mapping';
import { parseSummary, type PageSummary } from '../../../server/sources/statuspage-summary';
import { fixture, type Json } from './fixtures';

function summaryOf(body: Json): PageSummary {
  const parsed = parseSummary(body);
  if (!parsed.ok) throw new Error(parsed.problem);
  return parsed.value;
}

const github = () => summaryOf(fixture('statuspage/summary-incident.json'));
const groups = () => summaryOf(fixture('statuspage/summary-groups.json'));

describe('reading a summary.json', () => {
  it('keeps the page, every component with its group, and only the incidents and maintenances under way', () => {
    const summary = github();
    expect(summary.page).toEqual({ id: 'kctbh9vrtdwd', name: 'GitHub', url: 'https://www.githubstatus.com', updatedAt: '2026-03-12T09:14:37.182Z' });
    expect(summary.description).toBe('Partial System Outage');
    expect(summary.components).toHaveLength(11);
    // The Git Operations maintenance is only scheduled: not under way, so not listed.
    expect(summary.events.map((e) => [e.kind, e.name])).toEqual([
      ['incident', 'Incident with Actions'],
      ['incident', 'Disruption with some GitHub services'],
      ['maintenance', 'Codespaces maintenance'],
    ]);
  });

  it("finds the components an incident touches in its own list and in its updates' affected components", () => {
    const [actions, disruption] = github().events;
    expect(actions!.componentIds).toEqual(['br0l2tvcx85d']);
    expect(disruption!.componentIds).toEqual(['st3j38cctv9l', 'vg70hn9s2tyj']);
  });

  it('leaves out resolved incidents', () => {
    const body = fixture('statuspage/summary-incident.json');
    body.incidents[0].status = 'resolved';
    expect(summaryOf(body).events.map((e) => e.name)).not.toContain('Incident with Actions');
  });

  it('takes a page without incidents or maintenances listed at all', () => {
    const body = fixture('statuspage/summary-operational.json');
    delete body.incidents;
    delete body.scheduled_maintenances;
    expect(summaryOf(body).events).toEqual([]);
  });

  it.each<[string, (body: Json) => void, string]>([
    ['no page', (b) => delete b.page, 'page: expected the page object'],
    ['components not a list', (b) => (b.components = { a: 1 }), 'components: expected a list of components'],
    ['a component without a status', (b) => delete b.components[3].status, 'components[3].status'],
    ['an incident with a numeric name', (b) => (b.incidents[1].name = 7), 'incidents[1].name'],
  ])('a body with %s is refused, naming the field', (_name, spoil, problem) => {
    const body = fixture('statuspage/summary-incident.json');
    spoil(body);
    const parsed = parseSummary(body);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.problem).toContain(problem);
  });

  it('a body that is not an object at all is refused', () => {
    for (const body of [null, [], 'All Systems Operational', 42]) expect(parseSummary(body).ok).toBe(false);
  });
});

describe('what a component means on the board', () => {
  it.each([
    ['Git Operations', 'ok', 'Operational'],
    ['Actions', 'degraded', 'Degraded performance — Incident with Actions (https://stspg.io/a8c3kq1w)'],
    ['Pages', 'failed', 'Partial outage — Disruption with some GitHub services (https://stspg.io/p4m7zt2n)'],
    ['Packages', 'failed', 'Major outage — Disruption with some GitHub services (https://stspg.io/p4m7zt2n)'],
    ['Codespaces', 'maintenance', 'Under maintenance — Codespaces maintenance (https://stspg.io/k2d9rt5b)'],
  ])('%s: %s, "%s"', (component, outcome, message) => {
    const observation = componentObservation(github(), component, 'GitHub');
    expect(observation.outcome).toBe(outcome);
    expect(observation.message).toBe(message);
    expect(observation.latencyMs).toBeNull();
  });

  it('carries the component, the events touching it and the page in its details', () => {
    expect(componentObservation(github(), 'Actions', 'GitHub').details).toEqual({
      component: { id: 'br0l2tvcx85d', name: 'Actions', status: 'degraded_performance' },
      events: [{ kind: 'incident', name: 'Incident with Actions', status: 'investigating', impact: 'minor', link: 'https://stspg.io/a8c3kq1w' }],
      page: { name: 'GitHub', url: 'https://www.githubstatus.com', updatedAt: '2026-03-12T09:14:37.182Z', description: 'Partial System Outage' },
    });
  });

  it('links an incident without a shortlink to the status page itself', () => {
    const body = fixture('statuspage/summary-incident.json');
    body.incidents[0].shortlink = null;
    expect(componentObservation(summaryOf(body), 'Actions', 'GitHub').message).toBe(
      'Degraded performance — Incident with Actions (https://www.githubstatus.com)',
    );
  });

  it('finds a component by its id as well as by its name, whatever the case', () => {
    expect(componentObservation(github(), 'br0l2tvcx85d', 'GitHub').outcome).toBe('degraded');
    expect(componentObservation(github(), 'api requests', 'GitHub').outcome).toBe('ok');
  });

  it('a component the page does not have is unknown, saying so', () => {
    const observation = componentObservation(github(), 'Actons', 'GitHub');
    expect(observation.outcome).toBe('unknown');
    expect(observation.message).toBe('GitHub\'s status page has no component "Actons"');
  });

  it('a status the page documents no meaning for is unknown, never up', () => {
    const body = fixture('statuspage/summary-incident.json');
    body.components[0].status = 'wobbly';
    const observation = componentObservation(summaryOf(body), 'Git Operations', 'GitHub');
    expect(observation.outcome).toBe('unknown');
    expect(observation.message).toContain('"wobbly"');
  });
});

describe('components in groups', () => {
  it('a group is a component with the status the page rolls up for it', () => {
    expect(componentObservation(groups(), 'Europe', 'Acme').outcome).toBe('failed');
    expect(componentObservation(groups(), 'US', 'Acme').outcome).toBe('ok');
  });

  it('a name that two groups hold is asked for as "Group / Name", or by id', () => {
    const ambiguous = componentObservation(groups(), 'API', 'Acme');
    expect(ambiguous.outcome).toBe('unknown');
    expect(ambiguous.message).toBe('Acme\'s status page has 2 components named "API" (in Europe, US); name one as "Europe / API" or by its id');
    expect(componentObservation(groups(), 'Europe / API', 'Acme').outcome).toBe('failed');
    expect(componentObservation(groups(), 'us/api', 'Acme').outcome).toBe('ok');
    expect(componentObservation(groups(), 'us0api000005', 'Acme').outcome).toBe('ok');
  });

  it("an incident on a group is told on each of the group's components", () => {
    expect(componentObservation(groups(), 'Europe / Databases', 'Acme').message).toBe(
      'Operational — Elevated error rates in Europe (https://stspg.io/e7u3w1q9)',
    );
    expect(componentObservation(groups(), 'US / Databases', 'Acme').message).toBe('Operational');
  });

  it('a component shown only when degraded is still found and reported', () => {
    expect('found' in findComponent(groups(), 'US / Databases', 'Acme')).toBe(true);
  });
});
