import type { EscalationStep } from '../../shared/api';
import { nextStep } from '../notify/routing';
import type { Incident } from './model';

/** How one team's incidents escalate. */
export interface EscalationOptions {
  /** A new incident waits this long before its first page, so a failing dependency can take it over. */
  groupWaitMs: number;
  /** Not acknowledged this long after a step → the next step. */
  ackTimeoutMs: number;
  /** Whether the team has a secondary on-call layer to page before the whole team. */
  hasSecondary: boolean;
}

/**
 * The next step an incident pages and when, or null when it pages nobody more: it is
 * acknowledged, resolved, part of another service's incident, or every step was paged.
 * The time may have passed (a restart mid-escalation): then the step is due now. Pure.
 */
export function escalationDue(incident: Incident, options: EscalationOptions): { step: EscalationStep; at: number } | null {
  if (incident.status !== 'open' || incident.partOf !== null) return null;
  const step = nextStep(incident.step, { secondary: options.hasSecondary });
  if (step === null) return null;
  if (incident.step === null) return { step, at: Math.max(incident.openedAt, incident.pageFrom ?? incident.openedAt) + options.groupWaitMs };
  return { step, at: (incident.stepAt ?? incident.openedAt) + options.ackTimeoutMs };
}
