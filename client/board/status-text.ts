import type { Status } from '../../shared/status';

/** The word shown on a tile: status is never told by colour alone. */
export const STATUS_WORD: Record<Status, string> = {
  up: 'Up',
  degraded: 'Degraded',
  down: 'Down',
  unknown: 'Unknown',
  maintenance: 'Maintenance',
};

/** The shape drawn beside the word, named for tests and scripts. */
export type Shape = 'circle' | 'triangle' | 'square' | 'diamond' | 'hexagon';

export const STATUS_SHAPE: Record<Status, Shape> = {
  up: 'circle',
  degraded: 'triangle',
  down: 'square',
  unknown: 'diamond',
  maintenance: 'hexagon',
};
