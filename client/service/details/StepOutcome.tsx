import type { ResultOutcome } from '../../../shared/api';
import { OUTCOME_WORD, outcomeStatus } from '../outcome';
import { StatusLabel } from '../StatusLabel';

const OUTCOMES: readonly string[] = ['ok', 'degraded', 'failed', 'unknown'] satisfies ResultOutcome[];

/** A step's outcome: a status label for ok / degraded / failed, plain dim words for "not run" or "skipped". */
export function StepOutcome({ outcome }: { outcome: string }) {
  if (!OUTCOMES.includes(outcome)) return <span className="dim">{outcome === 'not run' ? 'Not run' : capitalise(outcome)}</span>;
  const known = outcome as ResultOutcome;
  return <StatusLabel status={outcomeStatus(known)} word={OUTCOME_WORD[known]} />;
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
