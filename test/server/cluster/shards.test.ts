import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fairShare, groupKeys, preferenceOrder, rebalance, SHARD_COUNT, shardOf } from '../../../server/cluster/shards';
import { workMap } from '../../../server/cluster/ownership';

/** Rounds of every live member against one lock table, as PostgreSQL would decide them. */
function simulate(members: string[], rounds: number, holder = new Map<number, string>()): Map<number, string> {
  for (let round = 0; round < rounds; round++) {
    for (const member of members) {
      const held = new Set([...holder].filter(([, m]) => m === member).map(([s]) => s));
      const plan = rebalance({ memberId: member, held, live: members.length });
      for (const s of plan.release) holder.delete(s);
      const want = fairShare(members.length) - (held.size - plan.release.length);
      let taken = 0;
      for (const s of plan.take) {
        if (taken >= want) break;
        if (!holder.has(s)) {
          holder.set(s, member);
          taken++;
        }
      }
    }
  }
  return holder;
}

const counts = (holder: Map<number, string>) => {
  const by = new Map<string, number>();
  for (const m of holder.values()) by.set(m, (by.get(m) ?? 0) + 1);
  return by;
};

describe('shards', () => {
  it('a service and everything joined to it by dependsOn, either way, share a shard; unrelated groups are apart', () => {
    const groups = groupKeys([
      { id: 'web', dependsOn: ['api'] },
      { id: 'api', dependsOn: ['db'] },
      { id: 'db', dependsOn: [] },
      { id: 'mail', dependsOn: [] },
      { id: 'reports', dependsOn: ['db', 'gone'] },
    ]);
    expect(new Set(['web', 'api', 'db', 'reports'].map((id) => groups.get(id)))).toEqual(new Set(['api']));
    expect(groups.get('mail')).toBe('mail');
    const work = workMap({
      services: [
        { id: 'web', dependsOn: ['api'] },
        { id: 'api', dependsOn: [] },
      ],
    });
    expect(work.ofService('web')).toBe(work.ofService('api'));
  });

  it('shards are stable numbers in range, the same in every process', () => {
    expect(shardOf('service:checkout')).toBe(shardOf('service:checkout'));
    fc.assert(fc.property(fc.string(), (key) => shardOf(key) >= 0 && shardOf(key) < SHARD_COUNT));
    // Fixed values: a change of hash would move every service at an upgrade.
    expect([shardOf('service:checkout'), shardOf('source:prometheus')]).toEqual([62, 42]);
    expect(preferenceOrder('a')).not.toEqual(preferenceOrder('b'));
  });

  it('members settle on every shard held exactly once, each within one of a fair share, whatever joins and leaves', () => {
    fc.assert(
      fc.property(
        fc.uniqueArray(fc.string({ minLength: 1, maxLength: 6 }), { minLength: 1, maxLength: 7 }),
        fc.integer({ min: 0, max: 6 }),
        (members, leaving) => {
          let holder = simulate(members, 3);
          expect(holder.size).toBe(SHARD_COUNT);
          // Some leave (their locks vanish with their connections), the rest settle again.
          const gone = new Set(members.slice(0, Math.min(leaving, members.length - 1)));
          holder = new Map([...holder].filter(([, m]) => !gone.has(m)));
          const rest = members.filter((m) => !gone.has(m));
          holder = simulate(rest, 3, holder);
          expect(holder.size).toBe(SHARD_COUNT);
          const share = fairShare(rest.length);
          for (const n of counts(holder).values()) expect(n).toBeLessThanOrEqual(share);
          // And they come back: each takes a share again.
          holder = simulate(members, 3, holder);
          expect(holder.size).toBe(SHARD_COUNT);
          for (const n of counts(holder).values()) expect(n).toBeLessThanOrEqual(fairShare(members.length));
          expect(counts(holder).size).toBe(Math.min(members.length, SHARD_COUNT));
        },
      ),
    );
  });

  it('a member at its share keeps what it holds: no churn once settled', () => {
    const holder = simulate(['a', 'b', 'c'], 3);
    const before = new Map(holder);
    simulate(['a', 'b', 'c'], 5, holder);
    expect(holder).toEqual(before);
  });
});
