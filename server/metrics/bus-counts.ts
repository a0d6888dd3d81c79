import type { EventBus } from '../engine/bus';
import type { Metrics } from './metrics';

/** Counts what the engine and the sources announce on the bus; returns the function that stops counting. */
export function countBusEvents(bus: EventBus, metrics: Metrics): () => void {
  const stops = [
    bus.on('check.result', ({ origin, type, result }) => {
      // A source's report comes through the engine too; sources are counted as messages instead.
      if (origin === 'check') metrics.checkRan(type, result.outcome, result.latencyMs);
    }),
    bus.on('source.message', ({ sourceId, type, outcome }) => metrics.sourceMessage(sourceId, type, outcome)),
    bus.on('source.unaddressed', ({ kind }) => metrics.sourceUnaddressed(kind)),
  ];
  return () => stops.forEach((stop) => stop());
}
