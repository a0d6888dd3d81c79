import type { CheckView } from '../../shared/api';
import type { Status } from '../../shared/status';
import type { Transition } from '../store/store';
import type { MachineState } from './state-machine';

/** One status change as a structured log line: a record a team can read without the database. */
export interface TransitionLine {
  service: string;
  /** The check that changed; absent when the service itself did. */
  check?: string;
  from: Status | null;
  to: Status;
  /** Why, in words: the result that decided it, or the checks that make the service so. */
  reason: string;
}

const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** A check's change, decided by one result (`message`, already masked) after its thresholds. Pure. */
export function checkTransitionLine(service: string, check: string, t: Transition, machine: MachineState, message: string): TransitionLine {
  let reason = message;
  if (t.to === 'down' && machine.failures > 1) reason = `${plural(machine.failures, 'failure', 'failures')} in a row: ${message}`;
  else if (t.from === 'down' && machine.successes > 1) reason = `${plural(machine.successes, 'success', 'successes')} in a row: ${message}`;
  return { service, check, from: t.from, to: t.to, reason };
}

/** A service's own change, explained by the checks now in its new status. Pure. */
export function serviceTransitionLine(service: string, t: Transition, checks: readonly CheckView[]): TransitionLine {
  if (checks.length === 0) return { service, from: t.from, to: t.to, reason: 'it has no checks' };
  if (t.to === 'up') return { service, from: t.from, to: t.to, reason: 'every check is up' };
  const causes = checks.filter((c) => c.status === t.to).map((c) => `${c.id} ${c.status}: ${c.message}`);
  return { service, from: t.from, to: t.to, reason: causes.join('; ') };
}

/** The line's message: `checkout/health: up → down`. */
export function transitionMessage(line: TransitionLine): string {
  const subject = line.check === undefined ? line.service : `${line.service}/${line.check}`;
  return `${subject}: ${line.from ?? 'none'} → ${line.to}`;
}
