import type { Observation, Outcome } from '../checks/types';
import { formatDuration } from '../../shared/duration';
import { clockTime } from './push-heartbeat';
import type { PreviousReport } from './types';

/** What is known about a source's silence at one moment. */
export interface SilenceFacts {
  sourceId: string;
  /** When the source last took a message (epoch ms); null if never. */
  lastReceivedAt: number | null;
  /** When the wait began for a source that never took one: the start. */
  waitingSince: number;
  /** The configured `silentAfter`. */
  silentAfterMs: number;
  now: number;
}

/**
 * Whether the source has been silent too long at `now`: null while not, else the line each
 * of its services shows ("no message from source am since 09:12 UTC (expected within
 * 30m)"). The wait counts from the last message taken, or from `waitingSince`. Pure.
 */
export function silenceLine(facts: SilenceFacts): string | null {
  const { sourceId, lastReceivedAt, waitingSince, silentAfterMs, now } = facts;
  if (now - (lastReceivedAt ?? waitingSince) <= silentAfterMs) return null;
  const expected = `expected within ${formatDuration(silentAfterMs)}`;
  return lastReceivedAt === null
    ? `no message from source ${sourceId} yet, waiting since ${clockTime(waitingSince, now)} (${expected})`
    : `no message from source ${sourceId} since ${clockTime(lastReceivedAt, now)} (${expected})`;
}

/** When a source becomes silent at the earliest: the moment to look again. Pure. */
export function silentFrom(facts: Omit<SilenceFacts, 'now'>): number {
  return (facts.lastReceivedAt ?? facts.waitingSince) + facts.silentAfterMs + 1;
}

/**
 * The unknown a silent source's service records. Its details carry the source's own last
 * report, held back meanwhile, so a restart during the silence still knows it.
 */
export function silencedObservation(line: string, facts: SilenceFacts, held: PreviousReport): Observation {
  const lastReceivedAt = facts.lastReceivedAt === null ? null : new Date(facts.lastReceivedAt).toISOString();
  return {
    outcome: 'unknown',
    message: line,
    latencyMs: null,
    details: { silence: { source: facts.sourceId, lastReceivedAt, silentAfter: formatDuration(facts.silentAfterMs) }, heldReport: held },
  };
}

const OUTCOMES: readonly Outcome[] = ['ok', 'degraded', 'failed', 'unknown'];
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * A stored report read back: the source's own report, and whether it was hidden by a
 * silence (then the stored one is the unknown, and the source's own is the held one). Pure.
 */
export function unwrapSilence(stored: PreviousReport, sourceId: string): { own: PreviousReport; silenced: boolean } {
  const { silence, heldReport: held } = stored.details ?? {};
  const marked = isRecord(silence) && silence.source === sourceId && isRecord(held);
  const valid =
    marked &&
    typeof held.at === 'number' &&
    OUTCOMES.includes(held.outcome as Outcome) &&
    typeof held.message === 'string' &&
    (held.details === null || isRecord(held.details));
  if (!valid) return { own: stored, silenced: false };
  return {
    own: { at: held.at as number, outcome: held.outcome as Outcome, message: held.message as string, details: held.details as PreviousReport['details'] },
    silenced: true,
  };
}
