import fc from 'fast-check';

type Path = Array<string | number>;

/** Every path to a value in a JSON document, the document itself first. */
export function pathsOf(value: unknown, at: Path = []): Path[] {
  if (value === null || typeof value !== 'object') return [at];
  const entries = Array.isArray(value) ? value.map((v, i) => [i, v] as const) : Object.entries(value as Record<string, unknown>);
  return [at, ...entries.flatMap(([k, v]) => pathsOf(v, [...at, k]))];
}

export const MUTATIONS = ['drop', 'replace', 'retype'] as const;

/** One change to a document: what to do, at the path its index picks, with what value. */
export interface Mutation {
  at: number;
  kind: (typeof MUTATIONS)[number];
  value: unknown;
}

/** The same value as another type: text as a number, a list as a map, a map as a list, a scalar as a list. */
export function retyped(value: unknown): unknown {
  if (Array.isArray(value)) return Object.fromEntries(value.map((v, i) => [String(i), v]));
  if (value !== null && typeof value === 'object') return Object.values(value);
  if (typeof value === 'string') return Number.isNaN(Number(value)) ? value.length : Number(value);
  if (typeof value === 'number') return String(value);
  return [value];
}

/** A copy of the document with the mutation applied; the document itself is left alone. */
export function mutate(document: unknown, { at, kind, value }: Mutation): unknown {
  const copy: unknown = structuredClone(document);
  const paths = pathsOf(copy);
  const path = paths[at % paths.length]!;
  if (path.length === 0) return kind === 'retype' ? retyped(copy) : kind === 'replace' ? value : copy;
  const parent = path.slice(0, -1).reduce<unknown>((v, k) => (v as Record<string | number, unknown>)[k], copy) as Record<string | number, unknown>;
  const key = path.at(-1)!;
  if (kind === 'drop') {
    if (Array.isArray(parent)) parent.splice(key as number, 1);
    else delete parent[key];
  } else if (kind === 'replace') parent[key] = value;
  else parent[key] = retyped(parent[key]);
  return copy;
}

/** Documents made from `base` by one to `max` mutations, the replacement values drawn from `values`. */
export const mutated = (base: fc.Arbitrary<unknown>, values: fc.Arbitrary<unknown>, max = 5): fc.Arbitrary<unknown> =>
  fc
    .tuple(base, fc.array(fc.record({ at: fc.nat(), kind: fc.constantFrom(...MUTATIONS), value: values }), { minLength: 1, maxLength: max }))
    .map(([document, mutations]) => mutations.reduce(mutate, document));
