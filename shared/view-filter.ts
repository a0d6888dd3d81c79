import type { ServiceView, WallFilter } from './api';
import { isProblem, isStatus, STATUSES, type Status } from './status';

/** The word a view's `status` takes for every status that needs a person: down, degraded, unknown. */
export const PROBLEMS = 'problems';

/** What `status` may say, for messages: `problems` or a status. */
export const STATUS_WORDS: readonly string[] = [PROBLEMS, ...STATUSES];

/** A filter that lets every service through. */
export const EVERY_SERVICE: WallFilter = { teams: [], tags: [], statuses: [] };

/**
 * The statuses a word of a view's `status` stands for: `problems` for down, degraded and
 * unknown (what the banner counts; maintenance and an impacted service that is up are not
 * problems); a status for itself; null for anything else. Pure.
 */
export function statusesOf(word: string): Status[] | null {
  if (word === PROBLEMS) return STATUSES.filter(isProblem);
  return isStatus(word) ? [word] : null;
}

/** True when the filter lets every service through. */
export function isEveryService(filter: WallFilter): boolean {
  return filter.teams.length === 0 && filter.tags.length === 0 && filter.statuses.length === 0;
}

/** True when the service matches every list of the filter that is not empty. Pure. */
export function matchesFilter(filter: WallFilter, service: ServiceView): boolean {
  if (filter.teams.length > 0 && !(service.team && filter.teams.includes(service.team.id))) return false;
  if (filter.tags.length > 0 && !(service.tags ?? []).some((tag) => filter.tags.includes(tag))) return false;
  return filter.statuses.length === 0 || filter.statuses.includes(service.status);
}
