import { formatClock } from '../board/clock';
import { formatAgo } from '../service/format';

/** The kiosk's clock: local time as HH:MM (the seconds would only flicker from across a room). */
export function clockText(now: number): string {
  return formatClock(now).slice(0, 5);
}

/**
 * "updated 2s ago": how long since the server last said anything (a heartbeat comes
 * every 2 s, so a live board reads "just now" to "2s ago"); "not updated yet" before
 * its first word. Pure.
 */
export function updatedAgoText(lastUpdateAt: number | null, now: number): string {
  return lastUpdateAt === null ? 'not updated yet' : `updated ${formatAgo(lastUpdateAt, now)}`;
}
