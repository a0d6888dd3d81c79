import { createHash } from 'node:crypto';
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
      // The feed's identity as it may be stored: a hash, for the config may hold a token.
      const feed = createHash('sha256')
        .update(JSON.stringify([given.provider, given.config]))
        .digest('base64url');
      return [{ team: ref, layer, provider: given.provider, config: given.config, key: JSON.stringify(given), feed, ...(overlay ? { overlay } : {}) }];
    });
  });
}
