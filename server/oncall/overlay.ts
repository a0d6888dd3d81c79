import type { LayerConfig } from './config';
import { applyOverrides } from './overrides';
import type { Shift } from './types';

/** Where a layer's overrides are read: its own `timezone`, else its rotation's, else UTC. */
export function overrideTimeZone(layer: Pick<LayerConfig, 'timezone' | 'provider' | 'config'>): string {
  const own = (layer.config as { timezone?: unknown } | null)?.timezone;
  return layer.timezone ?? (typeof own === 'string' ? own : 'UTC');
}

/** What a layer's overrides make of its schedule's shifts; undefined when it has none. */
export function overlayFor(layer: LayerConfig): ((shifts: Shift[]) => Shift[]) | undefined {
  if (layer.overrideTimes.length === 0) return undefined;
  return (shifts) => applyOverrides(shifts, layer.overrideTimes);
}
