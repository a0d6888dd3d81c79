import { groupKeys, SHARD_COUNT, shardOf } from './shards';

/** Which shards of the work this instance runs now. One interface: a single server holds them all. */
export interface Ownership {
  /** Whether this instance runs the work of `shard` now. */
  holds(shard: number): boolean;
  /** Told after the shards held changed, with those gained and those let go. */
  onChange(listener: (change: { gained: number[]; lost: number[] }) => void | Promise<void>): () => void;
  /** The shards held now. */
  held(): number[];
  /** Whether this instance works alone now (no other instance is alive). */
  readonly alone: boolean;
  /** Instances alive, this one included. */
  readonly members?: number;
  /** Where the instance holding `shard` is reached over HTTP; null when unknown. */
  addressOf(shard: number): string | null;
}

/** The shard whose holder does the work there is one of for the whole cluster (rolling up history, pruning). */
export const LEAD_SHARD = 0;

/** A single server: it holds every shard, always. */
export const SOLE_OWNER: Ownership = {
  holds: () => true,
  onChange: () => () => undefined,
  held: () => Array.from({ length: SHARD_COUNT }, (_, s) => s),
  alone: true,
  addressOf: () => null,
};

/** Where each piece of a config's work lives: a service by its dependency group, a source or a team by its id. */
export interface WorkMap {
  ofService(serviceId: string): number;
  ofSource(sourceId: string): number;
  ofTeam(teamId: string): number;
}

export function workMap(config: { services: ReadonlyArray<{ id: string; dependsOn: readonly string[] }> }): WorkMap {
  const groups = groupKeys(config.services);
  return {
    ofService: (id) => shardOf(`service:${groups.get(id) ?? id}`),
    ofSource: (id) => shardOf(`source:${id}`),
    ofTeam: (id) => shardOf(`team:${id}`),
  };
}
