import type { HistoryTransition } from '../../shared/api';
import type { Status } from '../../shared/status';

/** One status change as the service page lists it. */
export interface TransitionRow {
  /** Stable within one answer: the position in it. */
  key: string;
  /** The check that changed, or null for the service itself. */
  checkId: string | null;
  /** The status before; null for the first status ever recorded. */
  from: Status | null;
  /** The status after. */
  to: Status;
  /** Epoch ms of the change. */
  at: number;
  /** How long `to` lasted: until the same subject's next change, or until `now` when it still holds. */
  lastedMs: number;
  /** True when `to` still holds (no later change of the same subject in the list). */
  ongoing: boolean;
}

/**
 * The changes newest first, each with how long it lasted. The service and each check
 * are followed separately: a check changing does not end the service's state. Pure.
 */
export function transitionRows(transitions: readonly HistoryTransition[], now: number): TransitionRow[] {
  const nextAt = new Map<string, number>(); // subject → time of its next (later) change
  const rows: TransitionRow[] = [];
  for (let i = transitions.length - 1; i >= 0; i--) {
    const t = transitions[i]!;
    const at = Date.parse(t.at);
    const subject = t.checkId ?? '';
    const end = nextAt.get(subject);
    rows.push({ key: String(i), checkId: t.checkId, from: t.from, to: t.to, at, lastedMs: Math.max(0, (end ?? now) - at), ongoing: end === undefined });
    nextAt.set(subject, at);
  }
  return rows;
}
