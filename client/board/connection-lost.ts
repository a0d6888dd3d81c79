import { formatClock } from './clock';

/** "Connection lost — last update 14:02:11": the same words wherever a page goes stale. */
export function connectionLostText(lastUpdateAt: number | null): string {
  const detail = lastUpdateAt === null ? 'no live update yet' : `last update ${formatClock(lastUpdateAt)}`;
  return `Connection lost — ${detail}`;
}

export const RECONNECTING_HINT = 'Reconnecting… what is shown may be out of date';
