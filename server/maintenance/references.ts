import { didYouMean } from '../config/closest';
import type { ReferenceProblem } from '../config/references';

type Raw = Record<string, unknown>;

const isRecord = (value: unknown): value is Raw => typeof value === 'object' && value !== null && !Array.isArray(value);
const idOf = (item: unknown): string | null => (isRecord(item) && typeof item.id === 'string' ? item.id : null);

/**
 * What is wrong across the config's maintenance windows: a service a window names that the
 * config does not have (with the closest id), and a window id used twice (`DELETE
 * /api/maintenance/{id}` and the board name windows by id). Works on the document as
 * written, skipping what is malformed: the schema reports that. Pure.
 */
export function maintenanceProblems(raw: unknown): ReferenceProblem[] {
  if (!isRecord(raw) || !Array.isArray(raw.maintenance)) return [];
  const windows: unknown[] = raw.maintenance;
  const services = raw.services === undefined ? [] : Array.isArray(raw.services) ? raw.services : null;
  const serviceIds = services === null ? null : new Set(services.map(idOf).filter((id) => id !== null));
  const problems: ReferenceProblem[] = [];
  const seen = new Set<string>();
  windows.forEach((window, wi) => {
    const id = idOf(window);
    if (id !== null && seen.has(id)) problems.push({ path: ['maintenance', wi, 'id'], message: `duplicate maintenance window id "${id}"` });
    if (id !== null) seen.add(id);
    if (!isRecord(window) || !Array.isArray(window.services) || serviceIds === null) return;
    window.services.forEach((service: unknown, si) => {
      if (typeof service === 'string' && !serviceIds.has(service)) {
        problems.push({ path: ['maintenance', wi, 'services', si], message: `no service with id "${service}"${didYouMean(service, serviceIds)}` });
      }
    });
  });
  return problems;
}
