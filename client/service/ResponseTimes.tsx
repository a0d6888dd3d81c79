import { lazy, memo, Suspense, useMemo } from 'react';
import type { CheckView, HistoryResponse, HistoryResult } from '../../shared/api';
import { chartPoints, latencySummary, resultsByCheck } from './chart-data';
import { formatLatency } from './format';

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
  // A source reports; it has no response time to chart (its history is under state changes).
  const probed = useMemo(() => checks.filter((check) => check.origin !== 'source'), [checks]);
  if (probed.length === 0) return null;
  return (
    <section className="history-part" aria-labelledby="response-heading">
      <h3 id="response-heading">Response time</h3>
      {history.results.length === 0 ? (
        <p className="empty">{`No results in ${words}.`}</p>
      ) : (
        probed.map((check) => <CheckChart key={check.id} check={check} results={groups.get(check.id) ?? []} history={history} words={words} />)
      )}
    </section>
  );
});

interface CheckChartProps {
  check: CheckView;
  results: readonly HistoryResult[];
  history: HistoryResponse;
  words: string;
}

function CheckChart({ check, results, history, words }: CheckChartProps) {
  const to = Date.parse(history.to);
  // From the first result rather than the window's start, so a check added an hour ago
  // is not a sliver at the right edge; but never less than a minute wide.
  const from = Math.min(to - 60_000, Math.max(Date.parse(history.from), results.length > 0 ? Date.parse(results[0]!.at) : 0));
  const points = useMemo(() => chartPoints(results, from, to), [results, from, to]);
  return (
    <figure className="chart" data-chart-check={check.id}>
      <figcaption>
        <strong>{check.id}</strong> <span className="check-type">{check.type}</span>
        <span className="dim">{` · ${summaryText(results)}`}</span>
      </figcaption>
      {results.length === 0 ? (
        <p className="empty">{`No results of this check in ${words}.`}</p>
      ) : (
        <Suspense fallback={<ChartPlaceholder />}>
          <ResponseTimeChart points={points} from={from} to={to} label={`Response time of ${check.id}`} />
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

function summaryText(results: readonly HistoryResult[]): string {
  const { runs, problems, medianMs, maxMs } = latencySummary(results);
  const parts = [`${runs} ${runs === 1 ? 'run' : 'runs'}`, `${problems} not ok`];
  if (medianMs !== null) parts.push(`median ${formatLatency(medianMs)}`, `slowest ${formatLatency(maxMs)}`);
  return parts.join(' · ');
}
