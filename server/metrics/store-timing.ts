import type { Store } from '../store/store';
import type { Metrics } from './metrics';

/** The store's operations that write, each timed and its failures counted under its own name. */
export const STORE_WRITES = [
  'writeResult',
  'writeServiceTransition',
  'writeSourceHealth',
  'saveIncident',
  'addPage',
  'updatePage',
  'saveMaintenance',
  'deleteMaintenance',
  'startRun',
  'runAlive',
  'writeRollups',
  'setRolledUpThrough',
  'prune',
] as const satisfies ReadonlyArray<keyof Store>;

type Write = (...args: unknown[]) => Promise<unknown>;

/**
 * The store as it is, its writes timed: whatever uses it (engine, incidents, pager,
 * history) is measured without knowing. Reads pass through untouched.
 */
export function measureStoreWrites(store: Store, metrics: Pick<Metrics, 'storeWrite'>): Store {
  const timed = new Map<PropertyKey, Write>();
  for (const operation of STORE_WRITES) {
    const write = (store[operation] as Write).bind(store);
    timed.set(operation, async (...args) => {
      const started = performance.now();
      const took = () => (performance.now() - started) / 1_000;
      try {
        const result = await write(...args);
        metrics.storeWrite(operation, took(), false);
        return result;
      } catch (error) {
        metrics.storeWrite(operation, took(), true);
        throw error;
      }
    });
  }
  return new Proxy(store, { get: (target, key): unknown => timed.get(key) ?? (Reflect.get(target, key) as unknown) });
}
