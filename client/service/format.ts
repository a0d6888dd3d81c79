import { formatDuration } from '../../shared/duration';
import { formatClock } from '../board/clock';

/** "12s ago", "3m ago"; "just now" for anything under a second or in the (skewed) future. */
export function formatAgo(at: number, now: number): string {
  const ms = now - at;
  return ms < 1_000 ? 'just now' : `${formatDuration(ms)} ago`;
}

/** "in 4m" for a time still to come, else as formatAgo: "3m ago", "just now". */
export function formatFromNow(at: number, now: number): string {
  return at - now >= 1_000 ? `in ${formatDuration(at - now)}` : formatAgo(at, now);
}

/** "38 ms", "1.24 s"; an em dash when there is no figure. */
export function formatLatency(ms: number | null): string {
  if (ms === null) return '—';
  if (ms < 1_000) return `${Math.round(ms)} ms`;
  return `${(ms / 1_000).toFixed(ms < 10_000 ? 2 : 1)} s`;
}

const dayAndTime = new Intl.DateTimeFormat(undefined, {
  weekday: 'short',
  day: 'numeric',
  month: 'short',
  hour: '2-digit',
  minute: '2-digit',
  hourCycle: 'h23',
});

/** A local time: "14:02:11" today, "Mon 5 Jan, 14:02" on another day. */
export function formatWhen(at: number, now: number): string {
  const sameDay = new Date(at).toDateString() === new Date(now).toDateString();
  return sameDay ? formatClock(at) : dayAndTime.format(at);
}
