import type { Config } from '../config/schema';
import type { LayerConfig } from './config';
import type { LayerSpec } from './roster';
import { overlayFor } from './overlay';

/** The layers to watch for a config: each team's primary, and its secondary when it has one. */
export function layerSpecs(config: Config): LayerSpec[] {
  return config.teams.flatMap((team): LayerSpec[] => {
    if (!team.oncall) return [];
    const ref = { id: team.id, name: team.name };
    const layers: Array<[LayerSpec['layer'], LayerConfig | undefined]> = [
      ['primary', team.oncall.primary],
      ['secondary', team.oncall.secondary],
    ];
    return layers.flatMap(([layer, given]) => {
      if (!given) return [];
      const overlay = overlayFor(given);
      return [{ team: ref, layer, provider: given.provider, config: given.config, key: JSON.stringify(given), ...(overlay ? { overlay } : {}) }];
    });
  });
}
