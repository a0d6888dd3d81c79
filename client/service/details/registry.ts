import type { ComponentType } from 'react';
import { alertList, browserSteps, scenarioSteps } from '../details-shape';
import { AlertList } from './AlertList';
import { BrowserResult } from './BrowserResult';
import { ScenarioSteps } from './ScenarioSteps';

/** A special view of one check type's details; types without one get the plain key/value list. */
export interface DetailsView {
  /** Keys of `details` the view shows itself; any others are listed plainly after it. */
  keys: readonly string[];
  /** Whether `details` has the shape the view reads; when not, everything is listed plainly. */
  accepts: (details: Record<string, unknown>) => boolean;
  /** The view. */
  Component: ComponentType<{ details: Record<string, unknown> }>;
}

// Add a view here: the check type and how to show its details.
export const DETAILS_VIEWS = {
  scenario: { keys: ['steps'], accepts: (d) => scenarioSteps(d) !== null, Component: ScenarioSteps },
  browser: {
    keys: ['steps', 'screenshot', 'screenshotError', 'pageUrl', 'failedStep'],
    accepts: (d) => browserSteps(d) !== null,
    Component: BrowserResult,
  },
  // Sources that report alerts: each result carries the alerts behind it.
  alertmanager: { keys: ['alerts'], accepts: (d) => alertList(d) !== null, Component: AlertList },
  prometheus: { keys: ['alerts'], accepts: (d) => alertList(d) !== null, Component: AlertList },
} satisfies Record<string, DetailsView>;

/** The special view for a check type, if it has one. */
export function detailsView(type: string): DetailsView | undefined {
  return (DETAILS_VIEWS as Record<string, DetailsView>)[type];
}
