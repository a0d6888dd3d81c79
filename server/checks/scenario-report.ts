import type { Observation, Outcome } from './types';

/** One step as the service page shows it. */
export interface StepReport {
  name: string;
  method: string;
  /** The URL requested, password masked; as written (with its {{variables}}) for a step not run. */
  url: string;
  status: number | null;
  latencyMs: number | null;
  outcome: Exclude<Outcome, 'unknown'> | 'not run';
  message: string;
  /** The start of the body of a failing step. */
  bodyExcerpt?: string;
}

/** Step N's name in messages: "step 3 'upload'", or "step 3" for a step named only by its number. */
export function stepLabel(index: number, name: string): string {
  const numbered = `step ${index + 1}`;
  return name === numbered ? numbered : `${numbered} '${name}'`;
}

/**
 * The scenario's observation from the steps that ran, in order, the last of them
 * possibly failed; `planned` lists every step so those after a failure show "not run". Pure.
 */
export function summarizeScenario(ran: StepReport[], planned: Array<Pick<StepReport, 'name' | 'method' | 'url'>>, totalMs: number): Observation {
  const notRun = planned.slice(ran.length).map((step): StepReport => ({ ...step, status: null, latencyMs: null, outcome: 'not run', message: 'not run' }));
  const details = { steps: [...ran, ...notRun] };
  const latencyMs = Math.round(totalMs);
  const failed = ran.findIndex((step) => step.outcome === 'failed');
  if (failed >= 0) return { outcome: 'failed', message: `${stepLabel(failed, ran[failed]!.name)}: ${ran[failed]!.message}`, latencyMs, details };
  const slow = ran.findIndex((step) => step.outcome === 'degraded');
  if (slow >= 0) return { outcome: 'degraded', message: `${stepLabel(slow, ran[slow]!.name)}: ${ran[slow]!.message}`, latencyMs, details };
  return { outcome: 'ok', message: `${ran.length} step${ran.length === 1 ? '' : 's'} ok`, latencyMs, details };
}
