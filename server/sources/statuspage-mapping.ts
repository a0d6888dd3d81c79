import type { Observation, Outcome } from '../checks/types';
import type { ComponentStatus, PageComponent, PageEvent, PageSummary } from './statuspage-summary';

/** What each documented component status means on the board. */
const OUTCOME_OF: Record<ComponentStatus, Outcome> = {
  operational: 'ok',
  degraded_performance: 'degraded',
  partial_outage: 'failed',
  major_outage: 'failed',
  under_maintenance: 'maintenance',
};

/** The status as the vendor's page says it in words. */
const WORDS_OF: Record<ComponentStatus, string> = {
  operational: 'Operational',
  degraded_performance: 'Degraded performance',
  partial_outage: 'Partial outage',
  major_outage: 'Major outage',
  under_maintenance: 'Under maintenance',
};

// Own keys only: `constructor` is on every object, and is no status.
const isKnown = (status: string): status is ComponentStatus => Object.hasOwn(OUTCOME_OF, status);

/** Names compared as people write them: case and the spaces around a `/` do not matter. */
const normal = (name: string) =>
  name
    .trim()
    .replace(/\s*\/\s*/g, '/')
    .toLowerCase();

/** A component looked up: found, or why not in words. */
export type ComponentLookup = { found: PageComponent } | { problem: string };

/**
 * The component a config entry names: by id, by name, or as "Group / Name" when several
 * groups hold one of the same name. Pure.
 */
export function findComponent(summary: PageSummary, wanted: string, provider: string): ComponentLookup {
  const byId = summary.components.find((c) => c.id === wanted);
  if (byId) return { found: byId };
  const groupName = (c: PageComponent) => summary.components.find((g) => g.id === c.groupId)?.name ?? null;
  const named = summary.components.filter((c) => normal(c.name) === normal(wanted));
  if (named.length === 1) return { found: named[0]! };
  const qualified = summary.components.filter((c) => groupName(c) !== null && normal(`${groupName(c)}/${c.name}`) === normal(wanted));
  if (qualified.length === 1) return { found: qualified[0]! };
  if (named.length > 1) {
    const groups = named.map((c) => groupName(c) ?? '(no group)');
    const example = named.find((c) => groupName(c) !== null);
    const hint = example ? `"${groupName(example)} / ${example.name}"` : `its id (${named[0]!.id})`;
    return {
      problem: `${provider}'s status page has ${named.length} components named "${wanted}" (in ${groups.join(', ')}); name one as ${hint} or by its id`,
    };
  }
  return { problem: `${provider}'s status page has no component "${wanted}"` };
}

/** The incidents and maintenances under way that touch a component (or the group it is in). */
function eventsTouching(summary: PageSummary, component: PageComponent): PageEvent[] {
  return summary.events.filter(
    (event) => event.componentIds.includes(component.id) || (component.groupId !== null && event.componentIds.includes(component.groupId)),
  );
}

/** Where people read more: the incident's own link, else the status page. */
const linkOf = (summary: PageSummary, event: PageEvent) => event.link ?? summary.page.url;

/**
 * What the board shows for one configured component: the vendor's status in words, and
 * the title and link of each incident or maintenance under way that touches it. Pure.
 */
export function componentObservation(summary: PageSummary, wanted: string, provider: string): Observation {
  const lookup = findComponent(summary, wanted, provider);
  if ('problem' in lookup) return { outcome: 'unknown', message: lookup.problem, latencyMs: null, details: { page: pageDetails(summary) } };
  const component = lookup.found;
  const events = eventsTouching(summary, component);
  const said = isKnown(component.status) ? WORDS_OF[component.status] : `Status "${component.status}", which Greenboard does not know`;
  const told = events.map((event) => `${event.name} (${linkOf(summary, event)})`);
  return {
    outcome: isKnown(component.status) ? OUTCOME_OF[component.status] : 'unknown',
    message: [said, ...told].join(' — '),
    latencyMs: null,
    details: {
      component: { id: component.id, name: component.name, status: component.status },
      events: events.map((event) => ({ kind: event.kind, name: event.name, status: event.status, impact: event.impact, link: linkOf(summary, event) })),
      page: pageDetails(summary),
    },
  };
}

function pageDetails(summary: PageSummary) {
  return { name: summary.page.name, url: summary.page.url, updatedAt: summary.page.updatedAt, description: summary.description };
}
