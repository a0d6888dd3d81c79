import type { BoardNotice } from '../../shared/api';
import type { StoreProblem } from '../store/store';

/** What every board shows about the server itself, given the store's write problem. Pure. */
export function boardNotices(storeProblem: StoreProblem | null): BoardNotice[] {
  if (!storeProblem) return [];
  return [
    {
      code: 'history-not-saved',
      message: `History is not being saved: ${storeProblem.reason}. Statuses on the board stay live.`,
      since: new Date(storeProblem.since).toISOString(),
    },
  ];
}
