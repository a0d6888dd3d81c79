import { formatDuration, parseDuration } from '../../shared/duration';
import { pagingProblems } from '../notify/references';
import { maintenanceProblems } from '../maintenance/references';
import { didYouMean } from './closest';
import { viewProblems } from './views';

/** A problem found by looking across the config: where it is and what is wrong. */
export interface ReferenceProblem {
  /** Keys and indexes from the top of the document to the field. */
  path: PropertyKey[];
  message: string;
}

type Raw = Record<string, unknown>;

const isRecord = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);
/** A list as written; a missing one is empty (the schema's default), anything else is not one. */
const listOf = (value: unknown): unknown[] | null => (value === undefined ? [] : Array.isArray(value) ? value : null);
const idOf = (item: unknown): string | null => (isRecord(item) && typeof item.id === 'string' ? item.id : null);

/** The default interval of a check, as the schema fills it in. */
const DEFAULT_INTERVAL = '30s';

/**
 * Problems that only show across fields and entries: duplicate ids, unknown teams and
 * services (of services and of sources), dependency cycles, a timeout longer than its interval,
 * routes to notifiers that do not exist or cannot take them. Works on the document
 * as written (after `${VAR}`), not on the validated config, so these are reported in the
 * same run as every schema problem; parts that are malformed are skipped, since the
 * schema reports them. Pure.
 */
export function referenceProblems(raw: unknown): ReferenceProblem[] {
  if (!isRecord(raw)) return [];
  const problems: ReferenceProblem[] = [];
  const people = listOf(raw.people);
  const teams = listOf(raw.teams);
  const services = listOf(raw.services);
  if (people) problems.push(...duplicates(people, 'people', 'person'));
  if (teams) problems.push(...duplicates(teams, 'teams', 'team'), ...oncallPeopleProblems(teams, people ?? []));
  problems.push(...pagingProblems(raw));
  problems.push(...maintenanceProblems(raw));
  problems.push(...viewProblems(raw));
  if (!services) return problems;
  problems.push(...duplicates(services, 'services', 'service'));
  const teamIds = teams ? new Set(teams.map(idOf).filter((id) => id !== null)) : null;
  const serviceIds = new Set(services.map(idOf).filter((id) => id !== null));
  services.forEach((service, si) => {
    if (!isRecord(service)) return;
    if (typeof service.team === 'string' && teamIds && !teamIds.has(service.team)) {
      problems.push({ path: ['services', si, 'team'], message: `no team with id "${service.team}"${didYouMean(service.team, teamIds)}` });
    }
    problems.push(...dependencyProblems(service, si, serviceIds));
    const checks = listOf(service.checks);
    if (checks)
      problems.push(
        ...duplicates(checks, ['services', si, 'checks'], 'check'),
        ...checks.flatMap((check, ci) => timeoutProblems(check, ['services', si, 'checks', ci])),
      );
  });
  problems.push(...cycleProblems(services));
  const sources = listOf(raw.sources);
  if (sources) problems.push(...duplicates(sources, 'sources', 'source'), ...sourceProblems(sources, services));
  return problems;
}

/**
 * Where a source names the services it reports on, each with its path: its `service`, or
 * its `services` list (a webhook's), or the `service` of each of its `components` (a status
 * page's). Null when it names none,
 * since its messages name theirs (alerts) and it may report on any service.
 */
function namedServices(source: Raw, si: number): Array<{ path: PropertyKey[]; id: unknown }> | null {
  if (source.service !== undefined) return [{ path: ['sources', si, 'service'], id: source.service }];
  if (Array.isArray(source.services)) return source.services.map((id: unknown, li) => ({ path: ['sources', si, 'services', li], id }));
  const components = listOf(source.components);
  if (source.components === undefined || !components) return null;
  return components.map((c, ci) => ({ path: ['sources', si, 'components', ci, 'service'], id: isRecord(c) ? c.service : undefined }));
}

/**
 * A source must report on services that exist, each at most once, under an id that none of
 * those services' checks has (its results show beside them, keyed by the source's id).
 */
function sourceProblems(sources: unknown[], services: unknown[]): ReferenceProblem[] {
  const serviceIds = new Set(services.map(idOf).filter((id) => id !== null));
  return sources.flatMap((source, si): ReferenceProblem[] => {
    if (!isRecord(source)) return [];
    const named = namedServices(source, si);
    if (named === null) return clashesAnywhere(source, si, services);
    const seen = new Set<string>();
    return named.flatMap(({ path, id }): ReferenceProblem[] => {
      if (typeof id !== 'string') return [];
      const service = services.find((s) => idOf(s) === id);
      if (!service) return [{ path, message: `no service with id "${id}"${didYouMean(id, serviceIds)}` }];
      if (seen.has(id)) return [{ path, message: `service "${id}" is already given a component of this source; a source reports on each service once` }];
      seen.add(id);
      const checkIds = (listOf((service as Raw).checks) ?? []).map(idOf);
      return checkIds.includes(idOf(source))
        ? [{ path: ['sources', si, 'id'], message: `service "${id}" has a check with the same id; a source's id must differ from its services' check ids` }]
        : [];
    });
  });
}

/** A source that may report on every service must not share its id with any check. */
function clashesAnywhere(source: Raw, si: number, services: unknown[]): ReferenceProblem[] {
  const id = idOf(source);
  const clashing = services.filter((service) => isRecord(service) && (listOf(service.checks) ?? []).map(idOf).includes(id)).map(idOf);
  if (id === null || clashing.length === 0) return [];
  const named = clashing.map((s) => `"${s}"`).join(', ');
  return [
    {
      path: ['sources', si, 'id'],
      message: `service ${named} has a check with the same id; this source may report on any service, so its id must differ from every check id`,
    },
  ];
}

function duplicates(items: unknown[], at: PropertyKey | PropertyKey[], what: string): ReferenceProblem[] {
  const seen = new Set<string>();
  return items.flatMap((item, index) => {
    const id = idOf(item);
    if (id === null) return [];
    const repeated = seen.has(id);
    seen.add(id);
    return repeated ? [{ path: [...[at].flat(), index, 'id'], message: `duplicate ${what} id "${id}"` }] : [];
  });
}

function dependencyProblems(service: Raw, si: number, serviceIds: Set<string>): ReferenceProblem[] {
  const deps = listOf(service.dependsOn) ?? [];
  return deps.flatMap((dep, di): ReferenceProblem[] => {
    if (typeof dep !== 'string') return [];
    const path = ['services', si, 'dependsOn', di];
    if (dep === service.id) return [{ path, message: 'a service cannot depend on itself' }];
    if (serviceIds.has(dep)) return [];
    const others = [...serviceIds].filter((id) => id !== service.id);
    return [{ path, message: `no service with id "${dep}"${didYouMean(dep, others)}` }];
  });
}

const durationText = (ms: number) => (ms % 1_000 === 0 ? formatDuration(ms) : `${ms}ms`);

/** A run that may outlast its interval would make every other turn a skipped one. */
function timeoutProblems(check: unknown, path: PropertyKey[]): ReferenceProblem[] {
  if (!isRecord(check) || typeof check.timeout !== 'string') return [];
  const interval = check.interval === undefined ? DEFAULT_INTERVAL : check.interval;
  const intervalMs = typeof interval === 'string' ? parseDuration(interval) : null;
  const timeoutMs = parseDuration(check.timeout);
  if (intervalMs === null || timeoutMs === null || timeoutMs <= intervalMs) return [];
  return [{ path: [...path, 'timeout'], message: `must not be longer than the interval (${durationText(intervalMs)}); got ${durationText(timeoutMs)}` }];
}

function cycleProblems(services: unknown[]): ReferenceProblem[] {
  const graph = services.flatMap((service) => {
    const id = idOf(service);
    if (id === null) return [];
    const deps = (listOf((service as Raw).dependsOn) ?? []).filter((dep): dep is string => typeof dep === 'string');
    return [{ id, dependsOn: deps }];
  });
  return dependencyCycles(graph).map((cycle) => {
    const si = services.findIndex((s) => idOf(s) === cycle[0]);
    const di = (listOf((services[si] as Raw).dependsOn) ?? []).indexOf(cycle[1]);
    return { path: ['services', si, 'dependsOn', di], message: `dependencies go round in a circle: ${cycle.join(' → ')}` };
  });
}

/**
 * The first dependency cycle through each service (a → b → a), as service ids, each
 * cycle once. Pure. A cycle makes "impacted by" mean nothing, so it is a config error.
 */
export function dependencyCycles(services: ReadonlyArray<{ id: string; dependsOn: readonly string[] }>): string[][] {
  const deps = new Map<string, readonly string[]>();
  // The first of duplicate ids counts; the duplicate is reported on its own.
  for (const s of services) if (!deps.has(s.id)) deps.set(s.id, s.dependsOn);
  const done = new Set<string>();
  const stack: string[] = [];
  const cycles: string[][] = [];
  // Depth first, each edge once: an edge back to a service on the stack closes a cycle.
  const visit = (id: string): void => {
    stack.push(id);
    for (const next of deps.get(id) ?? []) {
      if (next === id || !deps.has(next) || done.has(next)) continue; // self and unknown ids are reported on their own
      const at = stack.indexOf(next);
      if (at >= 0) cycles.push([...stack.slice(at), next]);
      else visit(next);
    }
    stack.pop();
    done.add(id);
  };
  for (const id of deps.keys()) if (!done.has(id)) visit(id);
  return cycles;
}

/** The people a layer names, with where: a rotation's members and each override's person. */
function namedPeople(layer: Raw, path: PropertyKey[]): Array<{ path: PropertyKey[]; id: unknown }> {
  const named: Array<{ path: PropertyKey[]; id: unknown }> = [];
  const rotation = layer.rotation;
  if (isRecord(rotation) && Array.isArray(rotation.members)) {
    rotation.members.forEach((id: unknown, mi) => named.push({ path: [...path, 'rotation', 'members', mi], id }));
  }
  if (Array.isArray(layer.overrides)) {
    layer.overrides.forEach((override: unknown, oi) => isRecord(override) && named.push({ path: [...path, 'overrides', oi, 'person'], id: override.person }));
  }
  return named;
}

/** Every person a team's on-call names must be one of `people:`. Pure; works on the document as written. */
function oncallPeopleProblems(teams: unknown[], people: unknown[]): ReferenceProblem[] {
  const ids = new Set(people.map(idOf).filter((id) => id !== null));
  return teams.flatMap((team, ti) => {
    if (!isRecord(team) || !isRecord(team.oncall)) return [];
    const layers: Array<[Raw, PropertyKey[]]> = [[team.oncall, ['teams', ti, 'oncall']]];
    if (isRecord(team.oncall.secondary)) layers.push([team.oncall.secondary, ['teams', ti, 'oncall', 'secondary']]);
    return layers.flatMap(([layer, path]) =>
      namedPeople(layer, path).flatMap(({ path: at, id }): ReferenceProblem[] =>
        typeof id !== 'string' || ids.has(id) ? [] : [{ path: at, message: `no person with id "${id}" in people${didYouMean(id, ids)}` }],
      ),
    );
  });
}
