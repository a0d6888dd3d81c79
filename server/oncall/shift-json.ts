/**
 * Shifts as JSON text and back. A scheduler's shift may have no end (`to: Infinity`), or
 * have been on for ever (`from: -Infinity`), which JSON alone writes as null: read back,
 * such a shift would have ended in 1970 and nobody would be on call.
 */
const BOUNDS = new Set(['from', 'to']);

const writeBound = (key: string, value: unknown) => (BOUNDS.has(key) && typeof value === 'number' && !Number.isFinite(value) ? String(value) : value);
const readBound = (key: string, value: unknown) => (BOUNDS.has(key) && typeof value === 'string' ? Number(value) : value);

export function shiftsToJson(shifts: ReadonlyArray<{ from: number; to: number }>): string {
  return JSON.stringify(shifts, writeBound);
}

export function shiftsFromJson<T extends { from: number; to: number }>(text: string): T[] {
  return JSON.parse(text, readBound) as T[];
}
