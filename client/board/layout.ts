import type { ServiceView } from '../../shared/api';
import { isProblem } from '../../shared/status';

/** Most columns the wall will use; beyond that tiles get too small to read across a room. */
export const MAX_COLUMNS = 8;

/** Grid cells a tile takes on a wall screen: problems take two, so they stand out and fit their message. */
export function tileCells(service: ServiceView): number {
  return isProblem(service.status) ? 2 : 1;
}

/**
 * Columns for a landscape wall screen so that tiles fill it: about as many columns
 * as rows, because a 16:9 screen split that way gives tiles of roughly 2:1.
 */
export function wallColumns(services: readonly ServiceView[]): number {
  const cells = services.reduce((sum, s) => sum + tileCells(s), 0);
  return Math.min(MAX_COLUMNS, Math.max(1, Math.ceil(Math.sqrt(cells))));
}
