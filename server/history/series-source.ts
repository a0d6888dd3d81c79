import type { HistorySeries } from '../../shared/api';
import type { Store } from '../store/store';
import type { Interval } from '../uptime/model';
import { historySeries, sliceFor, sliceStart } from './history-series';
import type { RawSample } from './rollup';

/**
 * The checks' series over a window, read from the store: stored rollups for the hours
 * already rolled up, raw results for the time after. Complete however long the window:
 * a 90-day chart reads about two thousand hour rollups per check, not a million results.
 */
export async function seriesOf(
  store: Store,
  serviceId: string,
  checkIds: readonly string[],
  window: Interval,
  options: { now: number; minutesKeptMs: number },
): Promise<HistorySeries[]> {
  const to = window.to + 1; // the history window includes its end
  const minutesKept = window.from >= options.now - options.minutesKeptMs;
  const { stepMs, level } = sliceFor(to - window.from, minutesKept);
  const from = sliceStart(window.from, stepMs);
  const rolledThrough = Math.max(from, Math.min(to, (await store.rolledUpThrough()) ?? from));
  const [rolled, facts] = await Promise.all([
    rolledThrough > from ? store.rollups(serviceId, level, from, rolledThrough) : [],
    rolledThrough < to
      ? store.rollupFacts(
          checkIds.map((checkId) => ({ serviceId, checkId })),
          rolledThrough,
          to,
        )
      : [],
  ]);
  const raw = new Map<string, RawSample[]>(facts.map((f) => [f.checkId ?? '', f.samples]));
  return historySeries(checkIds, stepMs, rolled, raw);
}
