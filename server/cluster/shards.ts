/**
 * How the work of a board is cut into shards that instances hold. Pure: every instance
 * works out the same answer from the same config.
 */

/** Shards the work is cut into: enough for a fair share on a dozen instances, few enough to lock in one round. */
export const SHARD_COUNT = 64;

/** FNV-1a, 32 bits: stable across processes and versions, unlike anything seeded. */
export function hash32(text: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193) >>> 0;
  }
  return h >>> 0;
}

export const shardOf = (key: string, count = SHARD_COUNT) => hash32(key) % count;

/**
 * The key each service is sharded by: the first id (in sort order) of the group of
 * services joined by `dependsOn`, either way. A cause and its symptoms live on one
 * instance, so one incident policy sees them all and groups them into one incident.
 */
export function groupKeys(services: ReadonlyArray<{ id: string; dependsOn: readonly string[] }>): Map<string, string> {
  const parent = new Map(services.map((s) => [s.id, s.id]));
  const find = (id: string): string => {
    let root = id;
    while (parent.get(root) !== root) root = parent.get(root)!;
    parent.set(id, root);
    return root;
  };
  for (const service of services) {
    for (const dependency of service.dependsOn) {
      if (!parent.has(dependency)) continue;
      const [a, b] = [find(service.id), find(dependency)].sort();
      parent.set(b!, a!);
    }
  }
  return new Map(services.map((s) => [s.id, find(s.id)]));
}

/** How many shards an instance should hold when `live` instances share them. */
export const fairShare = (live: number, count = SHARD_COUNT) => Math.ceil(count / Math.max(1, live));

/**
 * The order in which an instance prefers shards: highest random weight first (rendezvous
 * hashing). Instances prefer different shards, so few lock attempts collide, and an
 * instance coming back prefers the shards it held before.
 */
export function preferenceOrder(memberId: string, count = SHARD_COUNT): number[] {
  const weight = (shard: number) => hash32(`${memberId}#${shard}`);
  return Array.from({ length: count }, (_, shard) => shard).sort((a, b) => weight(b) - weight(a) || a - b);
}

/**
 * One round of rebalancing: which free shards to try to take and which held ones to let
 * go, given the fair share. Extras go from the least preferred, so the shards an instance
 * keeps are the ones it would pick again.
 */
export function rebalance(input: { memberId: string; held: ReadonlySet<number>; live: number; count?: number }): { take: number[]; release: number[] } {
  const count = input.count ?? SHARD_COUNT;
  const share = fairShare(input.live, count);
  const order = preferenceOrder(input.memberId, count);
  if (input.held.size > share) {
    const extras = order.filter((s) => input.held.has(s)).slice(share);
    return { take: [], release: extras };
  }
  return { take: order.filter((s) => !input.held.has(s)), release: [] };
}
