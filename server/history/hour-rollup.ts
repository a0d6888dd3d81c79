import type { HourRollup, RollupFacts } from '../store/store';
import type { Interval } from '../uptime/model';
import { statusTimeline } from '../uptime/timeline';
import { emptyRollup, mergeRollup, rollUp } from './rollup';

export const MINUTE_MS = 60_000;
export const HOUR_MS = 3_600_000;

/**
 * One series' rollups of the hour starting at `hour`: its minutes (runs, response times,
 * and time in each status, with time nobody watched as unknown) and the hour, which is
 * its minutes merged. Null when the hour holds nothing of it. Pure.
 */
export function hourRollupOf(facts: RollupFacts, monitored: readonly Interval[], hour: number): HourRollup | null {
  const segments = statusTimeline({
    window: { from: hour, to: hour + HOUR_MS },
    statusBefore: facts.statusBefore,
    transitions: facts.transitions,
    monitored,
    firstSeenAt: facts.firstSeenAt,
    incidents: [],
  });
  const byStart = rollUp(facts.samples, segments, hour, MINUTE_MS, 60);
  if (byStart.size === 0) return null;
  const rollup = emptyRollup();
  const minutes = new Map<number, ReturnType<typeof emptyRollup>>();
  for (const [start, minute] of byStart) {
    mergeRollup(rollup, minute);
    minutes.set((start - hour) / MINUTE_MS, minute);
  }
  return { key: { serviceId: facts.serviceId, checkId: facts.checkId }, hour, rollup, minutes };
}
