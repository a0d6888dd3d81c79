import type { z } from 'zod';

type Def = {
  type: string;
  shape?: Record<string, z.ZodType>;
  innerType?: z.ZodType;
  in?: z.ZodType;
  out?: z.ZodType;
  element?: z.ZodType;
  valueType?: z.ZodType;
  options?: z.ZodType[];
  discriminator?: string;
};

const defOf = (schema: z.ZodType) => schema._zod.def as unknown as Def;
const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** Past wrappers that do not change the shape (defaults, optional, preprocess). */
function unwrap(schema: z.ZodType): z.ZodType {
  const def = defOf(schema);
  if (def.innerType && ['default', 'prefault', 'optional', 'nullable', 'readonly', 'catch', 'nonoptional'].includes(def.type)) return unwrap(def.innerType);
  if (def.type === 'pipe' && def.out) return unwrap(defOf(def.in!).type === 'transform' ? def.out : def.in!);
  return schema;
}

/** The variant of a discriminated union that the value names (`type: http`), if any. */
function variantFor(def: Def, value: unknown): z.ZodType | undefined {
  if (!def.discriminator || !isRecord(value)) return undefined;
  const wanted = value[def.discriminator];
  return def.options?.find((option) => {
    const field = defOf(unwrap(option)).shape?.[def.discriminator!];
    return field !== undefined && defOf(field).type === 'literal' && (field._zod.def as unknown as { values: unknown[] }).values.includes(wanted);
  });
}

/**
 * The field names the schema allows for the object at `path` of the document, for
 * suggesting one when a field is unknown. Follows the document's own values through
 * unions (a check's `type` picks its fields). Empty when the schema does not say.
 */
export function knownFieldsAt(schema: z.ZodType, document: unknown, path: readonly PropertyKey[]): string[] {
  let current = unwrap(schema);
  let value = document;
  for (let depth = 0; ;) {
    const def = defOf(current);
    if (def.type === 'union') {
      const variant = variantFor(def, value);
      if (!variant) return [];
      current = unwrap(variant);
      continue;
    }
    if (depth === path.length) return def.type === 'object' && def.shape ? Object.keys(def.shape) : [];
    const segment = path[depth]!;
    const next = def.type === 'object' ? def.shape?.[String(segment)] : def.type === 'array' ? def.element : def.type === 'record' ? def.valueType : undefined;
    if (!next) return [];
    current = unwrap(next);
    value = isRecord(value) || Array.isArray(value) ? (value as Record<PropertyKey, unknown>)[segment] : undefined;
    depth += 1;
  }
}
