import type { UptimeDayView, UptimeFiguresView } from '../../shared/api';
import { formatDowntime, formatSpan, formatUptime, incidentsText } from './uptime-words';

/**
 * A service's days as bars: how good a day was, and the day in words. Pure.
 *
 * The levels follow the objectives people set. 99.9 % of a day is 86 s: a day at or above
 * it was a blip (`high`) that a 99.9 % objective absorbs. 99 % is 14 min 24 s: between
 * the two (`mid`) someone was likely paged; below it (`low`) it was a real outage.
 * `full` is a day with no downtime at all, `none` a day nothing was watched.
 */
export type UptimeLevel = 'full' | 'high' | 'mid' | 'low' | 'none';

/** Every level, best first, for the legend. */
export const UPTIME_LEVELS: readonly UptimeLevel[] = ['full', 'high', 'mid', 'low', 'none'];

/** The lowest uptime (0–1) of each level that has one. */
export const LEVEL_FLOOR = { high: 0.999, mid: 0.99 } as const;

/** What each level means, for the legend. */
export const LEVEL_WORDS: Record<UptimeLevel, string> = {
  full: '100 %',
  high: '≥ 99.9 %',
  mid: '≥ 99 %',
  low: 'below 99 %',
  none: 'no data',
};

/** How many bars the page shows: a 90-day window touches 91 local days, the oldest a sliver. */
export const DAYS_SHOWN = 90;

/** How good a stretch of time was; `full` only when nothing at all was down. */
export function uptimeLevel({ uptime, downMs }: Pick<UptimeFiguresView, 'uptime' | 'downMs'>): UptimeLevel {
  if (uptime === null) return 'none';
  if (downMs <= 0) return 'full';
  if (uptime >= LEVEL_FLOOR.high) return 'high';
  if (uptime >= LEVEL_FLOOR.mid) return 'mid';
  return 'low';
}

/** A day in words, for its tooltip and its accessible name: "2026-11-30: 99.20 % up, 11 min down, 1 incident". */
export function dayLabel(day: UptimeDayView): string {
  const parts =
    day.uptime === null
      ? ['no data']
      : [`${formatUptime(day.uptime, day.downMs)} up`, day.downMs > 0 ? `${formatSpan(day.downMs)} down` : 'no downtime', incidentsText(day.incidents)];
  // Time in maintenance is neither up nor down: said apart, so a grey or short day is explained.
  if (day.maintenanceMs > 0) parts.push(`${formatSpan(day.maintenanceMs)} in maintenance`);
  return `${day.day}: ${parts.join(', ')}`;
}

/** The newest `count` days, oldest first, as the bars are drawn. */
export function recentDays(days: readonly UptimeDayView[], count = DAYS_SHOWN): UptimeDayView[] {
  return days.slice(Math.max(0, days.length - count));
}

/**
 * The days in one sentence, so the bars are not read by colour alone: "All 90 days without
 * downtime." or "3 of 90 days had downtime; the worst, 2026-11-30: 97.21 % up, 40 min down."
 */
export function daysSummary(days: readonly UptimeDayView[]): string {
  const watched = days.filter((d) => d.uptime !== null);
  if (watched.length === 0) return days.length === 1 ? 'No data for this day.' : `No data for these ${days.length} days.`;
  const down = watched.filter((d) => d.downMs > 0);
  const unwatched = days.length - watched.length;
  const gap = unwatched > 0 ? ` ${unwatched} ${unwatched === 1 ? 'day' : 'days'} without data.` : '';
  if (down.length === 0) return `${watched.length === 1 ? 'The day' : `All ${watched.length} days`} watched without downtime.${gap}`;
  // The most downtime rather than the lowest ratio: a day half unwatched can have a low ratio from a short outage.
  const worst = down.reduce((a, b) => (b.downMs > a.downMs ? b : a));
  const had = `${down.length} of ${watched.length} ${watched.length === 1 ? 'day' : 'days'} watched had downtime`;
  return `${had}; the most on ${worst.day}: ${formatDowntime(worst.downMs)} (${formatUptime(worst.uptime, worst.downMs)} up).${gap}`;
}
