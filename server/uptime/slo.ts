import type { SloView } from '../../shared/api';
import type { UptimeFigures } from './model';

/** What an objective is judged by: its target and the name of its window. */
export interface Objective {
  /** 0–1, e.g. 0.999. */
  target: number;
  /** The window in short (`30d`), shown as is. */
  window: string;
}

/**
 * A service's error budget from its figures over its objective's window. Pure.
 *
 * The budget is a share of the time watched, not of the window: time the board did not
 * see (unknown) and maintenance neither spend budget nor earn any, so a server stopped for
 * a day leaves the budget as the watched time says. It is rounded to whole milliseconds,
 * as every duration in an answer is (99.9 % over 30 days is 43.2 minutes, not a hair more).
 * Exactly no budget left is not a breach: the objective allows that much downtime.
 */
export function sloView(figures: UptimeFigures, objective: Objective): SloView {
  const allowedShare = 1 - objective.target;
  const budgetMs = Math.round(allowedShare * figures.monitoredMs);
  const budgetLeftMs = budgetMs - figures.durations.down;
  return {
    target: objective.target,
    window: objective.window,
    uptime: figures.uptime,
    budgetMs,
    budgetLeftMs,
    burnRate: figures.monitoredMs > 0 ? figures.durations.down / figures.monitoredMs / allowedShare : null,
    breached: budgetLeftMs < 0,
  };
}
