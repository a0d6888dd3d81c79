import type { ServiceView } from '../../shared/api';
import { isProblem } from '../../shared/status';
import type { BoardData } from '../api/services-cache';

/**
 * True when `after` is `before` with deltas applied, in order: the changes between them
 * happened while the board watched. A snapshot (the first after load, after a reconnect,
 * after a gap) comes with its own `generatedAt` and says only how things are now, what
 * changed while the board was away included; REST data has no place in the stream. Pure.
 */
function isLiveStep(before: BoardData | undefined, after: BoardData): boolean {
  if (!before?.held || !after.held) return false;
  return before.generatedAt === after.generatedAt && before.held.epoch === after.held.epoch && after.held.seq > before.held.seq;
}

/**
 * The services that became a problem (down, degraded, unknown) between two states of the
 * board, as it watched; none across a snapshot, and none for a service that was not there
 * before (a config reload adds services through a snapshot anyway). Pure.
 */
export function newProblems(before: BoardData | undefined, after: BoardData): ServiceView[] {
  if (!before || !isLiveStep(before, after)) return [];
  const was = new Map(before.services.map((s) => [s.id, s.status]));
  return after.services.filter((s) => {
    const status = was.get(s.id);
    return status !== undefined && !isProblem(status) && isProblem(s.status);
  });
}
