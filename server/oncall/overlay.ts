import type { LayerConfig } from './config';
import { localToEpoch } from './local-time';
import { applyOverrides } from './overrides';
import type { Shift } from './types';

/** Where a layer's overrides are read: its own `timezone`, else its rotation's, else UTC. */
export function overrideTimeZone(layer: Pick<LayerConfig, 'timezone' | 'provider' | 'config'>): string {
  const own = (layer.config as { timezone?: unknown } | null)?.timezone;
  return layer.timezone ?? (typeof own === 'string' ? own : 'UTC');
}

/** What a layer's overrides make of its schedule's shifts; undefined when it has none. The config has checked every time. */
export function overlayFor(layer: LayerConfig): ((shifts: Shift[]) => Shift[]) | undefined {
  if (layer.overrides.length === 0) return undefined;
  const zone = overrideTimeZone(layer);
  const overrides = layer.overrides.map((o) => ({ personId: o.person, from: localToEpoch(o.from, zone)!, to: localToEpoch(o.to, zone)! }));
  return (shifts) => applyOverrides(shifts, overrides);
}
