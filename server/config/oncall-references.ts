import { didYouMean } from './closest';
import type { ReferenceProblem } from './references';

type Raw = Record<string, unknown>;
const isRecord = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);

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
export function oncallPeopleProblems(teams: unknown[], people: unknown[]): ReferenceProblem[] {
  const ids = new Set(people.flatMap((p) => (isRecord(p) && typeof p.id === 'string' ? [p.id] : [])));
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
