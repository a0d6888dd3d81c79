import type { Sequenced } from './events';

/** What a client should do with an incoming delta. */
export type DeltaDecision = 'apply' | 'ignore' | 'resync';

/**
 * Pure ordering rule for deltas. `held` is the (epoch, seq) of what the client has,
 * null before its first snapshot.
 */
export function decideDelta(held: Sequenced | null, delta: Sequenced): DeltaDecision {
  if (held === null) return 'ignore'; // the snapshot on its way supersedes it
  if (delta.epoch !== held.epoch) return 'resync'; // the server restarted
  if (delta.seq <= held.seq) return 'ignore'; // already contained in what we hold
  if (delta.seq === held.seq + 1) return 'apply';
  return 'resync'; // a gap: at least one delta was lost
}

/** A heartbeat tells the client which seq it should hold; anything else means a lost delta. */
export function heartbeatNeedsResync(held: Sequenced | null, beat: Sequenced): boolean {
  if (held === null) return true;
  return beat.epoch !== held.epoch || beat.seq > held.seq;
}
