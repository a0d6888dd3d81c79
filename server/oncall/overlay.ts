import type { LayerConfig } from './config';
import type { Shift } from './types';

/** What a layer's overrides make of its schedule's shifts; undefined when it has none. */
export function overlayFor(layer: LayerConfig): ((shifts: Shift[]) => Shift[]) | undefined {
  if (layer.overrides.length === 0) return undefined;
  throw new Error('overrides are not read yet');
}
