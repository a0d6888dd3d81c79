import { z } from 'zod';
import { nonEmpty, slug } from '../config/fields';
import { oncallProviders } from './registry';
import type { OncallProviderType } from './types';

/** A person on call instead of the schedule's, from `from` to `to` (local times in the layer's time zone). */
const overrideSchema = z.strictObject({ person: slug, from: nonEmpty, to: nonEmpty });

export type OverrideConfig = z.output<typeof overrideSchema>;

/** One layer of a team's on-call: exactly one provider's schedule, and overrides on top. */
export interface LayerConfig {
  /** The provider's key (`rotation`, `ics`, …) and its own config. */
  provider: string;
  config: unknown;
  /** Where the overrides' local times are read: this, or the rotation's, or UTC. */
  timezone: string | undefined;
  overrides: OverrideConfig[];
}

export interface TeamOncallConfig {
  primary: LayerConfig;
  secondary: LayerConfig | undefined;
}

const providers = oncallProviders as Record<string, OncallProviderType>;
const names = Object.keys(providers);

const layerFields = {
  ...Object.fromEntries(names.map((name) => [name, providers[name]!.configSchema.optional()])),
  timezone: z.string().optional(),
  overrides: z.array(overrideSchema).default([]),
};

/** Reads a layer: exactly one provider key, named in the error when there are none or several. */
function toLayer(layer: Record<string, unknown>, ctx: z.RefinementCtx): LayerConfig {
  const given = names.filter((name) => layer[name] !== undefined);
  if (given.length !== 1) {
    ctx.addIssue({
      code: 'custom',
      message: given.length === 0 ? `needs one schedule: one of ${names.join(', ')}` : `has ${given.join(' and ')}; give exactly one schedule`,
    });
    return z.NEVER;
  }
  const provider = given[0]!;
  return { provider, config: layer[provider], timezone: layer.timezone as string | undefined, overrides: layer.overrides as OverrideConfig[] };
}

const layerSchema = z.strictObject(layerFields).transform((layer, ctx) => toLayer(layer, ctx));

/** A team's `oncall:`: a layer (the primary) and, optionally, a `secondary` layer of the same shape. */
export const oncallSchema = z.strictObject({ ...layerFields, secondary: layerSchema.optional() }).transform((value, ctx): TeamOncallConfig => {
  const { secondary, ...primary } = value;
  return { primary: toLayer(primary, ctx), secondary };
});
