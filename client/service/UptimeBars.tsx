import type { UseQueryResult } from '@tanstack/react-query';
import { memo, useMemo } from 'react';
import type { ServiceUptimeResponse, UptimeDayView } from '../../shared/api';
import { dayLabel, daysSummary, LEVEL_WORDS, recentDays, UPTIME_LEVELS, uptimeLevel } from './uptime-days';

/** One bar per local day of the last 90, coloured and sized by the day's uptime, each with its day in words. */
export function UptimeBars({ query }: { query: UseQueryResult<ServiceUptimeResponse> }) {
  const days = query.data?.days;
  if (!days) {
    // The figures above say what failed and offer to try again.
    return <p className={query.error ? 'empty' : 'loading'}>{query.error ? 'The daily uptime could not be loaded.' : 'Loading the daily uptime…'}</p>;
  }
  if (days.length === 0) return <p className="empty">No days to show.</p>;
  return <DayBars days={days} />;
}

// Memoised: the page's clock ticks every second and ninety bars need not follow it.
const DayBars = memo(function DayBars({ days }: { days: readonly UptimeDayView[] }) {
  const shown = useMemo(() => recentDays(days), [days]);
  return (
    <figure className="uptime-days">
      <figcaption>
        <span className="uptime-days-title">{`Last ${shown.length} days`}</span>
        <span className="dim">{` · ${daysSummary(shown)}`}</span>
      </figcaption>
      <ol className="uptime-bars" aria-label="Uptime per day, oldest first">
        {shown.map((day) => {
          const label = dayLabel(day);
          return (
            <li key={day.day} className="uptime-day" data-uptime-day={day.day} data-uptime-level={uptimeLevel(day)} title={label}>
              <span className="uptime-bar" role="img" aria-label={label} />
            </li>
          );
        })}
      </ol>
      <div className="uptime-axis" aria-hidden="true">
        <span>{shown[0]!.day}</span>
        <span>{shown[shown.length - 1]!.day}</span>
      </div>
      <ul className="uptime-legend" aria-label="Key">
        {UPTIME_LEVELS.map((level) => (
          <li key={level} data-legend-level={level}>
            <span className="uptime-swatch" aria-hidden="true" />
            {LEVEL_WORDS[level]}
          </li>
        ))}
      </ul>
    </figure>
  );
});
