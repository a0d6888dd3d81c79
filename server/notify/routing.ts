import type { Contact, EscalationStep, OncallPerson } from '../../shared/api';
import type { Config, TeamConfig } from '../config/schema';
import type { RouteConfig, WorkingHours } from './config';
import { isWorkingTime } from './working-hours';

type Person = Config['people'][number];

/** A route with its place in its person's or team's `notify:` list (a page stores the place, not the target). */
export interface IndexedRoute {
  index: number;
  route: RouteConfig;
}

/** Someone a step pages: a person of `people:`, or a team through its own channels. */
export interface Recipient {
  kind: 'person' | 'team';
  id: string;
  name: string;
  /** From `people:`; empty for a team. */
  contact: Contact;
  routes: IndexedRoute[];
}

/** Someone a step should page but cannot, and why in words: "Bob has no notify routes". */
export interface Unreachable {
  /** Their id in `people:`; null for someone only a schedule knows. */
  id: string | null;
  name: string;
  reason: string;
}

/** Who the on-call schedules say is on call for the team right now. */
export interface OncallNowPair {
  primary: OncallPerson | null;
  secondary: OncallPerson | null;
}

/** What deciding who a step pages needs: the team, the whole config (for `people:`) and who is on call now. */
export interface RecipientsInput {
  team: TeamConfig;
  config: Config;
  oncall: OncallNowPair;
}

/** Who a step pages, and who it should but cannot. */
export interface Recipients {
  recipients: Recipient[];
  unreachable: Unreachable[];
}

/** How a person who is not in `people:` was heard of, by the provider of the layer that named them. */
const HEARD_FROM: Record<string, string> = { ics: 'the calendar', pagerduty: 'PagerDuty', goalert: 'GoAlert' };

/** Only the parts of a contact that are set. */
function contactOf(person: Person): Contact {
  const { email, slack, phone } = person.contact ?? {};
  return { ...(email ? { email } : {}), ...(slack ? { slack } : {}), ...(phone ? { phone } : {}) };
}

const indexed = (routes: readonly RouteConfig[]): IndexedRoute[] => routes.map((route, index) => ({ index, route }));

/** An on-call person's `people:` entry: by id, else by email (case aside) for someone a calendar or scheduler knows only by address. */
function findPerson(who: OncallPerson, people: readonly Person[]): Person | undefined {
  if (who.id !== null) return people.find((p) => p.id === who.id);
  const email = who.contact.email?.trim().toLowerCase();
  return email ? people.find((p) => p.contact?.email?.toLowerCase() === email) : undefined;
}

/**
 * The people a team's on-call config names, in config order without repeats: each layer's
 * rotation members, then its overrides' people, primary layer first.
 */
function scheduledPeople(team: TeamConfig): string[] {
  const layers = team.oncall ? [team.oncall.primary, team.oncall.secondary].filter((layer) => layer !== undefined) : [];
  const ids = layers.flatMap((layer) => {
    const members = layer.provider === 'rotation' ? ((layer.config as { members?: string[] }).members ?? []) : [];
    return [...members, ...layer.overrides.map((override) => override.person)];
  });
  return [...new Set(ids)];
}

/**
 * A person as a recipient, or why they cannot be one: not in `people:` (`heardFrom` says
 * where someone only a schedule knows came from), or no routes to page them by.
 */
function reach(person: Person | undefined, who: { id: string | null; name: string }, heardFrom?: string): Recipient | Unreachable {
  if (!person) return { id: who.id, name: who.name, reason: `${who.name}${heardFrom ? ` (from ${heardFrom})` : ''} is not in people:` };
  if (person.notify.length === 0) return { id: person.id, name: person.name, reason: `${person.name} has no notify routes` };
  return { kind: 'person', id: person.id, name: person.name, contact: contactOf(person), routes: indexed(person.notify) };
}

/**
 * Who one escalation step pages. `primary`: the primary on-call person and the team itself
 * (through its own `notify` routes, when it has any); `secondary`: the secondary on-call
 * person; `team`: every member (`members`, else every person the team's on-call config
 * names) and whoever is on call now on either layer. A person is paged through their `people:` routes; someone a calendar or scheduler
 * knows is matched to `people:` by email. Those who cannot be paged are listed with why,
 * so an incident can say so rather than page nobody in silence. Pure.
 */
export function recipientsFor(step: EscalationStep, input: RecipientsInput): Recipients {
  const { team, config, oncall } = input;
  const oncallOf = (layer: 'primary' | 'secondary') => {
    const who = oncall[layer];
    if (who === null) return [];
    const heardFrom = who.id === null ? (HEARD_FROM[team.oncall?.[layer]?.provider ?? ''] ?? 'the schedule') : undefined;
    return [reach(findPerson(who, config.people), who, heardFrom)];
  };
  const member = (id: string) =>
    reach(
      config.people.find((p) => p.id === id),
      { id, name: id },
    );
  // The whole team: its members, and whoever the schedules say is on call now (a calendar's
  // people are known only from it), each once.
  const everyone = () => {
    const seen = new Set<string>();
    return [...[...new Set(team.members ?? scheduledPeople(team))].map(member), ...oncallOf('primary'), ...oncallOf('secondary')].filter((o) => {
      const key = o.id ?? `name:${o.name}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
  };
  const outcomes = step === 'team' ? everyone() : oncallOf(step);
  const recipients = outcomes.filter((o): o is Recipient => 'routes' in o);
  if (step === 'primary' && team.notify.length > 0) recipients.push({ kind: 'team', id: team.id, name: team.name, contact: {}, routes: indexed(team.notify) });
  return { recipients, unreachable: outcomes.filter((o): o is Unreachable => 'reason' in o) };
}

/** The routes to page by now, and whether they are all of them because none matched the hour. */
export interface RoutesNow<R extends IndexedRoute> {
  routes: R[];
  /** True when no route's `when` matched now and every route is used instead. */
  fallback: boolean;
}

/**
 * The routes whose `when` fits `at`: `always`, `workingHours` inside working hours,
 * `outOfHours` outside. When none fits but there are routes, all of them: a page is never
 * dropped in silence because of a working-hours rule. Pure.
 */
export function routesNow<R extends IndexedRoute>(routes: readonly R[], hours: WorkingHours, timeZone: string, at: number): RoutesNow<R> {
  const working = isWorkingTime(hours, timeZone, at);
  const fitting = routes.filter(({ route }) => route.when === 'always' || (route.when === 'workingHours') === working);
  if (fitting.length === 0 && routes.length > 0) return { routes: [...routes], fallback: true };
  return { routes: fitting, fallback: false };
}

/** The working hours of a person or team and the zone they are read in: its own, else `paging:`'s. */
export function hoursOf(recipient: Pick<Recipient, 'kind' | 'id'>, config: Config): { hours: WorkingHours; timeZone: string } {
  const own: { workingHours?: WorkingHours | undefined; timezone?: string | undefined } | undefined =
    recipient.kind === 'person' ? config.people.find((p) => p.id === recipient.id) : config.teams.find((t) => t.id === recipient.id);
  return { hours: own?.workingHours ?? config.paging.workingHours, timeZone: own?.timezone ?? config.paging.timezone };
}

/**
 * The step after `current`: nothing paged yet → primary → secondary (skipped when the team
 * has no secondary layer) → the whole team → null (nobody is left). Pure.
 */
export function nextStep(current: EscalationStep | null, has: { secondary: boolean }): EscalationStep | null {
  switch (current) {
    case null:
      return 'primary';
    case 'primary':
      return has.secondary ? 'secondary' : 'team';
    case 'secondary':
      return 'team';
    case 'team':
      return null;
  }
}
