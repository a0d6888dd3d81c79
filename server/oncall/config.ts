import { z } from 'zod';
import { nonEmpty, slug } from '../config/fields';
import { isTimeZone, localToEpoch } from './local-time';
import { overrideTimeZone } from './overlay';
import { overlappingOverrides, type Override } from './overrides';
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
  /** The overrides as instants, read once here (the config has checked every one). */
  overrideTimes: Override[];
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
  const read = { provider, config: layer[provider], timezone: layer.timezone as string | undefined, overrides: layer.overrides as OverrideConfig[] };
  return { ...read, overrideTimes: readOverrides(read, ctx) };
}

/**
 * Reads the overrides as instants. They are local times in the layer's time zone: each must
 * be one, end after it starts, and overlap no other override of the layer (who would be on
 * call?); each that is not is an issue.
 */
function readOverrides(layer: Omit<LayerConfig, 'overrideTimes'>, ctx: z.RefinementCtx): Override[] {
  if (layer.timezone !== undefined && !isTimeZone(layer.timezone)) {
    ctx.addIssue({ code: 'custom', path: ['timezone'], message: `"${layer.timezone}" is not a time zone; use an IANA name such as Europe/London` });
    return [];
  }
  const zone = overrideTimeZone(layer);
  const read = layer.overrides.map((override, index) => {
    const times = (['from', 'to'] as const).map((field) => {
      const at = localToEpoch(override[field], zone);
      if (at === null)
        ctx.addIssue({
          code: 'custom',
          path: ['overrides', index, field],
          message: `"${override[field]}" is not a local date-time such as 2026-11-20T18:00 (read in ${zone})`,
        });
      return at;
    });
    const [from, to] = times;
    if (from != null && to != null && to <= from) ctx.addIssue({ code: 'custom', path: ['overrides', index, 'to'], message: 'ends before it starts' });
    return from != null && to != null && to > from ? { personId: override.person, from, to } : null;
  });
  const valid = read.flatMap((r, index) => (r ? [{ ...r, index }] : []));
  for (const [i, j] of overlappingOverrides(valid)) {
    ctx.addIssue({ code: 'custom', path: ['overrides', valid[j]!.index], message: `overlaps override ${valid[i]!.index + 1}; one person at a time` });
  }
  return valid.map(({ personId, from, to }) => ({ personId, from, to }));
}

const layerSchema = z.strictObject(layerFields).transform((layer, ctx) => toLayer(layer, ctx));

/** A team's `oncall:`: a layer (the primary) and, optionally, a `secondary` layer of the same shape. */
export const oncallSchema = z.strictObject({ ...layerFields, secondary: layerSchema.optional() }).transform((value, ctx): TeamOncallConfig => {
  const { secondary, ...primary } = value;
  return { primary: toLayer(primary, ctx), secondary };
});
