import { lazy, memo, Suspense, useMemo } from 'react';
import type { CheckView, HistoryResponse, HistoryResult, HistorySeries } from '../../shared/api';
import { chartPoints, latencySummary, resultsByCheck, type LatencySummary } from './chart-data';
import { formatLatency } from './format';
import type { ChartData } from './ResponseTimeChart';
import { seriesSummary, sliceRows } from './series-chart';

// recharts is big: it loads with the first chart, never with the board.
const ResponseTimeChart = lazy(() => import('./ResponseTimeChart'));

export interface ResponseTimesProps {
  /** The service's checks, problems first: one chart each. */
  checks: readonly CheckView[];
  /** The window's history. */
  history: HistoryResponse;
  /** The window in words: "the last 24 hours". */
  words: string;
}

/** One response-time chart per check, failures marked. Memoised: the page's clock ticks every second. */
export const ResponseTimes = memo(function ResponseTimes({ checks, history, words }: ResponseTimesProps) {
  const groups = useMemo(() => resultsByCheck(history.results), [history.results]);
  const series = useMemo(() => new Map(history.series.map((s) => [s.checkId, s])), [history.series]);
  // A source reports; it has no response time to chart (its history is under state changes).
  const probed = useMemo(() => checks.filter((check) => check.origin !== 'source'), [checks]);
  if (probed.length === 0) return null;
  const nothing = history.results.length === 0 && history.series.every((s) => s.buckets.length === 0);
  return (
    <section className="history-part" aria-labelledby="response-heading">
      <h3 id="response-heading">Response time</h3>
      {nothing ? (
        <p className="empty">{`No results in ${words}.`}</p>
      ) : (
        probed.map((check) => (
          <CheckChart key={check.id} check={check} series={series.get(check.id)} results={groups.get(check.id) ?? []} history={history} words={words} />
        ))
      )}
    </section>
  );
});

interface CheckChartProps {
  check: CheckView;
  /** The check's slices over the whole window, when the server sent them. */
  series: HistorySeries | undefined;
  /** Its raw results: drawn only when there are no slices (a server without rollups). */
  results: readonly HistoryResult[];
  history: HistoryResponse;
  words: string;
}

interface Drawn {
  data: ChartData;
  summary: LatencySummary;
  /** Start of the x axis, epoch ms. */
  from: number;
}

/**
 * What to draw: the slices when there are any, for they cover the whole window, else the
 * raw results. From the first of them rather than the window's start, so a check added an
 * hour ago is not a sliver at the right edge; but never less than a minute wide.
 */
function drawn(series: HistorySeries | undefined, results: readonly HistoryResult[], windowFrom: number, to: number): Drawn | null {
  const first = series?.buckets[0];
  if (series && first) {
    return { data: { kind: 'slices', rows: sliceRows(series, to) }, summary: seriesSummary(series.buckets), from: Math.min(to - 60_000, Date.parse(first.at)) };
  }
  if (results.length === 0) return null;
  const from = Math.min(to - 60_000, Math.max(windowFrom, Date.parse(results[0]!.at)));
  return { data: { kind: 'runs', points: chartPoints(results, from, to) }, summary: latencySummary(results), from };
}

function CheckChart({ check, series, results, history, words }: CheckChartProps) {
  const windowFrom = Date.parse(history.from);
  const to = Date.parse(history.to);
  const chart = useMemo(() => drawn(series, results, windowFrom, to), [series, results, windowFrom, to]);
  return (
    <figure className="chart" data-chart-check={check.id} data-chart-from={chart?.data.kind}>
      <figcaption>
        <strong>{check.id}</strong> <span className="check-type">{check.type}</span>
        <span className="dim">{` · ${summaryText(chart?.summary ?? latencySummary([]))}`}</span>
      </figcaption>
      {chart === null ? (
        <p className="empty">{`No results of this check in ${words}.`}</p>
      ) : (
        <Suspense fallback={<ChartPlaceholder />}>
          <ResponseTimeChart data={chart.data} from={chart.from} to={to} label={`Response time of ${check.id}`} />
        </Suspense>
      )}
    </figure>
  );
}

// The same size as the chart, so nothing jumps when it arrives.
function ChartPlaceholder() {
  return (
    <div className="chart-box">
      <div className="chart-placeholder">Loading the chart…</div>
    </div>
  );
}

function summaryText({ runs, problems, medianMs, maxMs }: LatencySummary): string {
  const parts = [`${runs} ${runs === 1 ? 'run' : 'runs'}`, `${problems} not ok`];
  if (medianMs !== null) parts.push(`median ${formatLatency(medianMs)}`);
  if (maxMs !== null) parts.push(`slowest ${formatLatency(maxMs)}`);
  return parts.join(' · ');
}
