import type { ServiceView } from '../../shared/api';
import { isProblem } from '../../shared/status';

/** On a phone, what goes above the on-call strip: a problem, or a service something it needs has let down. */
export const needsAttention = (service: ServiceView): boolean => isProblem(service.status) || service.impactedBy.length > 0;

/** A phone's one column: the problems, then (after the on-call strip) the rest. */
export interface PhoneColumn {
  /** In wall order. */
  problems: ServiceView[];
  /** In wall order. */
  rest: ServiceView[];
}

/**
 * Splits tiles already in wall order (sortForWall) for a phone, keeping that order within
 * each part: a person who opens the board on a phone reads what is wrong before who to
 * call, and who to call before what is fine. Pure.
 */
export function phoneColumn(tiles: readonly ServiceView[]): PhoneColumn {
  const problems: ServiceView[] = [];
  const rest: ServiceView[] = [];
  for (const service of tiles) (needsAttention(service) ? problems : rest).push(service);
  return { problems, rest };
}
